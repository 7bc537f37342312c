import { gateCondition } from './gates.js';
import { movedHeadText } from './pull-gates.js';
import type { Playbook, StepDefinition, StepProgress, StepStatus } from './playbook.js';
import type { ReleaseView } from './release-view.js';
import { STEPS } from './steps/steps.js';

/**
 * The checklist's state machine: pure transitions over the steps' progress.
 *
 * Exactly one step is "current": the first that is neither done nor skipped. It is `active` (waiting for its
 * gate or for the user), `running` (the cockpit is doing it) or `failed`. Steps after it are `pending`.
 * Nothing ever moves past a failed step except a recorded skip (design.md: "the cursor never jumps past a
 * failing gate without a recorded skip"). The user's cursor is separate: see `followCursor`.
 *
 * Every function returns the same array when nothing changes, so that callers can skip the store update.
 */
export type Steps = readonly StepProgress[];

export type Transition = { readonly ok: true; readonly steps: Steps } | { readonly ok: false; readonly error: string };

export function isSettled(status: StepStatus): boolean {
  return status === 'done' || status === 'skipped';
}

/** The index of the step the release is at, or -1 once every step is done or skipped. */
export function currentIndex(steps: Steps): number {
  return steps.findIndex((s) => !isSettled(s.status));
}

function replace(steps: Steps, index: number, next: StepProgress): StepProgress[] {
  const out = steps.slice();
  out[index] = next;
  return out;
}

function withoutReason(step: StepProgress): StepProgress {
  const { reason: _reason, ...rest } = step;
  return rest;
}

/** Settles the current step and activates the one after it. */
function settle(steps: Steps, index: number, settled: StepProgress, now: number): Steps {
  const out = replace(steps, index, settled);
  const next = out[index + 1];
  if (next && next.status === 'pending') out[index + 1] = { id: next.id, status: 'active', startedAt: now };
  return out;
}

/** Finds `stepId` and checks it is the current step in one of `allowed` statuses. */
function locate(steps: Steps, stepId: string, allowed: readonly StepStatus[], doing: string): { index: number; step: StepProgress } | string {
  const index = steps.findIndex((s) => s.id === stepId);
  const step = steps[index];
  if (!step) return `there is no step "${stepId}"`;
  if (index !== currentIndex(steps)) return `only the current step can be ${doing}`;
  if (!allowed.includes(step.status)) return `a step that is ${step.status} cannot be ${doing}`;
  return { index, step };
}

/** The cockpit has started doing the current step (an action after the user's `y`). */
export function begin(steps: Steps, stepId: string, now: number): Transition {
  const found = locate(steps, stepId, ['active', 'failed', 'running'], 'started');
  if (typeof found === 'string') return { ok: false, error: found };
  if (found.step.status === 'running') return { ok: true, steps };
  return { ok: true, steps: replace(steps, found.index, { ...withoutReason(found.step), status: 'running', startedAt: found.step.startedAt ?? now }) };
}

/** The current step is done (the user confirmed it, or the cockpit finished it); `outcome` is what it produced. */
export function complete(steps: Steps, stepId: string, outcome: string | undefined, now: number): Transition {
  const found = locate(steps, stepId, ['active', 'running'], 'completed');
  if (typeof found === 'string') return { ok: false, error: found };
  const done: StepProgress = { ...withoutReason(found.step), status: 'done', finishedAt: now, ...(outcome ? { outcome } : {}) };
  return { ok: true, steps: settle(steps, found.index, done, now) };
}

/** Skips the current step, whatever its state; a skip without a reason is refused. */
export function skip(steps: Steps, stepId: string, reason: string, now: number): Transition {
  const why = reason.trim();
  if (why === '') return { ok: false, error: 'a reason is required to skip a step' };
  const found = locate(steps, stepId, ['active', 'running', 'failed'], 'skipped');
  if (typeof found === 'string') return { ok: false, error: found };
  return { ok: true, steps: settle(steps, found.index, { ...found.step, status: 'skipped', finishedAt: now, reason: why }, now) };
}

/** The current step failed: the release stops here until it is retried or skipped. */
export function fail(steps: Steps, stepId: string, reason: string, _now: number): Transition {
  const found = locate(steps, stepId, ['active', 'running', 'failed'], 'failed');
  if (typeof found === 'string') return { ok: false, error: found };
  if (found.step.status === 'failed' && found.step.reason === reason) return { ok: true, steps };
  return { ok: true, steps: replace(steps, found.index, { ...found.step, status: 'failed', reason }) };
}

/**
 * `stepId` is current again, whatever it was: what it held for no longer holds. Every later step that was not
 * skipped goes back to pending, since each was reached on the strength of it (a sign-off of the old head is
 * not one of the new). `reason` says why, in the journal and on screen.
 */
