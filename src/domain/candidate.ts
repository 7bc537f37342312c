import type { CiState } from './ci.js';
import type { Commit } from './commit.js';

/** One row of the candidate list: a recent commit of the promoting branch with its CI verdict. */
export interface CandidateRow {
  readonly commit: Commit;
  /** `none` when the map has no verdict for the sha (not fetched, or no CI ran). */
  readonly ci: CiState;
  /** The newest commit whose CI passed: the one a promotion would take. */
  readonly isLatestGreen: boolean;
  /** The branch head (the first commit given). */
  readonly isHead: boolean;
}

/**
 * The newest commit whose CI verdict is `success`, or undefined when none is.
 * `commits` are newest first (as GitHub lists them). The head may be red or still pending: a promotion
 * takes the latest green commit, not the head, so a pending head does not hide an older green one.
 */
export function latestGreen(commits: readonly Commit[], ci: ReadonlyMap<string, CiState>): Commit | undefined {
  return commits.find((c) => ci.get(c.sha) === 'success');
}

/** Every commit given (newest first) with its verdict and whether it is the head or the latest green. */
export function candidateRows(commits: readonly Commit[], ci: ReadonlyMap<string, CiState>): CandidateRow[] {
  const green = latestGreen(commits, ci);
  return commits.map((commit, i) => ({
    commit,
    ci: ci.get(commit.sha) ?? 'none',
    isLatestGreen: commit === green,
    isHead: i === 0,
  }));
}
