import { iso } from '../clock.js';
import { buildView, isActive, jobView } from './ci.js';
import { requestsInWindow } from './travis-ops.js';
import { REQUESTS_PER_WINDOW } from './timings.js';
import type { World } from './world.js';

/** A readable picture of the world at `now` (GET /_sim/state): what a person debugging a test wants to see. */
export function summarize(world: World, now: number): Record<string, unknown> {
  const builds = world.visibleBuilds(now);
  const recent = builds.filter((b, i) => i >= builds.length - 15 || isActive(buildView(b, now).state));
  return {
    now: iso(now),
    nowMs: now,
    facts: world.facts,
    branches: Object.fromEntries([...world.git.branches].map(([name, sha]) => [name, { sha, message: world.git.commits.get(sha)?.message.split('\n')[0] }])),
    environments: world.environments.map((e) => ({ name: e.name, branch: e.branch, head: world.git.branches.get(e.branch), site: world.siteVersion(e, now), healthy: world.health.get(`site:${e.name}`) !== false })),
    pulls: [...world.pulls.values()].map((p) => {
      const m = world.mergeability(p, now);
      const build = world.pullBuild(p, now);
      return { number: p.number, title: p.title, head: p.headRef, base: p.baseRef, headSha: p.headSha, state: p.state, merged: p.merged, mergeable: m.mergeable, mergeableState: m.state, build: build?.id ?? null, buildState: build ? buildView(build, now).state : null };
    }),
    builds: recent.map((b) => ({
      id: b.id,
      repo: b.repo.slug,
      number: b.number,
      event: b.event,
      branch: b.branch,
      sha: b.commit.sha,
      headSha: b.headSha,
      pullRequest: b.pullRequest?.number ?? null,
      state: buildView(b, now).state,
      jobs: b.jobs.map((j) => ({ id: j.id, number: j.number, name: j.name, state: jobView(j, now).state, attempts: j.attempts.length })),
    })),
    ppcs: world.customers.map((c) => ({ id: c.id, revision: world.ppcRevision(c, now), healthy: world.health.get(`ppc:${c.id}`) !== false })),
    travisRequestsRemaining: Object.fromEntries(world.travisRepos.map((r) => [r.slug, REQUESTS_PER_WINDOW - requestsInWindow(world, r, now)])),
    busy: world.isBusy(now),
  };
}
