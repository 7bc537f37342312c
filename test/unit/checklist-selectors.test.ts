import { describe, expect, it } from 'vitest';
import { selectActiveStep, selectInFlight, selectRolloutWindow, selectSelectedStep, selectStepView } from '../../src/store/selectors.js';
import { build, freshStore, job, jumpTo, ppc, pull, prCi } from './checklist-builders.js';
import { selectStep } from '../helpers/store-state.js';

describe('selectRolloutWindow', () => {
  it('returns the same array until the fleet or the window changes', () => {
    const store = freshStore();
    store.getState().fleetRead(Array.from({ length: 1000 }, (_, i) => ppc(`c${i}`, 'pending')));
    const window = selectRolloutWindow(10, 5);
    const first = window(store.getState());
    expect(first.map((p) => p.id)).toEqual(['c10', 'c11', 'c12', 'c13', 'c14']);
    store.getState().clockTicked(42);
    expect(window(store.getState())).toBe(first);
    expect(selectRolloutWindow(10, 5)(store.getState())).toBe(first);
    store.getState().ppcsUpdated([{ id: 'c11', state: 'updating' }]);
    const next = window(store.getState());
    expect(next).not.toBe(first);
    expect(next[1]?.state).toBe('updating');
    expect(selectRolloutWindow(998, 5)(store.getState()).map((p) => p.id)).toEqual(['c998', 'c999']);
  });
});

describe('step views', () => {
  it('stay the same object while the step and its condition do not change', () => {
    const store = freshStore();
    jumpTo(store, 'wait-pr-ci');
    store.getState().promotionRead({ pull: pull(), ...prCi(build('1234', [job('1234.1', 'started')])) });
    const view = selectStepView(3)(store.getState());
    expect(view).toMatchObject({ index: 3, isCurrent: true, condition: { text: 'waiting for 1 of 1 jobs' } });
    store.getState().clockTicked(99);
    expect(selectStepView(3)(store.getState())).toBe(view);
    expect(selectActiveStep(store.getState())).toBe(view);
    store.getState().promotionRead({ ...prCi(build('1234', [job('1234.1', 'passed')])) });
    expect(selectStepView(3)(store.getState())?.condition.text).toBe('CI green: 1 of 1 jobs passed');
  });

  it('tell the selected step from the active one', () => {
    const store = freshStore();
    jumpTo(store, 'open-promotion-pr');
    selectStep(store, 0);
    expect(selectSelectedStep(store.getState())?.definition.id).toBe('review-changes');
    expect(selectActiveStep(store.getState())?.definition.id).toBe('open-promotion-pr');
  });
});

describe('selectInFlight', () => {
  it('names what quitting would interrupt', () => {
    const store = freshStore();
    expect(selectInFlight(store.getState())).toBeUndefined();
    jumpTo(store, 'open-promotion-pr');
    const steps = store.getState().checklist.steps;
    store.getState().stepStarted(steps.map((step) => (step.id === 'open-promotion-pr' ? { ...step, status: 'running' } : step)));
    expect(selectInFlight(store.getState())).toBe('"Open the promotion pull request" is running');
    store.getState().fleetRead([ppc('a', 'updating'), ppc('b', 'queued')]);
    expect(selectInFlight(store.getState())).toBe('2 PPC updates in progress');
  });
});
