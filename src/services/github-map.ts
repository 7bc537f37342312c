import * as z from '../zod-mini.js';
import type { CheckRunSignal, StatusSignal } from '../domain/ci.js';
import type { Commit } from '../domain/commit.js';
import type { PullRequest, Review, ReviewState } from '../domain/pull.js';
import { parseAnswer } from './parse-answer.js';

// Only the fields the cockpit reads; everything else GitHub sends is ignored.
const person = z.nullish(z.object({ name: z.nullish(z.string()), date: z.nullish(z.string()) }));
const login = z.nullish(z.object({ login: z.string() }));

export const commitShape = z.object({
  sha: z.string().check(z.minLength(1)),
  html_url: z.nullish(z.string()),
  commit: z.object({ message: z.string(), author: person, committer: person }),
  author: login,
});

export const refShape = z.object({ object: z.object({ sha: z.string().check(z.minLength(1)) }) });

export const branchShape = z.object({ commit: commitShape });

export const compareShape = z.object({
  ahead_by: z.number(),
  behind_by: z.number(),
  commits: z.array(commitShape),
  files: z.optional(z.array(z.object({ filename: z.string() }))),
});

/** GET /repos/{owner}/{repo}: the merge methods it allows (absent for a token that may not push). */
export const repoShape = z.object({
  full_name: z.optional(z.string()),
  allow_merge_commit: z.optional(z.boolean()),
  allow_squash_merge: z.optional(z.boolean()),
  allow_rebase_merge: z.optional(z.boolean()),
});

export const updateBranchShape = z.object({ message: z.optional(z.string()) });

export const contentShape = z.object({ type: z.optional(z.string()), encoding: z.nullish(z.string()), content: z.nullish(z.string()) });

export const checkRunsShape = z.object({
  total_count: z.number(),
  check_runs: z.array(
    z.object({
      name: z.string(),
      // A status GitHub adds later is judged unknown by the verdict, never a reason to fail the whole page.
      status: z.string(),
      conclusion: z.nullish(z.string()),
      external_id: z.nullish(z.string()),
      details_url: z.nullish(z.string()),
      html_url: z.nullish(z.string()),
      app: z.nullish(z.object({ id: z.nullish(z.number()), slug: z.nullish(z.string()) })),
    }),
  ),
});

export const combinedStatusShape = z.object({
  total_count: z.optional(z.number()),
  statuses: z.array(
    z.object({
      context: z.string(),
      state: z.string(),
      description: z.nullish(z.string()),
      target_url: z.nullish(z.string()),
    }),
  ),
});

export const pullShape = z.object({
  number: z.number(),
  title: z.string(),
  html_url: z.string(),
  state: z.enum(['open', 'closed']),
  merged: z.nullish(z.boolean()),
  merged_at: z.nullish(z.string()),
  mergeable: z.nullish(z.boolean()),
  mergeable_state: z.nullish(z.string()),
  merge_commit_sha: z.nullish(z.string()),
  created_at: z.string(),
  head: z.object({ ref: z.string(), sha: z.string() }),
  base: z.object({ ref: z.string() }),
});

export const reviewShape = z.object({
  id: z.number(),
  user: login,
  state: z.string(),
  submitted_at: z.nullish(z.string()),
  commit_id: z.nullish(z.string()),
});

export const commentShape = z.object({
  id: z.number(),
  body: z.nullish(z.string()),
  user: login,
  created_at: z.string(),
  html_url: z.nullish(z.string()),
});

/** GET .../branches/{b}/protection/required_status_checks */
export const requiredChecksShape = z.object({
  contexts: z.nullish(z.array(z.string())),
  checks: z.nullish(z.array(z.object({ context: z.string(), app_id: z.nullish(z.number()) }))),
});

/** GET .../rules/branches/{b}: every active rule for the branch; only required_status_checks matter here. */
export const branchRulesShape = z.array(
  z.object({
    type: z.string(),
    parameters: z.nullish(z.object({ required_status_checks: z.nullish(z.array(z.object({ context: z.string(), integration_id: z.nullish(z.number()) }))) })),
  }),
);

export const mergeShape = z.object({ sha: z.string().check(z.minLength(1)) });

/** Parses a GitHub answer or throws SourceError 'invalid-response'. */
export function parse<S extends z.core.$ZodType>(shape: S, data: unknown, doing: string): z.output<S> {
  return parseAnswer('github', shape, data, doing);
}

export function toCommit(c: z.output<typeof commitShape>): Commit {
  const author = c.author?.login ?? c.commit.author?.name ?? 'unknown';
  const date = c.commit.author?.date ?? c.commit.committer?.date ?? '';
  return { sha: c.sha, message: c.commit.message, author, date, ...(c.html_url ? { url: c.html_url } : {}) };
}

export function toCheckRun(r: z.output<typeof checkRunsShape>['check_runs'][number]): CheckRunSignal {
  const url = r.details_url ?? r.html_url;
  return {
    name: r.name,
    status: r.status,
    conclusion: r.conclusion ?? null,
    ...(r.external_id ? { externalId: r.external_id } : {}),
    ...(url ? { url } : {}),
    ...(r.app?.slug ? { app: r.app.slug } : {}),
    ...(typeof r.app?.id === 'number' ? { appId: r.app.id } : {}),
  };
}

export function toStatus(s: z.output<typeof combinedStatusShape>['statuses'][number]): StatusSignal {
  return {
    context: s.context,
    state: s.state,
    ...(s.description ? { description: s.description } : {}),
    ...(s.target_url ? { url: s.target_url } : {}),
  };
}

export function toPull(p: z.output<typeof pullShape>): PullRequest {
  return {
    number: p.number,
    title: p.title,
    url: p.html_url,
    state: p.state,
    // The list endpoint has no `merged`; `merged_at` says the same.
    merged: p.merged ?? p.merged_at != null,
    mergeable: p.mergeable ?? null,
    mergeableState: p.mergeable_state ?? 'unknown',
    headRef: p.head.ref,
    headSha: p.head.sha,
    baseRef: p.base.ref,
    mergeCommitSha: p.merge_commit_sha ?? null,
    createdAt: p.created_at,
    mergedAt: p.merged_at ?? null,
  };
}

const REVIEW_STATES: readonly ReviewState[] = ['APPROVED', 'CHANGES_REQUESTED', 'COMMENTED', 'DISMISSED', 'PENDING'];

export function toReview(r: z.output<typeof reviewShape>): Review {
  const state = REVIEW_STATES.find((s) => s === r.state.toUpperCase()) ?? 'COMMENTED';
  return { id: r.id, user: r.user?.login ?? 'ghost', state, submittedAt: r.submitted_at ?? null, commitId: r.commit_id ?? null };
}

/** A pull-request conversation comment (issue comment). */
export interface PullComment {
  readonly id: number;
  readonly user: string;
  readonly body: string;
  readonly createdAt: string;
  readonly url?: string;
}

export function toComment(c: z.output<typeof commentShape>): PullComment {
  return { id: c.id, user: c.user?.login ?? 'ghost', body: c.body ?? '', createdAt: c.created_at, ...(c.html_url ? { url: c.html_url } : {}) };
}
