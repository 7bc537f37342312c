import type { Playbook, StepType } from '../../domain/playbook.js';
import type { PaneId } from '../../store/state.js';
import { ChecklistPane } from '../panes/checklist-pane.js';
import { CiPane } from '../panes/ci-pane.js';
import { EnvironmentsPane } from '../panes/environments-pane.js';
import { RolloutPane } from '../panes/rollout-pane.js';

/** The pane that shows what a step is about: next to the checklist, it follows the cursor through the release. */
export const PANE_FOR_STEP: Readonly<Record<StepType, PaneId>> = {
  'review-changes': 'environments',
  'choose-candidate': 'environments',
  'open-promotion-pr': 'ci',
  'find-nightly-pr': 'ci',
  'find-hotfix-pr': 'ci',
  'await-approval': 'ci',
  'wait-pr-ci': 'ci',
  'merge-promotion-pr': 'ci',
  'wait-deploy': 'ci',
  'verify-environment': 'environments',
  'update-ppcs': 'rollout',
  'wait-ppcs': 'rollout',
  'release-complete': 'rollout',
  manual: 'environments',
};

/** The pane for the selected step; the last step is about the rollout only in a playbook that has one. */
export function paneForStep(type: StepType | undefined, playbook: Playbook): PaneId {
  if (type === undefined) return 'environments';
  if (type === 'release-complete' && !playbook.steps.some((s) => s.type === 'update-ppcs' || s.type === 'wait-ppcs')) return 'environments';
  return PANE_FOR_STEP[type];
}

export const PANE_TITLES: Readonly<Record<PaneId, string>> = {
  checklist: 'Checklist',
  environments: 'Environments',
  ci: 'CI',
  rollout: 'Rollout',
};

export interface PaneSlotProps {
  readonly pane: PaneId;
  readonly width: number;
  readonly height: number;
  readonly isFocused: boolean;
}

export function PaneSlot({ pane, ...frame }: PaneSlotProps) {
  switch (pane) {
    case 'checklist':
      return <ChecklistPane {...frame} />;
    case 'environments':
      return <EnvironmentsPane {...frame} />;
    case 'ci':
      return <CiPane {...frame} />;
    case 'rollout':
      return <RolloutPane {...frame} />;
  }
}
