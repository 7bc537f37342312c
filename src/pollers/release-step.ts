import { currentIndex } from '../domain/checklist.js';
import type { StepType } from '../domain/playbook.js';
import type { CockpitState } from '../store/state.js';

/** The type of the step the release is at (active, running or failed); undefined once every step is settled. */
export function currentStepType(state: CockpitState): StepType | undefined {
  const { steps, playbook } = state.checklist;
  const step = steps[currentIndex(steps)];
  return step && playbook.steps.find((d) => d.id === step.id)?.type;
}
