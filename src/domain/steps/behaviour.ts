import type { GateCondition, StepDefinition, StepKind } from '../playbook.js';
import type { ReleaseView } from '../release-view.js';
import type { StepType } from './step-type.js';

/** The cockpit's panes; a step names the one that shows what it is about. */
export type PaneId = 'checklist' | 'environments' | 'ci' | 'rollout';

/** The pollers the engine may ask for a fresh read (start-pollers' names). */
export type RefreshTarget = 'promotion' | 'environments' | 'fleet';

/** Something the cockpit will do to the outside world once the user answers `y`. */
export type PendingAction =
  | { readonly type: 'open-pr'; readonly sha: string }
  | { readonly type: 'merge-pr'; readonly number: number; readonly sha: string }
  /** Merges the base into the PR's branch (mergeable_state `behind`), only while its head is still `sha`. */
  | { readonly type: 'update-branch'; readonly number: number; readonly sha: string }
  | { readonly type: 'update-ppcs' }
  | { readonly type: 'retry-ppc'; readonly id: string }
  /** Restarts failed CI jobs of the promotion's PR or deploy build on Travis. */
  | { readonly type: 'restart-jobs'; readonly buildId: number; readonly jobs: readonly { readonly id: number; readonly number: string; readonly name: string }[] }
  | { readonly type: 'confirm-manual'; readonly stepId: string }
  | { readonly type: 'choose-red-candidate'; readonly sha: string }
  /** A watcher takes the release over from `from` (the primary); a reason is asked next. */
  | { readonly type: 'take-over'; readonly from: string }
  | { readonly type: 'quit' };

/** The actions a step proposes (Enter on it); the others come from keys that act on a job, a PPC or the session. */
export type StepAction = Extract<PendingAction, { readonly type: 'open-pr' | 'merge-pr' | 'update-branch' | 'update-ppcs' | 'confirm-manual' }>;

/** The environments a playbook moves between, as its step texts name them. */
export interface StepEnvironments {
  readonly from: string;
  readonly to: string;
}

/** What the cockpit does when the user presses Enter on a step, and the question it asks first. */
export interface StepActionRule {
  /** The action types `propose` may return: a confirm dialog's action is worded by the step that proposes it. */
  readonly proposes: readonly StepAction['type'][];
  /** What performing the step asks of the outside world, or why it cannot be done now. */
  readonly propose: (definition: StepDefinition, view: ReleaseView) => StepAction | string;
  /** The y/n question before `action`. */
  readonly prompt: (action: StepAction, view: ReleaseView) => string;
}

/** Everything a step type does, in one place; STEPS holds one for every StepType. */
export interface StepBehaviour {
  readonly kind: StepKind;
  /** Default words; `manual` has none of its own (a playbook file gives them). */
  readonly who: string;
  readonly title: (e: StepEnvironments) => string;
  readonly description: (e: StepEnvironments) => string;
  /**
   * What must come earlier in the playbook for this step to have something to act on: one of `any`, or (`pull`)
   * a step that brings the pull request.
   */
  readonly needs?: { readonly any: readonly StepType[]; readonly why: string } | 'pull';
  /** It finds or opens the pull request every later PR step acts on (a playbook has one such step). */
  readonly bringsPull?: true;
  /** A playbook may hold it more than once (each with its own id); every other step appears once. */
  readonly mayRepeat?: true;
  /** It moves or waits on the customer PPCs (a playbook has at most one such step). */
  readonly isRollout?: true;
  /**
   * The pollers its condition waits on: the first is read at once when it becomes current; the promotion poller
   * reads at its fastest while the current step names it.
   */
  readonly waitsOn: readonly RefreshTarget[];
  /** The pane beside the checklist while the step is selected, in a playbook that has a rollout step or not. */
  readonly pane: (playbook: { readonly hasRollout: boolean }) => PaneId;
  /** Its live condition: a gate completes when it is met; other steps show it as what they will act on. */
  readonly condition: (step: StepDefinition, view: ReleaseView) => GateCondition;
  /** An action whose completion is its live condition: it stays running until it holds. */
  readonly isLiveAction?: true;
  /** An action whose effect may happen without the cockpit: once it has, the step completes like a gate. */
  readonly settlesItself?: true;
  /** A gate whose verdict belongs to one pull request head: a push to the pull request opens it again. */
  readonly isHeadPinned?: true;
  /** The CI build the step waits on (its jobs' logs and restarts): the pull request's or the deploying push build. */
  readonly build?: 'pr' | 'deploy';
  readonly action?: StepActionRule;
}
