import type { Playbook, StepDefinition } from '../playbook.js';
import type { PaneId, PendingAction, StepAction, StepActionRule, StepBehaviour } from './behaviour.js';
import { PULL_STEPS } from './pull-steps.js';
import { RELEASE_STEPS } from './release-steps.js';
import type { StepType } from './step-type.js';
import { WAIT_UNTIL_STEP } from './wait-until-step.js';

/**
 * Every step type's behaviour, one record each: the compiler refuses a step type without one. In the order a
 * release runs them, which is the order a playbook file's error lists them in.
 */
export const STEPS: { readonly [T in StepType]: StepBehaviour } = {
  'review-changes': RELEASE_STEPS['review-changes'],
  'choose-candidate': RELEASE_STEPS['choose-candidate'],
  'open-promotion-pr': PULL_STEPS['open-promotion-pr'],
  'find-nightly-pr': PULL_STEPS['find-nightly-pr'],
  'find-hotfix-pr': PULL_STEPS['find-hotfix-pr'],
  'await-approval': PULL_STEPS['await-approval'],
  'wait-pr-ci': PULL_STEPS['wait-pr-ci'],
  'merge-promotion-pr': PULL_STEPS['merge-promotion-pr'],
  'wait-deploy': RELEASE_STEPS['wait-deploy'],
  'verify-environment': RELEASE_STEPS['verify-environment'],
  'update-ppcs': RELEASE_STEPS['update-ppcs'],
  'wait-ppcs': RELEASE_STEPS['wait-ppcs'],
  'wait-until': WAIT_UNTIL_STEP,
  'release-complete': RELEASE_STEPS['release-complete'],
  manual: RELEASE_STEPS.manual,
};

export const STEP_TYPES = Object.keys(STEPS) as readonly StepType[];

/** The steps that find or open the pull request every later PR step acts on. */
export const PULL_SOURCES: readonly StepType[] = STEP_TYPES.filter((t) => STEPS[t].bringsPull);

export function behaviourOf(type: StepType): StepBehaviour {
  return STEPS[type];
}

/** The playbook's step that moves or waits on the customer PPCs, if it has one. */
export function rolloutStep(playbook: Playbook): StepDefinition | undefined {
  return playbook.steps.find((s) => STEPS[s.type].isRollout);
}

/** The playbook's first step of `type`. */
export function stepOfType(playbook: Playbook, type: StepType): StepDefinition | undefined {
  return playbook.steps.find((s) => s.type === type);
}

/** The pane for the selected step (`environments` when none is). */
export function paneForStep(type: StepType | undefined, playbook: Playbook): PaneId {
  if (type === undefined) return 'environments';
  return STEPS[type].pane({ hasRollout: rolloutStep(playbook) !== undefined });
}

const ACTION_RULES: readonly StepActionRule[] = [...new Set(STEP_TYPES.flatMap((t) => STEPS[t].action ?? []))];

/** Whether a step proposes actions of this type (its record then words the confirm prompt). */
export function isStepAction(action: PendingAction): action is StepAction {
  return ACTION_RULES.some((r) => r.proposes.includes(action.type as StepAction['type']));
}

/** The rule that proposes `action`, which asks its confirm question. */
export function actionRuleOf(action: StepAction): StepActionRule {
  const rule = ACTION_RULES.find((r) => r.proposes.includes(action.type));
  if (!rule) throw new Error(`no step proposes ${action.type}`);
  return rule;
}
