import type { Review } from './pull.js';

/** Where a pull request stands with the people allowed to approve it. */
export type Approval =
  | { readonly kind: 'no-approvers' }
  | { readonly kind: 'approved'; readonly by: string; readonly sha: string; readonly at: string | null; readonly reviewId: number }
  | { readonly kind: 'changes-requested'; readonly by: string }
  /** `stale`: an approver approved an earlier head; a push since needs a new approval. */
  | { readonly kind: 'waiting'; readonly stale?: { readonly by: string; readonly sha: string } };

/** What a review says about a reviewer's standing; comments and pending drafts change nothing (as on GitHub). */
const DECISIVE: ReadonlySet<Review['state']> = new Set(['APPROVED', 'CHANGES_REQUESTED', 'DISMISSED']);

/**
 * Whether one of `approvers` approves `headSha`: each approver's latest decisive review counts, logins compare
 * case-insensitively (as GitHub's do), an approval counts only for the head it was given on, and a change
 * request by any approver blocks. Pure.
 */
export function approvalOf(reviews: readonly Review[], approvers: readonly string[], headSha: string): Approval {
  if (approvers.length === 0) return { kind: 'no-approvers' };
  const allowed = new Set(approvers.map((a) => a.toLowerCase()));
  const latest = new Map<string, Review>();
  for (const review of reviews) {
    const who = review.user.toLowerCase();
    if (allowed.has(who) && DECISIVE.has(review.state)) latest.set(who, review);
  }
  const standing = [...latest.values()];
  const blocking = standing.find((r) => r.state === 'CHANGES_REQUESTED');
  if (blocking) return { kind: 'changes-requested', by: blocking.user };
  const approvals = standing.filter((r) => r.state === 'APPROVED');
  const current = approvals.find((r) => r.commitId !== null && r.commitId === headSha);
  if (current) return { kind: 'approved', by: current.user, sha: headSha, at: current.submittedAt, reviewId: current.id };
  const stale = approvals.find((r) => r.commitId !== null);
  return stale?.commitId ? { kind: 'waiting', stale: { by: stale.user, sha: stale.commitId } } : { kind: 'waiting' };
}
