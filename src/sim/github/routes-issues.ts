import type { components } from '@octokit/openapi-types';
import { bodyObject, json, noContent, str, type SimRequest, type SimResponse } from '../http.js';
import type { Router } from '../router.js';
import type { GitRepo } from '../world/git.js';
import type { CommentRecord } from '../world/pulls.js';
import { ghError, notFound, validationFailed } from './errors.js';
import { isResponse, links, paginate, repoOf, viewerOf, type GithubContext } from './context.js';
import { issueComment } from './shapes-pulls.js';
import { simpleUser } from './shapes-repo.js';

const R = '/github/repos/:owner/:repo';
const DOCS = 'https://docs.github.com/rest/issues/comments';

/**
 * Issue comments (pull requests are issues), enough for a driver lease kept in a comment: list, create, read,
 * edit, delete. Every number below the next pull number counts as an existing issue. Also GET /user.
 */
export function issueRoutes(router: Router, ctx: GithubContext): void {
  const { world } = ctx;
  const withRepo = (fn: (req: SimRequest, repo: GitRepo) => SimResponse) => (req: SimRequest): SimResponse => {
    const repo = repoOf(ctx, req);
    return isResponse(repo) ? repo : fn(req, repo);
  };
  const issueExists = (n: number): boolean => Number.isInteger(n) && n >= 1 && n < world.nextPullNumber;
  const find = (id: number): CommentRecord | undefined => [...world.comments.values()].flat().find((c) => c.id === id);

  router.add('GET', `${R}/issues/:number/comments`, withRepo((req, repo) => {
    const n = Number(req.params['number']);
    if (!issueExists(n)) return notFound(DOCS);
    const since = req.query.get('since');
    const list = (world.comments.get(n) ?? []).filter((c) => !since || c.updatedAt >= Date.parse(since));
    const { page, headers } = paginate(req, list);
    return json(200, page.map((c) => issueComment(links(req), repo, c)), headers);
  }));

  router.add('POST', `${R}/issues/:number/comments`, withRepo((req, repo) => {
    const n = Number(req.params['number']);
    if (!issueExists(n)) return notFound(DOCS);
    const body = str(bodyObject(req.body)['body']);
    if (!body) return validationFailed(DOCS, [{ resource: 'IssueComment', field: 'body', code: 'missing_field' }]);
    const comment: CommentRecord = { id: world.nextCommentId, issue: n, user: viewerOf(ctx, req), body, createdAt: req.now, updatedAt: req.now };
    world.nextCommentId += 1;
    world.comments.set(n, [...(world.comments.get(n) ?? []), comment]);
    return json(201, issueComment(links(req), repo, comment), { location: `${links(req).api}/repos/${repo.fullName}/issues/comments/${comment.id}` });
  }));

  router.add('GET', `${R}/issues/comments/:id`, withRepo((req, repo) => {
    const c = find(Number(req.params['id']));
    return c ? json(200, issueComment(links(req), repo, c)) : notFound(DOCS);
  }));

  router.add('PATCH', `${R}/issues/comments/:id`, withRepo((req, repo) => {
    const c = find(Number(req.params['id']));
    if (!c) return notFound(DOCS);
    const body = str(bodyObject(req.body)['body']);
    if (!body) return validationFailed(DOCS, [{ resource: 'IssueComment', field: 'body', code: 'missing_field' }]);
    // As on GitHub, anyone with write access edits anyone's comment, and every sim token has push (shapes-repo.ts).
    c.body = body;
    c.updatedAt = req.now;
    return json(200, issueComment(links(req), repo, c));
  }));

  router.add('DELETE', `${R}/issues/comments/:id`, withRepo((req) => {
    const c = find(Number(req.params['id']));
    if (!c) return notFound(DOCS);
    world.comments.set(c.issue, (world.comments.get(c.issue) ?? []).filter((x) => x !== c));
    return noContent();
  }));

  router.add('GET', '/github/user', (req) => {
    const login = viewerOf(ctx, req);
    const person = world.person(login);
    return json(200, { ...simpleUser(links(req), login), name: person.name, email: person.email, company: 'Acme', blog: '', location: null, hireable: null, bio: null, twitter_username: null, public_repos: 3, public_gists: 0, followers: 4, following: 2, created_at: '2015-01-12T08:30:00Z', updated_at: '2024-02-01T10:00:00Z' } satisfies components['schemas']['public-user']);
  });
}
