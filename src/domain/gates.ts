import { prCiCondition, deployCondition } from './ci-gates.js';
import { waiting } from './condition.js';
import type { GateCondition, StepDefinition } from './playbook.js';
import { approvalCondition, hotfixPrCondition, mergeCondition, nightlyPrCondition, openPrCondition } from './pull-gates.js';
import { chooseCondition, completeCondition, ppcCondition, reviewCondition, verifyCondition } from './release-gates.js';
import type { ReleaseView } from './release-view.js';

/**
 * A step's live condition, from the store alone (pure: no I/O, no clock).
 * Gates complete when `isMet`; `update-ppcs` uses it while running. For other steps it is the line that
 * tells the user what the step will act on ("will open staging -> production for 1a2b3c4").
 */
export function gateCondition(step: StepDefinition, state: ReleaseView): GateCondition {
  switch (step.type) {
    case 'review-changes':
      return reviewCondition(state);
    case 'choose-candidate':
      return chooseCondition(state);
    case 'open-promotion-pr':
      return openPrCondition(state);
    case 'find-nightly-pr':
      return nightlyPrCondition(state);
    case 'find-hotfix-pr':
      return hotfixPrCondition(state);
    case 'await-approval':
      return approvalCondition(state);
    case 'wait-pr-ci':
      return prCiCondition(state);
    case 'merge-promotion-pr':
      return mergeCondition(state);
    case 'wait-deploy':
      return deployCondition(state);
    case 'verify-environment':
      return verifyCondition(state);
    case 'update-ppcs':
    case 'wait-ppcs':
      return ppcCondition(state);
    case 'release-complete':
      return completeCondition(step, state);
    case 'manual':
      return waiting('waiting for you to confirm it is done');
  }
}
