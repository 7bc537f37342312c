import type { CandidateRow } from './candidate.js';
import type { Build } from './ci.js';
import type { Commit } from './commit.js';
import type { EnvironmentDiff, EnvironmentStatus } from './environment.js';
import type { Loadable } from './loadable.js';
import type { MergeFacts } from './merge-readiness.js';
import type { Playbook, StepProgress } from './playbook.js';
import type { CustomerPpc } from './ppc.js';
import type { PullRequest, Review } from './pull.js';
import type { HeadVerdict } from './required-checks.js';

/**
 * The promotion as the pollers and the engine record it. `mergeSha` is whatever GitHub last called the merge
 * commit: for a pull request still open that is a test merge, so nothing decides on it but `mergedSha`.
 */
export interface PromotionFacts {
  readonly pull: PullRequest | null;
  readonly mergeSha: string | undefined;
}

/** What the gates read of the promotion: the merge commit only once there is one (see `mergedSha`). */
export interface PromotionView {
  /** The sha the user chose to promote. */
  readonly candidateSha: string | undefined;
  readonly pull: PullRequest | null;
  /** The Travis build the pull request's head reports. */
  readonly prBuild: Build | null;
  /** The verdict of the pull request's head, computed for exactly `prCi.sha`. */
  readonly prCi?: HeadVerdict;
  readonly headCommit?: Commit;
  /** Epoch ms the cockpit first saw the current head. */
  readonly headSeenAt?: number;
  /** The push build on the target branch that deploys it. */
  readonly deployBuild: Build | null;
  /** The merge commit on the target branch once the pull request is merged; never GitHub's test merge. */
  readonly mergedSha: string | undefined;
  readonly reviews?: readonly Review[];
  /** Epoch ms of the first read of the pull request. */
  readonly readAt?: number;
  readonly merge?: MergeFacts;
}

/**
 * Everything a step's live condition and the checklist's walk read of a release: the domain's own inputs,
 * which the store provides through its selectReleaseView.
 */
export interface ReleaseView {
  readonly now: number;
  readonly meta: {
    readonly timezone: string;
    /** Epoch ms of the next windows, and of the latest nightly window already passed. */
    readonly windows: { readonly nightly: number; readonly weekly: number; readonly lastNightly?: number } | undefined;
    readonly approvers?: readonly string[];
    /** A head with no gating check this long after it was first seen: CI never started. */
    readonly ciStartLimitMs?: number;
  };
  readonly environments: Loadable<readonly EnvironmentStatus[]>;
  readonly diffs: readonly EnvironmentDiff[];
  readonly candidates: Loadable<readonly CandidateRow[]>;
  readonly promotion: PromotionView;
  readonly rollout: { readonly target: string | undefined; readonly ppcs: readonly CustomerPpc[] };
  readonly checklist: { readonly playbook: Playbook; readonly steps: readonly StepProgress[] };
}

export function environmentNamed(view: ReleaseView, name: string): EnvironmentStatus | undefined {
  const envs = view.environments.status === 'loading' ? undefined : view.environments.data;
  return envs?.find((e) => e.name === name);
}

/** The branch an environment deploys from, as the config names it; the environment's name until it is read. */
export function branchOf(view: ReleaseView, name: string): string {
  return environmentNamed(view, name)?.branch ?? name;
}
