import type { PaneId } from '../../store/state.js';
import { ChecklistPane } from '../panes/checklist-pane.js';
import { CiPane } from '../panes/ci-pane.js';
import { EnvironmentsPane } from '../panes/environments-pane.js';
import { RolloutPane } from '../panes/rollout-pane.js';

/** The pane that shows what a step is about: next to the checklist, it follows the cursor through the release. */
export { paneForStep } from '../../domain/steps/steps.js';

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
