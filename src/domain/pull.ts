export type ReviewState = 'APPROVED' | 'CHANGES_REQUESTED' | 'COMMENTED' | 'DISMISSED' | 'PENDING';

export interface Review {
  readonly id: number;
  readonly user: string;
  readonly state: ReviewState;
  readonly submittedAt: string | null;
  /** The head the review was given on: an approval of an older head does not cover a newer one. */
  readonly commitId: string | null;
}

/** A pull request as the cockpit needs it (promotion, nightly or hotfix). */
export interface PullRequest {
  readonly number: number;
  readonly title: string;
  readonly url: string;
  readonly state: 'open' | 'closed';
  readonly merged: boolean;
  /** `null` while GitHub is still computing it. */
  readonly mergeable: boolean | null;
  /** GitHub's mergeable_state: clean, dirty, blocked, behind, unstable, unknown, draft, has_hooks. */
  readonly mergeableState: string;
  readonly headRef: string;
  readonly headSha: string;
  readonly baseRef: string;
  readonly mergeCommitSha: string | null;
  readonly createdAt: string;
  readonly mergedAt: string | null;
}
