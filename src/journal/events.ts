import type { PpcState } from '../domain/ppc.js';
import type { StepStatus } from '../domain/playbook.js';

/**
 * The release journal's vocabulary: one JSON object per line, appended and flushed before the cockpit shows
 * the effect. Every line carries when (`at`, ISO 8601) and who (`actor`, the driver's login); none ever
 * carries a token. Keys are only ever added: an older cockpit skips the kinds it does not know.
 */
export const JOURNAL_VERSION = 1;

/** What the cockpit does to the outside world, as written down before the request is sent. */
export type ActionIntent =
  | { readonly action: 'create-branch'; readonly branch: string; readonly sha: string }
  | { readonly action: 'open-pr'; readonly head: string; readonly base: string; readonly sha: string }
  | { readonly action: 'merge-pr'; readonly number: number; readonly sha: string; readonly method?: string }
  /** PUT update-branch of a PR whose head was `sha` (expected_head_sha): the base merged into its branch. */
  | { readonly action: 'update-branch'; readonly number: number; readonly sha: string }
  | {
      readonly action: 'trigger-ppcs';
      /** The Travis repo the request goes to (config ppcs.trigger.repo). */
      readonly repo: string;
      readonly branch: string;
      /** In the order of the request's env.jobs. */
      readonly customers: readonly string[];
      readonly target: string;
      /** The request's message, exactly as sent (journals from before `marker` find a lost answer by it). */
      readonly message: string;
      /** The COCKPIT_BATCH=... env.global entry unique to this request: a lost answer is found again by it. */
      readonly marker?: string;
    }
  /** `finishedAt`: when the run being restarted ended; a run that ended otherwise (or runs) is the restart. */
  | { readonly action: 'restart-job'; readonly customer: string; readonly jobId: number; readonly buildId?: number; readonly finishedAt?: string | null }
  /** A failed job of the promotion's PR or deploy build restarted in its build (the nightly check's remedy). */
  | { readonly action: 'restart-ci-job'; readonly jobId: number; readonly buildId: number; readonly job: string; readonly finishedAt?: string | null };

export type ActionName = ActionIntent['action'];

/** How an action ended. `requestId` is a Travis request's id; `number` a PR's; `sha` a merge or branch sha. */
export type ActionOutcome =
  | {
      readonly ok: true;
      readonly number?: number;
      readonly url?: string;
      readonly sha?: string;
      readonly requestId?: number;
      /** Found by looking it up after a restart, not from the request's own answer. */
      readonly reconciled?: boolean;
      readonly note?: string;
    }
  | {
      readonly ok: false;
      readonly error: string;
      /** Known not to have happened (looked up after a restart): it may be sent again. */
      readonly notSent?: boolean;
      readonly reconciled?: boolean;
      /**
       * The answer was lost and the look-up failed too: it may have happened. Still open: looked up again (on
       * the next attempt, or the next start) before anything is sent; a later outcome settles it.
       */
      readonly unknown?: boolean;
    };

/** What the engine and the rollout hand to the journal port (see JournalPort in journal/port.ts). */
export type EngineRecord = ({ readonly type: 'intent'; readonly id?: string } & ActionIntent) | ({ readonly type: 'outcome'; readonly id: string } & ActionOutcome);

interface Stamp {
  /** ISO 8601. */
  readonly at: string;
  readonly actor: string;
}

export interface PlaybookOutline {
  readonly name: string;
  readonly from: string;
  readonly to: string;
  readonly steps: readonly { readonly id: string; readonly title: string; readonly type: string }[];
}

/** A build as the report links it. */
export interface BuildNote {
  readonly role: 'pr' | 'deploy';
  readonly id: number;
  readonly number: string;
  readonly state: string;
  readonly sha: string;
  readonly url?: string;
  readonly startedAt?: string | null;
  readonly finishedAt?: string | null;
}

export type JournalEvent = Stamp &
  (
    | {
        /** Always the first line. */
        readonly type: 'release';
        readonly version: number;
        readonly id: string;
        readonly name: string;
        readonly repo: string;
        readonly playbook: PlaybookOutline;
        readonly demo?: boolean;
      }
    | {
        /** A cockpit started driving the release (first start, resume, or take-over). */
        readonly type: 'driver';
        readonly host: string;
        readonly pid: number;
        readonly resumed: boolean;
        /** Set on `--take-over`: whose lease was taken. */
        readonly tookOverFrom?: string;
        /** Why, as the person taking over typed it (`--reason`). */
        readonly reason?: string;
        /** Taken over from a watcher's replica of another machine's journal: that mirror's origin. */
        readonly replicaOf?: string;
      }
    | {
        readonly type: 'step';
        readonly step: string;
        readonly status: StepStatus;
        readonly reason?: string;
        readonly outcome?: string;
        readonly startedAt?: number;
        readonly finishedAt?: number;
        /** The pull request head a gate held for (its checks passed on it): what the merge was allowed to send. */
        readonly sha?: string;
      }
    | { readonly type: 'candidate'; readonly sha: string; readonly headline?: string }
    | {
        /** What the release moves, as known when the candidate was chosen. */
        readonly type: 'components';
        readonly service: { readonly from?: string; readonly to: string; readonly commits?: number };
        readonly ppc?: { readonly from?: string; readonly to?: string };
        readonly sdk?: { readonly from?: string; readonly to?: string };
      }
    | { readonly type: 'pull'; readonly number: number; readonly url: string; readonly head: string; readonly base: string; readonly headSha: string; readonly title?: string }
    | { readonly type: 'merged'; readonly number: number; readonly sha: string }
    | {
        /** An approver's approving review of the pull request's head, as the hotfix playbook requires. */
        readonly type: 'approval';
        readonly number: number;
        readonly by: string;
        readonly sha: string;
        readonly reviewId: number;
        /** When the review was given (ISO 8601), as GitHub says. */
        readonly submittedAt?: string;
      }
    | ({ readonly type: 'build' } & BuildNote)
    | { readonly type: 'rollout'; readonly target: string }
    | { readonly type: 'ppc'; readonly customer: string; readonly state: PpcState; readonly detail?: string }
    | ({ readonly type: 'intent'; readonly id: string } & ActionIntent)
    | ({ readonly type: 'outcome'; readonly id: string } & ActionOutcome)
    | { readonly type: 'note'; readonly text: string }
  );

export type JournalEventType = JournalEvent['type'];

/** An event before the writer stamps it. */
export type UnstampedEvent = JournalEvent extends infer E ? (E extends JournalEvent ? Omit<E, 'at' | 'actor'> : never) : never;
