import type { GateCondition, StepDefinition } from './playbook.js';
import type { ReleaseView } from './release-view.js';
import { STEPS } from './steps/steps.js';

/**
 * A step's live condition, from the release alone (pure: no I/O, no clock).
 * Gates complete when `isMet`; `update-ppcs` uses it while running. For other steps it is the line that
 * tells the user what the step will act on ("will open staging -> production for 1a2b3c4").
 */
export function gateCondition(step: StepDefinition, view: ReleaseView): GateCondition {
  return STEPS[step.type].condition(step, view);
}
