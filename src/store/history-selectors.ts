import type { CockpitState } from './state.js';

/** How long the step usually takes (ms), from past releases' journals; undefined without history. */
export function selectUsualStepMs(state: CockpitState, stepId: string | undefined): number | undefined {
  return stepId === undefined ? undefined : state.meta.usualStepMs?.[stepId];
}
