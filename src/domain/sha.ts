import type { PromotionFacts } from './release-view.js';

/** Seven characters of a known sha, as git and every pane print one (format/sha.ts says "?" for an unknown one). */
export function shortSha(sha: string): string {
  return sha.slice(0, 7);
}

/** Whether two PPC revisions name the same commit; either may be abbreviated (at least 7 characters). */
export function sameRevision(a: string | undefined, b: string | undefined): boolean {
  if (!a || !b) return false;
  const x = a.trim().toLowerCase();
  const y = b.trim().toLowerCase();
  if (Math.min(x.length, y.length) < 7) return x === y;
  return x.startsWith(y) || y.startsWith(x);
}

/**
 * The merge commit on the target branch, once the promotion PR is merged. Before the merge GitHub's
 * merge_commit_sha names a test merge, which must not be mistaken for a merge.
 */
export function mergedSha(promotion: PromotionFacts): string | undefined {
  const { pull, mergeSha } = promotion;
  if (!pull) return mergeSha;
  return pull.merged ? (mergeSha ?? pull.mergeCommitSha ?? undefined) : undefined;
}
