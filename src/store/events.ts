import type { EnvironmentDiff, EnvironmentStatus } from '../domain/environment.js';
import type { StepProgress } from '../domain/playbook.js';
import type { CustomerPpc } from '../domain/ppc.js';
import type { PullRequest } from '../domain/pull.js';
import type { RateQuota, SourceHealth } from '../domain/source.js';
import type { CandidateRow, CockpitState, Loadable, LogTail, MetaState, PromotionState, UiState, WatchFacts } from './state.js';

export type Notice = NonNullable<UiState['notice']>;
export type PpcPatch = { readonly id: string } & Partial<Omit<CustomerPpc, 'id'>>;

/** What a completed poll learned besides its data: the health of each source it talked to, the GitHub quota. */
export interface PollFacts {
  readonly health?: readonly SourceHealth[];
  readonly quota?: RateQuota;
  /** Something the poll has to say once (rules that could not be read). */
  readonly notice?: Notice;
}

/** The checklist moved: whoever learned it names how (a gate held, a step began, a skip, a resume). */
export type StepsEventType =
  | 'stepsAdvanced'
  | 'stepStarted'
  | 'stepCompleted'
  | 'stepFailed'
  | 'stepReopened'
  | 'stepSkipped'
  | 'stepConfirmed';

/**
 * Everything that happened to the cockpit's data, as the part that learned it says it. The store's named
 * actions dispatch exactly these, one store update each, and the store hands each to its event listeners (the
 * journal) before anyone else hears of the change.
 */
export type CockpitEvent =
  | { readonly type: 'clockTicked'; readonly now: number; readonly windows?: MetaState['windows'] }
  | { readonly type: 'historyRead'; readonly usualStepMs: Readonly<Record<string, number>> }
  | { readonly type: 'drivingLost' }
  | { readonly type: 'sourceHealthChanged'; readonly poll: PollFacts }
  | { readonly type: 'environmentsRead'; readonly environments: Loadable<readonly EnvironmentStatus[]>; readonly diffs?: readonly EnvironmentDiff[]; readonly poll?: PollFacts }
  | { readonly type: 'candidatesRead'; readonly candidates: Loadable<readonly CandidateRow[]>; readonly poll?: PollFacts }
  | { readonly type: 'promotionRead'; readonly promotion: Partial<PromotionState>; readonly poll?: PollFacts }
  | { readonly type: 'candidateChosen'; readonly sha: string | undefined }
  | { readonly type: 'pullOpened'; readonly sha: string; readonly pull: PullRequest }
  | { readonly type: 'prMerged'; readonly pull: PullRequest; readonly mergeSha: string | undefined }
  | { readonly type: 'headMoved'; readonly pull: PullRequest }
  | { readonly type: 'logOpened'; readonly jobId: number }
  | { readonly type: 'logRead'; readonly log: LogTail }
  | { readonly type: 'logDiscarded' }
  | { readonly type: 'rolloutStarted'; readonly target: string | undefined }
  | { readonly type: 'fleetRead'; readonly ppcs: readonly CustomerPpc[]; readonly poll?: PollFacts }
  | { readonly type: 'ppcsUpdated'; readonly patches: readonly PpcPatch[] }
  | { readonly type: 'ppcSkipped'; readonly id: string; readonly reason: string }
  | { readonly type: StepsEventType; readonly steps: readonly StepProgress[]; readonly cursor?: number }
  | {
      /** A journal laid over the store: a resume, or a read-only cockpit following the driver's journal. */
      readonly type: 'releaseRestored';
      readonly steps: readonly StepProgress[];
      readonly cursor?: number;
      readonly candidateSha: string | undefined;
      readonly rolloutTarget: string | undefined;
      /** The whole fleet as the journal left it, or only the PPCs whose journalled state differs. */
      readonly ppcs?: readonly CustomerPpc[];
      readonly ppcPatches?: readonly PpcPatch[];
    }
  | { readonly type: 'replicaChecked'; readonly watch: WatchFacts }
  /** A watcher's store: what the primary's feed said, already merged with the watcher's own view. */
  | { readonly type: 'primaryHeard'; readonly update: Partial<CockpitState> };

export type CockpitEventType = CockpitEvent['type'];

/** Hears each event with the state it leads to and the state before, before the store's subscribers do. */
export type EventListener = (event: CockpitEvent, next: CockpitState, previous: CockpitState) => void;
