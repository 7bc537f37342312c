import { RequestError } from '@octokit/request-error';
import type { CiSignals } from '../domain/ci.js';
import type { BranchRules } from '../domain/required-checks.js';
import type { Commit } from '../domain/commit.js';
import type { AllowedMethods } from '../domain/merge-method.js';
import type { PullRequest, Review } from '../domain/pull.js';
import { SourceError } from '../domain/source.js';
import { readRequiredChecks } from './github-branch-rules.js';
import type { GitHubContext } from './github-context.js';
import {
  branchShape,
  checkRunsShape,
  combinedStatusShape,
  commentShape,
  commitShape,
  compareShape,
  contentShape,
  parse,
  pullShape,
  repoShape,
  reviewShape,
  toCheckRun,
  toComment,
  toCommit,
  toPull,
  toReview,
  toStatus,
  type PullComment,
} from './github-map.js';

export interface PullFilter {
  readonly base?: string;
  /** A branch name ("staging") or an "owner:branch" pair. */
  readonly head?: string;
  readonly state?: 'open' | 'closed' | 'all';
  /** At most this many, newest first (default 100). */
  readonly limit?: number;
}

export interface Comparison {
  readonly aheadBy: number;
  readonly behindBy: number;
  /** Commits in head that base lacks, newest first (GitHub returns at most 250). */
  readonly commits: readonly Commit[];
  /** The files those commits change (GitHub lists at most 300). */
  readonly files?: readonly string[];
}

/** The read side of the GitHub service; every read is a conditional GET, so an unchanged answer costs no rate limit. */
export interface GitHubReads {
  /** The newest commit of a branch: one request (a 304 when unchanged). */
  getHead(branch: string): Promise<Commit>;
  /** One commit by sha: its author says who pushed a pull request's new head. */
  getCommit(sha: string): Promise<Commit>;
  /** Up to `limit` commits of a branch, newest first: one request per 100. */
  listCommits(branch: string, limit: number): Promise<Commit[]>;
  /** Both GitHub CI systems for a sha, check runs and the legacy combined status: two requests. */
  getCiSignals(sha: string): Promise<CiSignals>;
  /** What `head` has that `base` lacks (aheadBy) and the reverse (behindBy). */
  compare(base: string, head: string): Promise<Comparison>;
  /** A text file at a ref (branch, tag or sha), decoded as UTF-8. */
  getFile(path: string, ref: string): Promise<string>;
  /** The open pull request from `head` (a branch, or "owner:branch") into `base`, or null. */
  findOpenPull(head: string, base: string): Promise<PullRequest | null>;
  /** Pull requests, newest first (default: open ones, at most 100). */
  listPulls(filter?: PullFilter): Promise<PullRequest[]>;
  getPull(n: number): Promise<PullRequest>;
  /** Reviews in the order they were given. */
  listReviews(n: number): Promise<Review[]>;
  /** False for an open, closed-unmerged or unknown pull request. */
  isMerged(n: number): Promise<boolean>;
  /** Conversation comments on a pull request, oldest first. */
  listComments(n: number): Promise<PullComment[]>;
  /** Which merge methods the repository allows (GET /repos/{owner}/{repo}; one request, a 304 when unchanged). */
  getMergeMethods(): Promise<AllowedMethods>;
  /** The login the token acts as (GET /user): who the journal says drives the release. */
  viewer(): Promise<string>;
  /**
   * The checks GitHub requires before a pull request into `branch` merges: branch protection's required status
   * checks and the rulesets' (two requests). A source the token may not read is named in `unreadable`.
   */
  requiredChecks(branch: string): Promise<BranchRules>;
}

