import type { EnvironmentDiff, EnvironmentStatus } from '../domain/environment.js';
import type { StepProgress } from '../domain/playbook.js';
import type { CustomerPpc } from '../domain/ppc.js';
import type { PullRequest } from '../domain/pull.js';
import type { CockpitEvent, EventListener, Notice, PollFacts, PpcPatch } from './events.js';
import type { CandidateRow, CockpitState, Dialog, Loadable, LogTail, MetaState, PromotionState, WatchFacts } from './state.js';

type Steps = readonly StepProgress[];
type RestoredRelease = Omit<Extract<CockpitEvent, { type: 'releaseRestored' }>, 'type'>;

/**
 * The only way to change the store. Data actions are named for what happened and are the store's events (see
 * CockpitEvent); a step action's `cursor`, when given, moves the selection in the same update. UI actions move
 * the user's own view and are no event.
 */
export interface CockpitActions {
  clockTicked(now: number, windows?: MetaState['windows']): void;
  /** How long each step usually takes, from past releases' journals. */
  historyRead(usualStepMs: Readonly<Record<string, number>>): void;
  /** Someone took the release over elsewhere: this cockpit only watches from now on. */
  drivingLost(): void;
  /** A poll that brought no data (it failed, or read nothing new): only its sources' health and the quota. */
  sourceHealthChanged(poll: PollFacts): void;
  environmentsRead(environments: Loadable<readonly EnvironmentStatus[]>, diffs?: readonly EnvironmentDiff[], poll?: PollFacts): void;
  candidatesRead(candidates: Loadable<readonly CandidateRow[]>, poll?: PollFacts): void;
  /** The promotion poller's read (or a look at the world after a restart): the fields it read replace the store's. */
  promotionRead(promotion: Partial<PromotionState>, poll?: PollFacts): void;
  /** The user chose the sha to promote. */
  candidateChosen(sha: string | undefined): void;
  /** The cockpit opened (or found open) the promotion PR for `sha`. */
  pullOpened(sha: string, pull: PullRequest): void;
  /** The cockpit merged the promotion PR (or found it merged). */
  prMerged(pull: PullRequest, mergeSha: string | undefined): void;
  /** A merge was refused because the PR's head moved: the PR as it is now. */
  headMoved(pull: PullRequest): void;
  logOpened(jobId: number): void;
  logRead(log: LogTail): void;
  /** The log shown belongs to another job than the one asked for now. */
  logDiscarded(): void;
  /** The rollout's target is pinned (undefined: none yet). */
  rolloutStarted(target: string | undefined): void;
  /** The whole fleet as read (config order). */
  fleetRead(ppcs: readonly CustomerPpc[], poll?: PollFacts): void;
  /** Some PPCs moved on (the rollout's own bookkeeping), by id, in one update. */
  ppcsUpdated(patches: readonly PpcPatch[]): void;
  /** The user skipped one PPC. */
  ppcSkipped(id: string, reason: string): void;
  /** Gates held (or opened again) on what the pollers read. */
  stepsAdvanced(steps: Steps, cursor?: number): void;
  stepStarted(steps: Steps, cursor?: number): void;
  stepCompleted(steps: Steps, cursor?: number): void;
  stepFailed(steps: Steps, cursor?: number): void;
  stepReopened(steps: Steps, cursor?: number): void;
  stepSkipped(steps: Steps, cursor?: number): void;
  stepConfirmed(steps: Steps, cursor?: number): void;
  /** A journal laid over the store (a resume; a read-only cockpit following the driver's journal). */
  releaseRestored(restored: RestoredRelease): void;
  /** What a watcher knows about taking the release over, looked at again. */
  replicaChecked(watch: WatchFacts): void;
  /** A watcher's store: the primary's feed said something new. */
  primaryHeard(update: Partial<CockpitState>): void;

  moveCursor(delta: number): void;
  cycleFocus(delta: 1 | -1): void;
  openDialog(dialog: Dialog): void;
  closeDialog(): void;
  setNotice(notice: Notice | null): void;
  moveCiCursor(delta: number): void;
  moveRolloutCursor(delta: number): void;

  /** Hears every event before the store's subscribers hear of its change (the journal); returns `unlisten`. */
  onEvent(listener: EventListener): () => void;
  /**
   * Runs `work` once after each change, when every subscriber has heard of it and no listener is running: never
   * inside a listener, never nested. Changes `work` makes run it again, after it returns. Returns `cancel`.
   */
  afterChange(work: () => void): () => void;
  /** Runs `work` once as soon as no write and no listener is running (at once when none is). */
  schedule(work: () => void): void;
}
