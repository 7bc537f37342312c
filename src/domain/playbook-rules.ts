import type { StepType } from './playbook.js';
import { PULL_SOURCES, STEPS } from './steps/steps.js';

/** One thing wrong with a playbook, at a path into its file (`steps[3].type`). */
export interface PlaybookProblem {
  readonly path: readonly (string | number)[];
  readonly message: string;
}

/** A step as a playbook file gives it, once its shape is known to be right. */
export interface StepOutline {
  readonly type: StepType;
  readonly id: string;
}

const PULL_NEED = `a step that finds or opens the pull request before it (${PULL_SOURCES.join(', ')})`;

/**
 * Checks a playbook's steps fit together, whoever wrote them: ids are unique, each built-in step appears once
 * (the cockpit follows one pull request and one rollout), every step has what it acts on before it, and
 * "release complete" is last. Pure; the paths point into the file's `steps` list.
 */
export function stepOrderProblems(steps: readonly (StepOutline | undefined)[]): PlaybookProblem[] {
  const problems: PlaybookProblem[] = [];
  const firstId = new Map<string, number>();
  const firstType = new Map<StepType, number>();
  steps.forEach((step, i) => {
    // A step whose own shape is wrong is reported by the schema; the others are still checked.
    if (!step) return;
    const before = STEPS[step.type].mayRepeat ? undefined : firstType.get(step.type);
    if (before !== undefined) {
      // Its id is then taken too (an id defaults to the type): one message says it.
      problems.push({ path: ['steps', i, 'type'], message: `"${step.type}" is already steps[${before}]; each built-in step appears once` });
      return;
    }
    const earlier = firstId.get(step.id);
    if (earlier !== undefined) problems.push({ path: ['steps', i, 'id'], message: `the id "${step.id}" is taken by steps[${earlier}]; every step needs its own id` });
    else firstId.set(step.id, i);
    if (STEPS[step.type].mayRepeat) return;
    firstType.set(step.type, i);
    const source = PULL_SOURCES.includes(step.type) ? PULL_SOURCES.find((t) => t !== step.type && firstType.has(t)) : undefined;
    if (source) problems.push({ path: ['steps', i, 'type'], message: `"${step.type}" and "${source}" (steps[${firstType.get(source)}]) both bring a pull request; a playbook follows one` });
    const { needs } = STEPS[step.type];
    const need = needs === 'pull' ? { any: PULL_SOURCES, why: PULL_NEED } : needs;
    if (need && !need.any.some((t) => firstType.has(t))) problems.push({ path: ['steps', i, 'type'], message: `"${step.type}" needs ${need.why}` });
  });
  const complete = steps.findIndex((s) => s?.type === 'release-complete');
  if (complete !== -1 && complete !== steps.length - 1) problems.push({ path: ['steps', complete, 'type'], message: '"release-complete" must be the last step: it waits for every other one' });
  return problems;
}