export function createGitHubReads(ctx: GitHubContext): GitHubReads {
  const perPage = ctx.pageSize;
  const qualify = (head: string): string => (head.includes(':') ? head : `${ctx.owner}:${head}`);

  const listPulls = (filter: PullFilter = {}): Promise<PullRequest[]> => {
    const limit = filter.limit ?? 100;
    const params = {
      state: filter.state ?? 'open',
      per_page: Math.min(limit, perPage),
      ...(filter.base ? { base: filter.base } : {}),
      ...(filter.head ? { head: qualify(filter.head) } : {}),
    };
    return ctx.run(`listing pull requests`, async () => {
      const raw = await ctx.pages('GET /repos/{owner}/{repo}/pulls', params, (d) => asArray(d), limit);
      return raw.map((p) => toPull(parse(pullShape, p, 'listing pull requests')));
    });
  };

  return {
    getHead(branch: string): Promise<Commit> {
      const doing = `reading the head of branch ${branch}`;
      return ctx.run(doing, async () => {
        const res = await ctx.get('GET /repos/{owner}/{repo}/branches/{branch}', { branch });
        return toCommit(parse(branchShape, res.data, doing).commit);
      });
    },

    getCommit(sha: string): Promise<Commit> {
      const doing = `reading commit ${sha.slice(0, 7)}`;
      return ctx.run(doing, async () => toCommit(parse(commitShape, (await ctx.get('GET /repos/{owner}/{repo}/commits/{ref}', { ref: sha })).data, doing)));
    },

    listCommits(branch: string, limit: number): Promise<Commit[]> {
      const doing = `listing commits of branch ${branch}`;
      return ctx.run(doing, async () => {
        const raw = await ctx.pages('GET /repos/{owner}/{repo}/commits', { sha: branch, per_page: Math.min(Math.max(limit, 1), perPage) }, asArray, limit);
        return raw.map((c) => toCommit(parse(commitShape, c, doing)));
      });
    },

    getCiSignals(sha: string): Promise<CiSignals> {
      const doing = `reading CI of ${sha.slice(0, 7)}`;
      return ctx.run(doing, async () => {
        const [runs, statuses] = await Promise.all([
          ctx.pages('GET /repos/{owner}/{repo}/commits/{ref}/check-runs', { ref: sha, per_page: perPage }, (d) => parse(checkRunsShape, d, doing).check_runs, 1000),
          ctx.pages('GET /repos/{owner}/{repo}/commits/{ref}/status', { ref: sha, per_page: perPage }, (d) => parse(combinedStatusShape, d, doing).statuses, 1000),
        ]);
        return { sha, checkRuns: runs.map(toCheckRun), statuses: statuses.map(toStatus) };
      });
    },

    compare(base: string, head: string): Promise<Comparison> {
      const doing = `comparing ${base}...${head}`;
      return ctx.run(doing, async () => {
        const res = await ctx.get('GET /repos/{owner}/{repo}/compare/{basehead}', { basehead: `${base}...${head}` });
        const c = parse(compareShape, res.data, doing);
        return { aheadBy: c.ahead_by, behindBy: c.behind_by, commits: c.commits.map(toCommit).reverse(), files: (c.files ?? []).map((f) => f.filename) };
      });
    },

    getFile(path: string, ref: string): Promise<string> {
      const doing = `reading ${path} at ${ref}`;
      return ctx.run(doing, async () => {
        const encoded = path.split('/').filter(Boolean).map(encodeURIComponent).join('/');
        const res = await ctx.get(`GET /repos/{owner}/{repo}/contents/${encoded}`, { ref });
        // GitHub answers a directory with the list of its entries.
        if (Array.isArray(res.data)) throw new SourceError('github', 'invalid-response', `GitHub: ${path} at ${ref} is a directory, not a file`);
        const file = parse(contentShape, res.data, doing);
        if (file.type !== undefined && file.type !== 'file') throw new SourceError('github', 'invalid-response', `GitHub: ${path} at ${ref} is a ${file.type}, not a file`);
        if (file.encoding !== 'base64' || typeof file.content !== 'string') {
          throw new SourceError('github', 'invalid-response', `GitHub: ${path} at ${ref} came without base64 content (too large?)`);
        }
        return Buffer.from(file.content, 'base64').toString('utf8');
      });
    },

    async findOpenPull(head: string, base: string): Promise<PullRequest | null> {
      const open = await listPulls({ head, base, state: 'open', limit: 1 });
      return open[0] ?? null;
    },

    listPulls,

    getPull(n: number): Promise<PullRequest> {
      const doing = `reading pull request #${n}`;
      return ctx.run(doing, async () => toPull(parse(pullShape, (await ctx.get('GET /repos/{owner}/{repo}/pulls/{pull_number}', { pull_number: n })).data, doing)));
    },

    listReviews(n: number): Promise<Review[]> {
      const doing = `listing reviews of #${n}`;
      return ctx.run(doing, async () => {
        const raw = await ctx.pages('GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews', { pull_number: n, per_page: perPage }, asArray, 1000);
        return raw.map((r) => toReview(parse(reviewShape, r, doing)));
      });
    },

    isMerged(n: number): Promise<boolean> {
      return ctx.run(`checking whether #${n} is merged`, async () => {
        try {
          await ctx.client.octokit.request('GET /repos/{owner}/{repo}/pulls/{pull_number}/merge', { owner: ctx.owner, repo: ctx.repo, pull_number: n });
          return true;
        } catch (err) {
          if (err instanceof RequestError && err.status === 404) return false;
          throw err;
        }
      });
    },

    getMergeMethods(): Promise<AllowedMethods> {
      const doing = `reading the merge methods ${ctx.owner}/${ctx.repo} allows`;
      return ctx.run(doing, async () => {
        const r = parse(repoShape, (await ctx.get('GET /repos/{owner}/{repo}')).data, doing);
        return { merge: r.allow_merge_commit, squash: r.allow_squash_merge, rebase: r.allow_rebase_merge };
      });
    },

    viewer(): Promise<string> {
      const doing = 'reading who the token belongs to';
      return ctx.run(doing, async () => {
        const res = await ctx.client.octokit.request('GET /user');
        const login = (res.data as { login?: unknown } | null)?.login;
        if (typeof login !== 'string' || login === '') throw new Error('GitHub named no login');
        return login;
      });
    },

    requiredChecks(branch: string): Promise<BranchRules> {
      return readRequiredChecks(ctx, branch);
    },

    listComments(n: number): Promise<PullComment[]> {
      const doing = `listing comments of #${n}`;
      return ctx.run(doing, async () => {
        const raw = await ctx.pages('GET /repos/{owner}/{repo}/issues/{issue_number}/comments', { issue_number: n, per_page: perPage }, asArray, 1000);
        return raw.map((c) => toComment(parse(commentShape, c, doing)));
      });
    },
  };
}

function asArray(data: unknown): readonly unknown[] {
  if (!Array.isArray(data)) throw new SourceError('github', 'invalid-response', 'GitHub: expected a list in the answer');
  return data;
}
