import { json, type SimRequest, type SimResponse } from '../http.js';
import type { Router } from '../router.js';
import type { GitRepo } from '../world/git.js';
import { allowedMergeMethods } from '../world/merge-state.js';
import { isResponse, links, repoOf, type GithubContext } from './context.js';
import { repository } from './shapes-repo.js';

/** GET /repos/{owner}/{repo}: the repository, with the merge methods it allows (rule squashOnly). */
export function repoRoutes(router: Router, ctx: GithubContext): void {
  const { world } = ctx;
  const withRepo = (fn: (req: SimRequest, repo: GitRepo) => SimResponse) => (req: SimRequest): SimResponse => {
    const repo = repoOf(ctx, req);
    return isResponse(repo) ? repo : fn(req, repo);
  };
  const pushedAt = (repo: GitRepo): number => Math.max(...[...repo.branches.values()].map((s) => repo.commits.get(s)?.committedAt ?? 0));

  router.add('GET', '/github/repos/:owner/:repo', withRepo((req, repo) => json(200, repository(links(req), repo, pushedAt(repo), allowedMergeMethods(world.rules)))));
}
