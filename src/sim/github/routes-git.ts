import { bodyObject, json, str, text, type SimRequest, type SimResponse } from '../http.js';
import type { Router } from '../router.js';
import type { GitRepo } from '../world/git.js';
import { createRef } from '../world/github-ops.js';
import { WorldError } from '../world/world.js';
import { ghError, notFound } from './errors.js';
import { isResponse, links, paginate, repoOf, viewerOf, type GithubContext } from './context.js';
import { branch, commit, commitWithFiles, comparison, contentFile, directoryEntries, gitRef } from './shapes-git.js';

const R = '/github/repos/:owner/:repo';
const DOCS = {
  ref: 'https://docs.github.com/rest/git/refs#get-a-reference',
  createRef: 'https://docs.github.com/rest/git/refs#create-a-reference',
  branch: 'https://docs.github.com/rest/branches/branches#get-a-branch',
  commits: 'https://docs.github.com/rest/commits/commits#list-commits',
  commit: 'https://docs.github.com/rest/commits/commits#get-a-commit',
  compare: 'https://docs.github.com/rest/commits/commits#compare-two-commits',
  contents: 'https://docs.github.com/rest/repos/contents#get-repository-content',
};

/** Refs, branches, commits, compare and contents. */
export function gitRoutes(router: Router, ctx: GithubContext): void {
  const withRepo = (fn: (req: SimRequest, repo: GitRepo) => SimResponse) => (req: SimRequest): SimResponse => {
    const repo = repoOf(ctx, req);
    return isResponse(repo) ? repo : fn(req, repo);
  };

  router.add('GET', `${R}/git/ref/*`, withRepo((req, repo) => {
    const name = /^heads\/(.+)$/.exec(req.params['*'] ?? '')?.[1];
    const sha = name ? repo.branches.get(name) : undefined;
    return name && sha ? json(200, gitRef(links(req), repo, name, sha)) : notFound(DOCS.ref);
  }));

  router.add('POST', `${R}/git/refs`, withRepo((req, repo) => {
    const body = bodyObject(req.body);
    const ref = str(body['ref']);
    const sha = str(body['sha']);
    if (!ref || !sha) return ghError(422, `Invalid request.\n\n"${!ref ? 'ref' : 'sha'}" wasn't supplied.`, DOCS.createRef);
    try {
      const created = createRef(ctx.world, ref, sha, req.now, viewerOf(ctx, req));
      ctx.stats.refsCreated += 1;
      const name = ref.replace(/^refs\/heads\//, '');
      return json(201, gitRef(links(req), repo, name, created.sha), { location: `${links(req).api}/repos/${repo.fullName}/git/refs/heads/${name}` });
    } catch (error) {
      if (error instanceof WorldError) return ghError(422, error.message, DOCS.createRef);
      throw error;
    }
  }));

  router.add('GET', `${R}/branches/*`, withRepo((req, repo) => {
    const name = req.params['*'] ?? '';
    const head = repo.head(name);
    return head ? json(200, branch(links(req), repo, name, head, ctx.world.protectedBranches.has(name))) : ghError(404, 'Branch not found', DOCS.branch);
  }));

  router.add('GET', `${R}/commits`, withRepo((req, repo) => {
    const ref = req.query.get('sha') || repo.defaultBranch;
    const start = repo.resolve(ref);
    if (!start) return ghError(404, `No commit found for SHA: ${ref}`, DOCS.commits);
    const since = req.query.get('since');
    const until = req.query.get('until');
    const path = req.query.get('path');
    const author = req.query.get('author');
    const list = repo.log(start.sha).filter(
      (c) =>
        (!since || c.committedAt >= Date.parse(since)) &&
        (!until || c.committedAt <= Date.parse(until)) &&
        (!path || c.changes.some((f) => f.filename === path || f.filename.startsWith(`${path.replace(/\/$/, '')}/`))) &&
        (!author || c.author.login === author || c.author.email === author),
    );
    const { page, headers } = paginate(req, list);
    return json(200, page.map((c) => commit(links(req), repo, c)), headers);
  }));

  router.add('GET', `${R}/commits/:ref`, withRepo((req, repo) => {
    const c = repo.resolve(req.params['ref'] ?? '');
    return c ? json(200, commitWithFiles(links(req), repo, c)) : ghError(422, `No commit found for SHA: ${req.params['ref']}`, DOCS.commit);
  }));

  router.add('GET', `${R}/compare/*`, withRepo((req, repo) => {
    const basehead = req.params['*'] ?? '';
    const [baseRef, headRef] = basehead.split('...', 2);
    const base = baseRef ? repo.resolve(baseRef) : undefined;
    const head = headRef ? repo.resolve(headRef) : undefined;
    if (!base || !head) return notFound(DOCS.compare);
    return json(200, comparison(links(req), repo, base, head, repo.compare(base.sha, head.sha), basehead));
  }));

  router.add('GET', `${R}/contents/*`, withRepo((req, repo) => {
    const path = (req.params['*'] ?? '').replace(/^\/+/, '');
    const ref = req.query.get('ref') || repo.defaultBranch;
    const c = repo.resolve(ref);
    if (!c) return ghError(404, `No commit found for the ref ${ref}`, DOCS.contents);
    const content = c.files.get(path);
    if (content === undefined && ctx.world.rules.directoryListings) {
      const entries = directoryEntries(links(req), repo, [...c.files.keys()], path, ref);
      if (entries.length > 0) return json(200, entries);
    }
    if (content === undefined) return notFound(DOCS.contents);
    // Octokit's mediaType {format: "raw"} asks with application/vnd.github.v3.raw.
    if (/application\/vnd\.github(\.v3)?\.raw/.test(req.headers.accept ?? '')) return text(200, content);
    return json(200, contentFile(links(req), repo, path, ref, content));
  }));
}