export function reopen(steps: Steps, stepId: string, now: number, reason: string): Transition {
  const index = steps.findIndex((s) => s.id === stepId);
  const step = steps[index];
  if (!step) return { ok: false, error: `there is no step "${stepId}"` };
  const out = steps.map((s, i): StepProgress => {
    if (i < index || (i > index && (s.status === 'skipped' || s.status === 'pending'))) return s;
    if (i > index) return { id: s.id, status: 'pending' };
    return { id: s.id, status: 'active', startedAt: now, reason };
  });
  return { ok: true, steps: out };
}

/**
 * The first head-pinned gate that is done for a head the open pull request no longer has: it opens again. Not
 * while a later step runs (the merge in flight sent the tested sha; GitHub's answer to it decides).
 */
function reopenMovedHead(steps: Steps, definitions: ReadonlyMap<string, StepDefinition>, state: ReleaseView, now: number): Steps {
  const { pull } = state.promotion;
  if (!pull || pull.state !== 'open' || pull.merged) return steps;
  const index = steps.findIndex((s) => s.status === 'done' && s.sha !== undefined && s.sha !== pull.headSha && STEPS[definitions.get(s.id)?.type ?? 'manual'].isHeadPinned === true);
  const step = steps[index];
  if (!step?.sha || steps.slice(index + 1).some((s) => s.status === 'running')) return steps;
  const result = reopen(steps, step.id, now, movedHeadText(state, step.sha));
  return result.ok ? result.steps : steps;
}

/** A failed step becomes active again; its gate or its action gets another go. */
export function retry(steps: Steps, stepId: string, now: number): Transition {
  const found = locate(steps, stepId, ['failed'], 'retried');
  if (typeof found === 'string') return { ok: false, error: found };
  return { ok: true, steps: replace(steps, found.index, { ...withoutReason(found.step), status: 'active', startedAt: now }) };
}

/**
 * Moves the release forward as far as live conditions allow, in one returned array: a met gate is done and
 * the next step becomes active, and if that one is a met gate too it is done as well, and so on. A failing
 * gate is marked failed (with its condition as the reason) and stops the walk; when its condition stops
 * failing (a job restarted) it becomes active again.
 */
export function advance(steps: Steps, playbook: Playbook, state: ReleaseView, now: number): Steps {
  const definitions = new Map(playbook.steps.map((d) => [d.id, d]));
  let out = reopenMovedHead(steps, definitions, state, now);
  for (;;) {
    const index = currentIndex(out);
    const step = out[index];
    const definition = step && definitions.get(step.id);
    if (!step || !definition) return out;
    const isGate = definition.kind === 'gate';
    const behaviour = STEPS[definition.type];
    const isLive = behaviour.isLiveAction === true && (step.status === 'running' || step.status === 'failed');
    // While the cockpit itself is doing it, the action completes it (with its own words).
    const mayHaveHappened = behaviour.settlesItself === true && step.status !== 'running';
    if (!isGate && !isLive && !mayHaveHappened) return out;

    // A condition may read the checklist itself (release-complete does): let it see this walk's progress.
    const view = out === state.checklist.steps ? state : { ...state, checklist: { ...state.checklist, steps: out } };
    const condition = gateCondition(definition, view);
    if (mayHaveHappened) {
      if (!condition.isMet) return out;
      out = settle(out, index, settledBy(step, condition, now), now);
      continue;
    }
    if (condition.isFailed) {
      if (step.status === 'failed' && step.reason === condition.text) return out;
      return replace(out, index, { ...step, status: 'failed', reason: condition.text });
    }
    if (!condition.isMet) {
      if (step.status !== 'failed') return out;
      return replace(out, index, { ...withoutReason(step), status: isGate ? 'active' : 'running' });
    }
    out = settle(out, index, settledBy(step, condition, now), now);
  }
}

/** A step done by its met condition, keeping the head it was met for. */
function settledBy(step: StepProgress, condition: ReturnType<typeof gateCondition>, now: number): StepProgress {
  const { sha: _old, ...rest } = withoutReason(step);
  return { ...rest, status: 'done', finishedAt: now, outcome: condition.text, ...(condition.sha ? { sha: condition.sha } : {}) };
}

/**
 * Where the user's cursor goes after a transition: it follows the current step when it was on it (the user
 * is watching the release move), and stays where it is when the user was reading another step.
 */
export function followCursor(before: Steps, after: Steps, cursor: number): number {
  const was = currentIndex(before);
  if (cursor !== was || before === after) return cursor;
  const now = currentIndex(after);
  return now === -1 ? Math.max(0, after.length - 1) : now;
}
