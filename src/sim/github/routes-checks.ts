import { json, type SimRequest, type SimResponse } from '../http.js';
import type { Router } from '../router.js';
import type { GitRepo } from '../world/git.js';
import { ghError } from './errors.js';
import { isResponse, links, paginate, repoOf, type GithubContext } from './context.js';
import { combinedStatus } from './shapes-git.js';
import { checkRun, coverageStatus, legacyStatus, lintBotRun } from './shapes-checks.js';

const R = '/github/repos/:owner/:repo';

/** The two CI signals GitHub keeps per sha: check runs (Travis's GitHub App) and legacy commit statuses. */
export function checkRoutes(router: Router, ctx: GithubContext): void {
  const withCommit = (fn: (req: SimRequest, repo: GitRepo, sha: string) => SimResponse) => (req: SimRequest): SimResponse => {
    const repo = repoOf(ctx, req);
    if (isResponse(repo)) return repo;
    const c = repo.resolve(req.params['ref'] ?? '');
    return c ? fn(req, repo, c.sha) : ghError(422, `No commit found for SHA: ${req.params['ref']}`, 'https://docs.github.com/rest/commits/statuses');
  };
  const buildsFor = (sha: string, now: number, reporting: 'checks' | 'status') =>
    ctx.world.visibleBuilds(now).filter((b) => b.repo === ctx.world.service && b.headSha === sha && b.reporting === reporting);

  /** With rule optionalChecks, the bots report on every commit CI ran on, from the first build's time. */
  const optionalFor = (sha: string, now: number): number | undefined => {
    if (!ctx.world.rules.optionalChecks) return undefined;
    return ctx.world.visibleBuilds(now).find((b) => b.repo === ctx.world.service && b.headSha === sha)?.createdAt;
  };

  router.add('GET', `${R}/commits/:ref/status`, withCommit((req, repo, sha) => {
    // The combined status keeps the latest status per context.
    const latest = new Map<string, ReturnType<typeof legacyStatus>>();
    for (const b of buildsFor(sha, req.now, 'status')) latest.set(legacyStatus(links(req), b, req.now).context, legacyStatus(links(req), b, req.now));
    const bots = optionalFor(sha, req.now);
    if (bots) latest.set('codecov/patch', coverageStatus(bots));
    const statuses = [...latest.values()].sort((a, b) => b.updatedAt - a.updatedAt);
    const { page, headers } = paginate(req, statuses);
    return json(200, combinedStatus(links(req), repo, sha, page), headers);
  }));

  router.add('GET', `${R}/commits/:ref/statuses`, withCommit((req, repo, sha) => {
    const statuses = buildsFor(sha, req.now, 'status').map((b) => legacyStatus(links(req), b, req.now)).reverse();
    const { page, headers } = paginate(req, statuses);
    return json(200, combinedStatus(links(req), repo, sha, page).statuses, headers);
  }));

  router.add('GET', `${R}/commits/:ref/check-runs`, withCommit((req, repo, sha) => {
    const name = req.query.get('check_name');
    const status = req.query.get('status');
    let runs = buildsFor(sha, req.now, 'checks')
      .map((b) => checkRun(links(req), repo, b, b.pullRequest ? ctx.world.pulls.get(b.pullRequest.number) : undefined, req.now))
      .concat(optionalFor(sha, req.now) ? [lintBotRun(links(req), repo, sha, optionalFor(sha, req.now) as number)] : [])
      .filter((r) => (!name || r.name === name) && (!status || r.status === status))
      .sort((a, b) => Number(b.id) - Number(a.id));
    // filter=latest (the default) keeps the newest run per name.
    if (req.query.get('filter') !== 'all') runs = runs.filter((r, i) => runs.findIndex((x) => x.name === r.name) === i);
    const { page, headers } = paginate(req, runs);
    return json(200, { total_count: runs.length, check_runs: page }, headers);
  }));
}
