import type { StepType } from './steps/step-type.js';
import type { WaitWindow } from './wait-until.js';

/**
 * A playbook is data: an ordered list of steps. Step kinds are code:
 * - `manual`: the user confirms it is done;
 * - `choose`: the user picks the release candidate (a list of recent staging commits);
 * - `action`: the cockpit does it after a y/n confirmation (open the PR, merge, update PPCs);
 * - `gate`: done on its own when a live condition holds (CI green, deployed, verified).
 */
export type StepKind = 'manual' | 'choose' | 'action' | 'gate';

export type { StepType } from './steps/step-type.js';

export interface StepDefinition {
  readonly id: string;
  readonly type: StepType;
  readonly kind: StepKind;
  readonly title: string;
  /** Who does it: "primary", "cockpit", "CI", "secondary". */
  readonly who: string;
  readonly description: string;
  /** The window a `wait-until` step waits for (its playbook file's `until`). */
  readonly until?: WaitWindow;
}

export interface Playbook {
  /** Stable: a resumed release is found by it, and past releases of it say how long steps usually take. */
  readonly name: string;
  /** The release id's last part (`2026-11-24-weekly`): lower-case letters, digits and dashes. */
  readonly id: string;
  /** What the header calls a release of it, before the date: "Weekly release", "Hotfix". */
  readonly label: string;
  /** The environment promoted from and to, e.g. staging -> production. */
  readonly from: string;
  readonly to: string;
  readonly steps: readonly StepDefinition[];
}

export type StepStatus = 'pending' | 'active' | 'running' | 'done' | 'skipped' | 'failed';

/** A step's progress in the running release. */
export interface StepProgress {
  readonly id: string;
  readonly status: StepStatus;
  /** Epoch ms. */
  readonly startedAt?: number;
  readonly finishedAt?: number;
  /** Why it was skipped, or why it failed. */
  readonly reason?: string;
  /** What the step produced, shown in its details: a PR number, a merge sha. */
  readonly outcome?: string;
  /**
   * The pull request head a gate held for (its CI passed on it, it was approved at it). A verdict belongs to one
   * head: when the pull request's head moves away from this sha, the step opens again.
   */
  readonly sha?: string;
}

/** A gate's live condition, as the checklist shows it ("waiting for 2 of 4 jobs"). */
export interface GateCondition {
  readonly isMet: boolean;
  /** Met, but failed: the release needs a human (a job failed, a PPC failed). */
  readonly isFailed: boolean;
  readonly text: string;
  /** Met for exactly this head sha: the step keeps it (StepProgress.sha). */
  readonly sha?: string;
}
