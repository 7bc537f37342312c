import { json, type SimRequest, type SimResponse } from '../http.js';
import type { Router } from '../router.js';
import type { GitRepo } from '../world/git.js';
import { allowedMergeMethods } from '../world/merge-state.js';
import { isResponse, links, paginate, repoOf, type GithubContext } from './context.js';
import { repository } from './shapes-repo.js';

const R = '/github/repos/:owner/:repo';

/**
 * The repository itself, with the merge methods it allows (rule squashOnly), and its branch list: what the merge
 * step and `cockpit init` read.
 */
export function repoRoutes(router: Router, ctx: GithubContext): void {
  const { world } = ctx;
  const withRepo = (fn: (req: SimRequest, repo: GitRepo) => SimResponse) => (req: SimRequest): SimResponse => {
    const repo = repoOf(ctx, req);
    return isResponse(repo) ? repo : fn(req, repo);
  };
  const pushedAt = (repo: GitRepo): number => Math.max(...[...repo.branches.values()].map((s) => repo.commits.get(s)?.committedAt ?? 0));

  router.add('GET', R, withRepo((req, repo) => json(200, repository(links(req), repo, pushedAt(repo), allowedMergeMethods(world.rules)))));

  router.add('GET', `${R}/branches`, withRepo((req, repo) => {
    const all = [...repo.branches.entries()].sort(([a], [b]) => a.localeCompare(b));
    const { page, headers } = paginate(req, all);
    const l = links(req);
    return json(200, page.map(([name, sha]) => ({ name, commit: { sha, url: `${l.api}/repos/${repo.fullName}/commits/${sha}` }, protected: world.isProtected(name) })), headers);
  }));
}
