/**
 * The one CI verdict the cockpit reasons with, whatever GitHub signal it came from.
 * `none` means no CI signal exists at all (neither a status nor a check run).
 */
export type CiState = 'success' | 'pending' | 'failure' | 'none';

/** A GitHub check run, reduced to what the verdict needs. */
export interface CheckRunSignal {
  readonly name: string;
  /** queued | in_progress | completed | waiting | requested | pending, or one GitHub adds later (judged unknown). */
  readonly status: string;
  /** Set once `status` is `completed`. */
  readonly conclusion: string | null;
  /** Travis puts its build id here. */
  readonly externalId?: string;
  readonly url?: string;
  /** The GitHub App that reported it: its slug ("travis-ci") and id, which branch rules may name. */
  readonly app?: string;
  readonly appId?: number;
}

/** A legacy commit status context (the latest one per context). */
export interface StatusSignal {
  readonly context: string;
  /** success | pending | failure | error, or a state GitHub adds later (judged unknown). */
  readonly state: string;
  readonly description?: string;
  readonly url?: string;
}

/** Both GitHub CI systems for one sha. */
export interface CiSignals {
  readonly sha: string;
  readonly checkRuns: readonly CheckRunSignal[];
  readonly statuses: readonly StatusSignal[];
}

/** A commit together with its CI verdict: the rows of the candidate list. */
export interface CommitCi {
  readonly sha: string;
  readonly ci: CiState;
}

/**
 * Travis build and job states, spelled as Travis spells them (`canceled`, one l). `unknown` is a state the
 * cockpit does not know (a newer or an Enterprise Travis): neither green nor red, shown as it is.
 */
export type TravisState = 'created' | 'queued' | 'received' | 'started' | 'passed' | 'failed' | 'errored' | 'canceled' | 'unknown';

/** The states Travis is known to report; anything else reads as `unknown`. */
export const TRAVIS_STATES: readonly TravisState[] = ['created', 'queued', 'received', 'started', 'passed', 'failed', 'errored', 'canceled'];

export function toTravisState(raw: string): TravisState {
  return (TRAVIS_STATES as readonly string[]).includes(raw) ? (raw as TravisState) : 'unknown';
}

export type BuildEvent = 'push' | 'pull_request' | 'api' | 'cron';

export interface Job {
  readonly id: number;
  /** e.g. "1234.2" */
  readonly number: string;
  /** A readable job name (stage plus env or the job's `name`), best effort. */
  readonly name: string;
  readonly state: TravisState;
  readonly allowFailure: boolean;
  readonly startedAt: string | null;
  readonly finishedAt: string | null;
}

export interface Build {
  readonly id: number;
  readonly number: string;
  readonly state: TravisState;
  readonly event: BuildEvent;
  /** For pull-request builds Travis reports the base branch here. */
  readonly branch: string;
  readonly sha: string;
  readonly message: string;
  readonly pullRequestNumber: number | null;
  readonly startedAt: string | null;
  readonly finishedAt: string | null;
  readonly updatedAt: string | null;
  readonly jobs: readonly Job[];
  readonly url?: string;
}

/** A slice of a job's log, fetched incrementally. */
export interface LogChunk {
  readonly text: string;
  /** Pass back as `after` to get only what follows. */
  readonly nextAfter: number;
  /** True once the log is complete (final part seen or the job finished). */
  readonly isComplete: boolean;
  /** Travis has no log for the job yet (it answered 404, or 500 as the real API does). */
  readonly noLogYet?: boolean;
}
