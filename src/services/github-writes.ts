import { RequestError } from '@octokit/request-error';
import type { MergeMethod } from '../domain/merge-method.js';
import type { PullRequest } from '../domain/pull.js';
import { SourceError } from '../domain/source.js';
import type { GitHubContext } from './github-context.js';
import { commentShape, mergeShape, parse, pullShape, refShape, toComment, toPull, updateBranchShape, type PullComment } from './github-map.js';

export interface NewPull {
  readonly head: string;
  readonly base: string;
  readonly title: string;
  readonly body: string;
}

export interface MergeOptions {
  /** The head sha the checks ran on: a push after them turns the merge into a conflict instead of an unreviewed merge. */
  readonly sha: string;
  /** GitHub's default (a merge commit) when unset; a method the repository forbids is a 405. */
  readonly method?: MergeMethod;
}

// A write that fails after reaching GitHub may already have taken effect; retrying blindly could repeat it.
const NO_RETRY = { request: { retries: 0 } } as const;

/**
 * The write side of the GitHub service. Writes are never retried on server errors (one may have taken effect);
 * callers reconcile by reading back. Refusals that need a person are SourceError kind 'conflict'.
 */
export interface GitHubWrites {
  /** A duplicate or an empty pull request is a 'conflict'; look first with findOpenPull. */
  createPull(pull: NewPull): Promise<PullRequest>;
  /** 409 (the head moved past `sha`) and 405 (not mergeable) are 'conflict'. Returns the merge commit sha. */
  mergePull(n: number, options: MergeOptions): Promise<{ sha: string }>;
  /** Idempotent: an existing branch at the same sha is 'exists'; at another sha it is a 'conflict'. */
  createBranch(name: string, sha: string): Promise<'created' | 'exists'>;
  /**
   * Merges the base into the PR's branch (PUT update-branch), only while its head is `expectedHeadSha`: GitHub
   * answers 202 and moves the head shortly after. A moved head or a conflict (422) is a 'conflict'.
   */
  updateBranch(n: number, expectedHeadSha: string): Promise<{ message: string }>;
  addComment(n: number, body: string): Promise<PullComment>;
  /** Edits a conversation comment in place (the driver comment: one per release, never a second). */
  updateComment(id: number, body: string): Promise<PullComment>;
}

export function createGitHubWrites(ctx: GitHubContext): GitHubWrites {
  const { owner, repo } = ctx;
  const octokit = ctx.client.octokit;

  return {
    createPull(pull: NewPull): Promise<PullRequest> {
      const doing = `opening a pull request from ${pull.head} into ${pull.base}`;
      return ctx.run(doing, async () => {
        try {
          const res = await octokit.request('POST /repos/{owner}/{repo}/pulls', { owner, repo, ...pull, ...NO_RETRY });
          return toPull(parse(pullShape, res.data, doing));
        } catch (err) {
          if (err instanceof RequestError && err.status === 422) {
            throw new SourceError('github', 'conflict', `GitHub: ${doing} failed: ${unprocessable(err)} (one may already be open, or there is nothing to merge)`, { status: 422 });
          }
          throw err;
        }
      });
    },

    mergePull(n: number, options: MergeOptions): Promise<{ sha: string }> {
      const doing = `merging #${n}`;
      return ctx.run(doing, async () => {
        try {
          const res = await octokit.request('PUT /repos/{owner}/{repo}/pulls/{pull_number}/merge', {
            owner,
            repo,
            pull_number: n,
            sha: options.sha,
            ...(options.method ? { merge_method: options.method } : {}),
            ...NO_RETRY,
          });
          return { sha: parse(mergeShape, res.data, doing).sha };
        } catch (err) {
          if (err instanceof RequestError && err.status === 409 && /out of date/i.test(unprocessable(err))) {
            throw new SourceError('github', 'conflict', `GitHub: ${doing} refused: the branch is out of date with its base (${unprocessable(err)}); update it and let CI run again`, { status: 409 });
          }
          if (err instanceof RequestError && err.status === 409) {
            throw new SourceError('github', 'conflict', `GitHub: ${doing} refused: the head moved since ${options.sha.slice(0, 7)} was checked; review the new commits first`, { status: 409 });
          }
          if (err instanceof RequestError && err.status === 405) {
            throw new SourceError('github', 'conflict', `GitHub: ${doing} refused: not mergeable (${unprocessable(err)})`, { status: 405 });
          }
          throw err;
        }
      });
    },

    createBranch(name: string, sha: string): Promise<'created' | 'exists'> {
      const doing = `creating branch ${name}`;
      return ctx.run(doing, async () => {
        try {
          await octokit.request('POST /repos/{owner}/{repo}/git/refs', { owner, repo, ref: `refs/heads/${name}`, sha, ...NO_RETRY });
          return 'created';
        } catch (err) {
          if (!(err instanceof RequestError && err.status === 422 && /already exists/i.test(unprocessable(err)))) throw err;
        }
        const existing = await octokit.request('GET /repos/{owner}/{repo}/git/ref/{ref}', { owner, repo, ref: `heads/${name}` });
        const at = parse(refShape, existing.data, doing).object.sha;
        if (at === sha) return 'exists';
        throw new SourceError('github', 'conflict', `GitHub: branch ${name} already exists at ${at.slice(0, 7)}, not at ${sha.slice(0, 7)}`, { status: 422 });
      });
    },

    updateBranch(n: number, expectedHeadSha: string): Promise<{ message: string }> {
      const doing = `updating the branch of #${n}`;
      return ctx.run(doing, async () => {
        try {
          const res = await octokit.request('PUT /repos/{owner}/{repo}/pulls/{pull_number}/update-branch', { owner, repo, pull_number: n, expected_head_sha: expectedHeadSha, ...NO_RETRY });
          return { message: parse(updateBranchShape, res.data, doing).message ?? 'Updating pull request branch.' };
        } catch (err) {
          if (err instanceof RequestError && err.status === 422) {
            throw new SourceError('github', 'conflict', `GitHub: ${doing} refused: ${unprocessable(err)}`, { status: 422 });
          }
          throw err;
        }
      });
    },

    addComment(n: number, body: string): Promise<PullComment> {
      const doing = `commenting on #${n}`;
      return ctx.run(doing, async () => {
        const res = await octokit.request('POST /repos/{owner}/{repo}/issues/{issue_number}/comments', { owner, repo, issue_number: n, body, ...NO_RETRY });
        return toComment(parse(commentShape, res.data, doing));
      });
    },

    updateComment(id: number, body: string): Promise<PullComment> {
      const doing = `editing comment ${id}`;
      return ctx.run(doing, async () => {
        const res = await octokit.request('PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}', { owner, repo, comment_id: id, body, ...NO_RETRY });
        return toComment(parse(commentShape, res.data, doing));
      });
    },
  };
}

function unprocessable(err: RequestError): string {
  const data = err.response?.data as { message?: unknown; errors?: unknown } | undefined;
  const errors = Array.isArray(data?.errors) ? data.errors : [];
  const detail = errors
    .map((e: unknown) => (e && typeof e === 'object' && 'message' in e ? String((e as { message: unknown }).message) : ''))
    .filter(Boolean)
    .join('; ');
  const message = typeof data?.message === 'string' ? data.message : err.message;
  return detail ? `${message}: ${detail}` : message;
}
