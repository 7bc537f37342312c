import { buildView, currentAttempt, jobView, type BuildRecord, type JobRecord, type TravisRepo } from './ci.js';
import type { Mergeability, PullRecord } from './pulls.js';
import { commitsBehind, conflictingFiles } from './merge-state.js';
import { DELAYS } from './timings.js';
import type { CustomerSpec, EnvironmentSpec } from './types.js';
import { WorldRecords } from './world-records.js';

export { WorldError } from './types.js';

/** Travis CI's GitHub App id, as check runs and branch rules name it. */
export const TRAVIS_APP_ID = 67;
export type { BuildSpec, CustomerSpec, EnvironmentSpec, JobSpec, RequestRecord, ScriptedFailure, WorldErrorCode, WorldSetup } from './types.js';

/** The demo world: its records (world-records.ts) and what its services report, derived from the clock when asked. */
export class World extends WorldRecords {
  /** Builds that exist at `now` (a build announced for later is not there yet). */
  visibleBuilds(now: number): BuildRecord[] {
    return this.builds.filter((b) => b.createdAt <= now);
  }

  build(id: number, now: number): BuildRecord | undefined {
    const b = this.buildsById.get(id);
    return b && b.createdAt <= now ? b : undefined;
  }

  job(id: number, now: number): JobRecord | undefined {
    const j = this.jobs.get(id);
    return j && this.build(j.buildId, now) ? j : undefined;
  }

  travisRepo(slugOrId: string): TravisRepo | undefined {
    return this.travisRepos.find((r) => r.slug.toLowerCase() === slugOrId.toLowerCase() || String(r.id) === slugOrId);
  }

  /** What an environment's site serves: the newest passed push build on its branch, once deployed. */
  siteVersion(env: EnvironmentSpec, now: number): string {
    let best: { sha: string; at: number } | undefined;
    for (const b of this.builds) {
      if (b.repo !== this.service || b.event !== 'push' || b.branch !== env.branch || b.createdAt > now) continue;
      const view = buildView(b, now);
      if (view.state !== 'passed' || view.finishedAt === null) continue;
      const at = view.finishedAt + DELAYS.deployMs;
      if (at <= now && (!best || at >= best.at)) best = { sha: b.commit.sha, at };
    }
    return best?.sha ?? env.initialSha;
  }

  /** What a customer's PPC runs: the revision of its newest passed update job. */
  ppcRevision(customer: CustomerSpec, now: number): string {
    let best: { revision: string; at: number } | undefined;
    for (const b of this.builds) {
      if (b.repo !== this.fleet || b.createdAt > now) continue;
      for (const j of b.jobs) {
        if (j.kind.type !== 'ppc' || j.kind.customer !== customer.id || !j.kind.revision) continue;
        const view = jobView(j, now);
        if (view.state === 'passed' && view.finishedAt !== null && (!best || view.finishedAt >= best.at)) best = { revision: j.kind.revision, at: view.finishedAt };
      }
    }
    return best?.revision ?? customer.initialRevision;
  }

  /** The newest pull-request build of this pull for its current head. */
  pullBuild(pull: PullRecord, now: number): BuildRecord | undefined {
    return this.visibleBuilds(now)
      .filter((b) => b.pullRequest?.number === pull.number && b.headSha === pull.headSha)
      .at(-1);
  }

  /**
   * Readiness as GitHub reports it. Decision: on a protected base (staging, production) a PR is "blocked" until
   * its required check "Travis CI - Pull Request" succeeds, then "clean"; elsewhere a pending or failing build
   * makes it "unstable". With the rules on, a conflict makes it "dirty" and a head lacking commits of its protected
   * base "behind" (see merge-state.ts).
   */
  mergeability(pull: PullRecord, now: number): Mergeability {
    if (pull.state !== 'open' || now < pull.mergeableAt) return { mergeable: null, state: 'unknown' };
    if (pull.draft) return { mergeable: true, state: 'draft', reason: 'Pull Request is still a draft' };
    if (this.rules.mergeConflicts && conflictingFiles(this.git, pull.baseSha, pull.headSha).length > 0) return { mergeable: false, state: 'dirty', reason: 'Pull Request is not mergeable' };
    if (this.rules.requireUpToDate && this.protectedBranches.has(pull.baseRef) && commitsBehind(this.git, pull.baseSha, pull.headSha) > 0) {
      return { mergeable: true, state: 'behind', reason: 'Head branch is out of date. Review and try the merge again.', refusal: 409 };
    }
    const build = this.pullBuild(pull, now);
    const state = build ? buildView(build, now).state : undefined;
    const passed = state === 'passed';
    if (!this.ciBranches.has(pull.baseRef)) return { mergeable: true, state: 'clean' };
    // A failing check that is not required leaves a pull request mergeable, but "unstable".
    if (passed) return { mergeable: true, state: this.rules.optionalChecks ? 'unstable' : 'clean' };
    if (this.requiredChecks(pull.baseRef).length === 0) return { mergeable: true, state: 'unstable' };
    const failing = state !== undefined && state !== 'started' && state !== 'created' && state !== 'queued';
    return { mergeable: true, state: 'blocked', reason: `Required status check "Travis CI - Pull Request" is ${failing ? 'failing' : 'expected'}.` };
  }

  /** Whether GitHub protects `branch` at all (classic protection or a ruleset). */
  isProtected(branch: string): boolean {
    return this.protectedBranches.has(branch);
  }

  /** The checks GitHub requires before a pull request into `branch` merges, and which rules name them. */
  requiredChecks(branch: string): readonly { readonly name: string; readonly appId: number; readonly via: 'protection' | 'ruleset' }[] {
    // Rule unprotectedProduction: production's protection requires no check at all (it may still require a branch
    // to be up to date): GitHub would merge any head into it, tested or not.
    if (!this.isProtected(branch) || (this.rules.unprotectedProduction && branch === 'production')) return [];
    const via = this.rules.rulesets && branch === 'staging' ? 'ruleset' : 'protection';
    return [{ name: 'Travis CI - Pull Request', appId: TRAVIS_APP_ID, via }];
  }

  /** True while some job has yet to finish, including builds announced for later. */
  isBusy(now: number): boolean {
    return this.builds.some((b) => b.jobs.some((j) => {
      const a = currentAttempt(j);
      return a.finishAt > now && (a.canceledAt === undefined || a.canceledAt > now);
    }));
  }
}
