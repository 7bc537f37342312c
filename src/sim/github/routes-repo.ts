import { json } from '../http.js';
import type { Router } from '../router.js';
import { isResponse, links, paginate, repoOf, type GithubContext } from './context.js';
import { repository } from './shapes-repo.js';

const R = '/github/repos/:owner/:repo';

/** The repository itself and its branch list: what `cockpit init` reads to propose a config. */
export function repoRoutes(router: Router, ctx: GithubContext): void {
  router.add('GET', R, (req) => {
    const repo = repoOf(ctx, req);
    return isResponse(repo) ? repo : json(200, repository(links(req), repo, req.now));
  });

  router.add('GET', `${R}/branches`, (req) => {
    const repo = repoOf(ctx, req);
    if (isResponse(repo)) return repo;
    const all = [...repo.branches.entries()].sort(([a], [b]) => a.localeCompare(b));
    const { page, headers } = paginate(req, all);
    const l = links(req);
    return json(200, page.map(([name, sha]) => ({ name, commit: { sha, url: `${l.api}/repos/${repo.fullName}/commits/${sha}` }, protected: ctx.world.protectedBranches.has(name) })), headers);
  });
}
