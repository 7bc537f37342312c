import { bodyObject, json, noContent, str, type SimRequest, type SimResponse } from '../http.js';
import type { Router } from '../router.js';
import type { GitRepo } from '../world/git.js';
import { mergePull, openPull } from '../world/github-ops.js';
import { updateBranch } from '../world/update-branch.js';
import type { PullRecord } from '../world/pulls.js';
import { WorldError } from '../world/world.js';
import { ghError, notFound, validationFailed } from './errors.js';
import { isResponse, links, paginate, repoOf, viewerOf, type GithubContext } from './context.js';
import { commit } from './shapes-git.js';
import { pullRequest, pullRequestSimple, review } from './shapes-pulls.js';

const R = '/github/repos/:owner/:repo';
const DOCS = {
  create: 'https://docs.github.com/rest/pulls/pulls#create-a-pull-request',
  get: 'https://docs.github.com/rest/pulls/pulls#get-a-pull-request',
  merge: 'https://docs.github.com/rest/pulls/pulls#merge-a-pull-request',
  merged: 'https://docs.github.com/rest/pulls/pulls#check-if-a-pull-request-has-been-merged',
  updateBranch: 'https://docs.github.com/rest/pulls/pulls#update-a-pull-request-branch',
};

/** Pull requests: list, open, read, reviews, merge. */
export function pullRoutes(router: Router, ctx: GithubContext): void {
  const { world } = ctx;
  const withRepo = (fn: (req: SimRequest, repo: GitRepo) => SimResponse) => (req: SimRequest): SimResponse => {
    const repo = repoOf(ctx, req);
    return isResponse(repo) ? repo : fn(req, repo);
  };
  const withPull = (fn: (req: SimRequest, repo: GitRepo, pull: PullRecord) => SimResponse) =>
    withRepo((req, repo) => {
      const pull = world.pulls.get(Number(req.params['number']));
      return pull ? fn(req, repo, pull) : notFound(DOCS.get);
    });
  const pushedAt = (repo: GitRepo): number => Math.max(...[...repo.branches.values()].map((s) => repo.commits.get(s)?.committedAt ?? 0));

  router.add('GET', `${R}/pulls`, withRepo((req, repo) => {
    const state = req.query.get('state') ?? 'open';
    const head = req.query.get('head');
    const base = req.query.get('base');
    const [headOwner, headBranch] = head?.includes(':') ? head.split(':', 2) : [repo.owner, head ?? undefined];
    const direction = req.query.get('direction') ?? 'desc';
    const sortKey = req.query.get('sort') === 'updated' ? 'updatedAt' : 'createdAt';
    const list = [...world.pulls.values()]
      .filter((p) => (state === 'all' || p.state === state) && (!base || p.baseRef === base) && (!head || (headOwner?.toLowerCase() === repo.owner && p.headRef === headBranch)))
      .sort((a, b) => (direction === 'asc' ? 1 : -1) * (a[sortKey] - b[sortKey] || a.number - b.number));
    const { page, headers } = paginate(req, list);
    return json(200, page.map((p) => pullRequestSimple(links(req), repo, p, pushedAt(repo))), headers);
  }));

  router.add('POST', `${R}/pulls`, withRepo((req, repo) => {
    const body = bodyObject(req.body);
    const missing = ['title', 'head', 'base'].find((k) => typeof body[k] !== 'string' || body[k] === '');
    if (missing) return validationFailed(DOCS.create, [{ resource: 'PullRequest', field: missing, code: 'missing_field' }]);
    try {
      const pull = openPull(world, { title: str(body['title']) as string, head: str(body['head']) as string, base: str(body['base']) as string, body: str(body['body']) ?? null, draft: body['draft'] === true, user: viewerOf(ctx, req) }, req.now);
      ctx.stats.prsCreated += 1;
      return json(201, full(req, repo, pull), { location: `${links(req).api}/repos/${repo.fullName}/pulls/${pull.number}` });
    } catch (error) {
      if (!(error instanceof WorldError)) throw error;
      return error.field
        ? validationFailed(DOCS.create, [{ resource: 'PullRequest', field: error.field, code: error.message }])
        : validationFailed(DOCS.create, [{ resource: 'PullRequest', code: 'custom', message: error.message }]);
    }
  }));

  const full = (req: SimRequest, repo: GitRepo, pull: PullRecord) =>
    pullRequest(links(req), repo, pull, world.mergeability(pull, req.now), repo.compare(pull.baseSha, pull.headSha).ahead, world.comments.get(pull.number)?.length ?? 0, pushedAt(repo));

  router.add('GET', `${R}/pulls/:number`, withPull((req, repo, pull) => json(200, full(req, repo, pull))));

  router.add('GET', `${R}/pulls/:number/commits`, withPull((req, repo, pull) => {
    const { page, headers } = paginate(req, repo.compare(pull.baseSha, pull.headSha).ahead);
    return json(200, page.map((c) => commit(links(req), repo, c)), headers);
  }));

  router.add('GET', `${R}/pulls/:number/reviews`, withPull((req, repo, pull) => {
    // A scenario may script a review for later: it exists once the sim clock reaches it.
    const { page, headers } = paginate(req, pull.reviews.filter((r) => r.submittedAt <= req.now));
    return json(200, page.map((r) => review(links(req), repo, pull, r)), headers);
  }));

  router.add('GET', `${R}/pulls/:number/merge`, withPull((_req, _repo, pull) => (pull.merged ? noContent() : notFound(DOCS.merged))));

  router.add('PUT', `${R}/pulls/:number/merge`, withPull((req, _repo, pull) => {
    const body = bodyObject(req.body);
    const method = str(body['merge_method']);
    if (method !== undefined && !['merge', 'squash', 'rebase'].includes(method)) return validationFailed(DOCS.merge, [{ resource: 'PullRequest', field: 'merge_method', code: 'invalid' }]);
    try {
      const merged = mergePull(world, pull, { sha: str(body['sha']), method, commitTitle: str(body['commit_title']), commitMessage: str(body['commit_message']), user: viewerOf(ctx, req) }, req.now);
      ctx.stats.merges += 1;
      return json(200, { sha: merged.sha, merged: true, message: 'Pull Request successfully merged' });
    } catch (error) {
      if (!(error instanceof WorldError)) throw error;
      return ghError(error.code === 'sha_mismatch' || error.code === 'out_of_date' ? 409 : 405, error.message, DOCS.merge);
    }
  }));

  router.add('PUT', `${R}/pulls/:number/update-branch`, withPull((req, repo, pull) => {
    const expected = str(bodyObject(req.body)['expected_head_sha']);
    try {
      updateBranch(world, pull, expected, req.now, viewerOf(ctx, req));
      ctx.stats.branchUpdates += 1;
      return json(202, { message: 'Updating pull request branch.', url: `${links(req).api}/repos/${repo.fullName}/pulls/${pull.number}` });
    } catch (error) {
      if (!(error instanceof WorldError)) throw error;
      return ghError(422, error.message, DOCS.updateBranch);
    }
  }));
}
