import type { StepDefinition, StepType } from './playbook.js';
import type { StepEnvironments } from './steps/behaviour.js';
import { STEPS, STEP_TYPES } from './steps/steps.js';

export type { StepEnvironments } from './steps/behaviour.js';
export { capitalise } from './steps/release-steps.js';

/** The step types a playbook is made of, except `manual` (which has no behaviour, so no default words). */
export type BuiltInStepType = Exclude<StepType, 'manual'>;

/**
 * Every built-in step's kind and default words, worded for the environments it runs between. The built-in
 * playbooks and a team's own playbook file take their steps from here, so a step reads the same everywhere.
 */
export const STEP_CATALOGUE: Readonly<Record<BuiltInStepType, (typeof STEPS)[BuiltInStepType]>> = STEPS;

export const BUILT_IN_STEP_TYPES = STEP_TYPES.filter((t): t is BuiltInStepType => t !== 'manual');

/** Words a playbook may put in place of the catalogue's. */
export type StepWords = Partial<Pick<StepDefinition, 'id' | 'title' | 'who' | 'description'>>;

/** A built-in step with its default words for `envs`; the id defaults to the type. */
export function builtInStep(type: BuiltInStepType, envs: StepEnvironments, words: StepWords = {}): StepDefinition {
  const template = STEPS[type];
  return {
    id: words.id ?? type,
    type,
    kind: template.kind,
    title: words.title ?? template.title(envs),
    who: words.who ?? template.who,
    description: words.description ?? template.description(envs),
  };
}
