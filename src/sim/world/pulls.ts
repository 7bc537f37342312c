/** A pull request as the sim keeps it; its GitHub shape is built in github/shapes. */
export interface PullRecord {
  readonly number: number;
  readonly title: string;
  readonly body: string | null;
  readonly user: string;
  readonly headRef: string;
  readonly baseRef: string;
  /** Follows the head branch while open (a push to it is a "synchronize"); frozen when closed. */
  headSha: string;
  baseSha: string;
  readonly draft: boolean;
  readonly createdAt: number;
  updatedAt: number;
  state: 'open' | 'closed';
  merged: boolean;
  mergedAt?: number;
  mergedBy?: string;
  closedAt?: number;
  /** The test merge commit while open, the real merge commit once merged. */
  mergeCommitSha: string;
  /** GitHub computes mergeability in the background: `mergeable` is null until this sim time. */
  mergeableAt: number;
  readonly reviews: ReviewRecord[];
}

export interface ReviewRecord {
  readonly id: number;
  readonly user: string;
  readonly state: 'APPROVED' | 'CHANGES_REQUESTED' | 'COMMENTED' | 'DISMISSED' | 'PENDING';
  readonly body: string;
  readonly commitId: string;
  readonly submittedAt: number;
}

export interface CommentRecord {
  readonly id: number;
  readonly issue: number;
  readonly user: string;
  body: string;
  readonly createdAt: number;
  updatedAt: number;
}

/** The cockpit-facing merge readiness of an open pull request. */
export interface Mergeability {
  readonly mergeable: boolean | null;
  /** clean | blocked | behind | dirty | unstable | draft | unknown, as GitHub's REST API spells them. */
  readonly state: string;
  /** Why it is blocked, in GitHub's words, for the refusal of a merge. */
  readonly reason?: string;
  /** The status GitHub refuses a merge with: 405 unless said (an out-of-date head gets 409). */
  readonly refusal?: 405 | 409;
}
