import type { Build } from '../domain/ci.js';
import type { CandidateRow } from '../domain/candidate.js';
import type { Commit } from '../domain/commit.js';
import type { EnvironmentDiff, EnvironmentStatus } from '../domain/environment.js';
import type { Loadable } from '../domain/loadable.js';
import type { PaneId, PendingAction } from '../domain/steps/behaviour.js';
import type { Playbook, StepProgress } from '../domain/playbook.js';
import type { CustomerPpc, PpcCounts } from '../domain/ppc.js';
import type { MergeFacts } from '../domain/merge-readiness.js';
import type { PullRequest, Review } from '../domain/pull.js';
import type { HeadVerdict } from '../domain/required-checks.js';
import type { RateQuota, SourceHealth, SourceName } from '../domain/source.js';

export type { Loadable } from '../domain/loadable.js';
export type { CandidateRow } from '../domain/candidate.js';

export type { PaneId, PendingAction } from '../domain/steps/behaviour.js';
export const PANES: readonly PaneId[] = ['checklist', 'environments', 'ci', 'rollout'];

export type Mode = 'driving' | 'demo' | 'mirror' | 'read-only';

export type Dialog =
  | { readonly kind: 'confirm'; readonly action: PendingAction; readonly prompt: string }
  /** Skips the step, or only the PPC `ppcId` names when there is one (the rollout pane's `s`). */
  | { readonly kind: 'skip'; readonly stepId: string; readonly reason: string; readonly ppcId?: string }
  | { readonly kind: 'candidate' }
  | { readonly kind: 'help' }
  | { readonly kind: 'log'; readonly jobId: number; readonly title: string }
  /** Why the release is taken over from `from`, typed in place as a skip reason is. */
  | { readonly kind: 'take-over'; readonly from: string; readonly reason: string };

export interface LogTail {
  readonly jobId: number;
  readonly text: string;
  readonly isComplete: boolean;
  /** Travis has no log for the job yet (404, or the real API's 500). */
  readonly noLogYet?: boolean;
  readonly error?: string;
}

export interface PromotionState {
  /** The sha the user chose to promote. */
  readonly candidateSha: string | undefined;
  readonly pull: PullRequest | null;
  /** The Travis build the pull request's head reports (tied through its check run, never by PR number alone). */
  readonly prBuild: Build | null;
  /** The verdict of the pull request's head: computed for exactly `prCi.sha`, from the checks that gate. */
  readonly prCi?: HeadVerdict;
  /** The pull request's head commit: who pushed it, when a new head reopens the wait. */
  readonly headCommit?: Commit;
  /** Epoch ms the cockpit first saw the current head: how long its CI has not started. */
  readonly headSeenAt?: number;
  /** The push build on the target branch that deploys it. */
  readonly deployBuild: Build | null;
  /**
   * What GitHub last called the merge commit: a test merge while the pull request is open. Read the merged
   * commit as `selectReleaseView(state).promotion.mergedSha` (or domain/sha's `mergedSha`), never this.
   */
  readonly mergeSha: string | undefined;
  /** How long each job name usually takes (ms), from recent passed builds. */
  readonly usualJobMs: Readonly<Record<string, number>>;
  /** The pull request's reviews, read only when the playbook waits for an approval; undefined until read. */
  readonly reviews?: readonly Review[];
  /** Epoch ms of the first read of the pull request: before it, "no pull request" only means "not looked yet". */
  readonly readAt?: number;
  /** What the merge step knows beyond mergeable_state (method, what the base has, conflicts, checks), for one head. */
  readonly merge?: MergeFacts;
}

export interface RolloutState {
  readonly target: string | undefined;
  /** In config order. */
  readonly ppcs: readonly CustomerPpc[];
  /** Kept in step with `ppcs` so that a thousand-PPC fleet is never counted per frame. */
  readonly counts: PpcCounts;
}

export interface MetaState {
  readonly mode: Mode;
  readonly releaseId: string;
  readonly releaseName: string;
  readonly repo: string;
  readonly roles: { readonly primary?: string; readonly secondary?: string };
  readonly timezone: string;
  /** Epoch ms of the next windows, and of the latest nightly window already passed (the nightly check's "last night"). */
  readonly windows: { readonly nightly: number; readonly weekly: number; readonly lastNightly?: number } | undefined;
  /** Who may approve a hotfix (config hotfix.approvers). */
  readonly approvers?: readonly string[];
  /** How long each step usually takes (ms, by step id), from past releases' journals. */
  readonly usualStepMs?: Readonly<Record<string, number>>;
  /** A head with no gating check this long after it was first seen: CI never started (config ci.start_within_minutes). */
  readonly ciStartLimitMs?: number;
}

export interface UiState {
  readonly focus: PaneId;
  readonly dialog: Dialog | null;
  /** One line of feedback ("PR #42 opened"), cleared by the next action. */
  readonly notice: { readonly text: string; readonly tone: 'info' | 'success' | 'warning' | 'error' } | null;
  /** The selected row in the CI pane's job list and the rollout pane's list. */
  readonly ciCursor: number;
  readonly rolloutCursor: number;
}

/**
 * What a watcher (cockpit watch) knows about taking the release over from this machine; absent in any other
 * cockpit. Kept by the watch mode, which reads the replica's lease as `cockpit run --take-over` will.
 */
export interface WatchFacts {
  /** Whose release it is: the primary's login, else "the primary". */
  readonly primary: string;
  /** Lines of the journal replicated here; 0 while none are. */
  readonly replicaLines: number;
  /** The primary's lease beside the replica is live, in words ("dana-w on host a (pid 1), seen 4s ago"). */
  readonly liveLease?: string;
  /** Why `cockpit run` could not start from here (no config found, or a broken one). */
  readonly configProblem?: string;
}

export interface CockpitState {
  readonly meta: MetaState;
  readonly now: number;
  readonly sources: Readonly<Record<SourceName, SourceHealth>>;
  readonly quota: RateQuota | undefined;
  readonly environments: Loadable<readonly EnvironmentStatus[]>;
  readonly diffs: readonly EnvironmentDiff[];
  readonly candidates: Loadable<readonly CandidateRow[]>;
  readonly promotion: PromotionState;
  readonly log: LogTail | null;
  readonly rollout: RolloutState;
  readonly checklist: { readonly playbook: Playbook; readonly steps: readonly StepProgress[]; readonly cursor: number };
  readonly ui: UiState;
  readonly watch?: WatchFacts;
}
