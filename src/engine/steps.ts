import { begin, complete, fail, followCursor, type Steps, type Transition } from '../domain/checklist.js';
import type { StepDefinition, StepType } from '../domain/playbook.js';
import { SourceError } from '../domain/source.js';
import type { CockpitStoreApi } from '../store/create-cockpit-store.js';
import type { StepsEventType } from '../store/events.js';

// The engine's writes to the checklist: each one store update, the cursor following the release.

export function stepOfType(store: CockpitStoreApi, type: StepType): StepDefinition | undefined {
  return store.getState().checklist.playbook.steps.find((s) => s.type === type);
}

/** Writes the checklist as `how` says it moved, the cursor following the release when it was on the current step. */
export function writeSteps(store: CockpitStoreApi, next: Steps, how: StepsEventType): void {
  const { steps, cursor } = store.getState().checklist;
  if (next !== steps) store.getState()[how](next, followCursor(steps, next, cursor));
}

function apply(store: CockpitStoreApi, result: Transition, how: StepsEventType): string | undefined {
  if (!result.ok) return result.error;
  writeSteps(store, result.steps, how);
  return undefined;
}

/** Marks the step running; returns why it cannot start (it is not the current step). */
export function beginStep(store: CockpitStoreApi, stepId: string, now: number): string | undefined {
  return apply(store, begin(store.getState().checklist.steps, stepId, now), 'stepStarted');
}

export function completeStep(store: CockpitStoreApi, stepId: string, outcome: string, now: number): string | undefined {
  return apply(store, complete(store.getState().checklist.steps, stepId, outcome, now), 'stepCompleted');
}

export function failStep(store: CockpitStoreApi, stepId: string, reason: string, now: number): string | undefined {
  return apply(store, fail(store.getState().checklist.steps, stepId, reason, now), 'stepFailed');
}

/** One line for a notice or a step's reason: a SourceError's message is already written for people. */
export function errorText(error: unknown): string {
  if (error instanceof SourceError) return error.message;
  if (error instanceof Error) return error.message;
  return String(error);
}
