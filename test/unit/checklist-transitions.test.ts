import { describe, expect, it } from 'vitest';
import { selectReleaseView } from '../../src/store/selectors.js';
import { advance, begin, complete, currentIndex, fail, followCursor, retry, skip, type Steps } from '../../src/domain/checklist.js';
import { WEEKLY_PLAYBOOK } from '../../src/domain/weekly-playbook.js';
import type { CockpitStoreApi } from '../../src/store/create-cockpit-store.js';
import { build, CANDIDATE, environment, freshStore, job, jumpTo, MERGE, ppc, pull, TARGET_REV, prCi } from './checklist-builders.js';

const NOW = 2_000_000;

function advanced(store: CockpitStoreApi): Steps {
  const state = store.getState();
  return advance(state.checklist.steps, WEEKLY_PLAYBOOK, selectReleaseView(state), NOW);
}

const statuses = (steps: Steps) => Object.fromEntries(steps.map((s) => [s.id, s.status]));

function ok(result: ReturnType<typeof complete>): Steps {
  if (!result.ok) throw new Error(result.error);
  return result.steps;
}

describe('advance', () => {
  it('marks a met gate done, records its condition and activates the next step', () => {
    const store = freshStore();
    jumpTo(store, 'wait-pr-ci');
    store.getState().promotionRead({ pull: pull(), ...prCi(build('1234', [job('1234.1', 'passed')], { state: 'passed' })) });
    const steps = advanced(store);
    expect(statuses(steps)).toMatchObject({ 'wait-pr-ci': 'done', 'merge-promotion-pr': 'active', 'wait-deploy': 'pending' });
    expect(steps.find((s) => s.id === 'wait-pr-ci')).toMatchObject({ outcome: 'CI green: 1 of 1 jobs passed', finishedAt: NOW });
    expect(steps.find((s) => s.id === 'merge-promotion-pr')).toMatchObject({ startedAt: NOW });
  });

  it('returns the same array when no gate holds, so nothing is written to the store', () => {
    const store = freshStore();
    jumpTo(store, 'wait-pr-ci');
    store.getState().promotionRead({ pull: pull(), ...prCi(build('1234', [job('1234.1', 'started')])) });
    expect(advanced(store)).toBe(store.getState().checklist.steps);
  });

  it('never passes a manual, choose or action step on its own', () => {
    const store = freshStore();
    expect(advanced(store)).toBe(store.getState().checklist.steps);
    jumpTo(store, 'open-promotion-pr');
    store.getState().promotionRead({ pull: pull() });
    expect(advanced(store)).toBe(store.getState().checklist.steps);
  });

  it('advances through several met gates in one returned array', () => {
    const store = freshStore();
    jumpTo(store, 'wait-deploy');
    store.getState().promotionRead({ candidateSha: CANDIDATE, mergeSha: MERGE, deployBuild: build('1240', [job('1240.1', 'passed')], { sha: MERGE, event: 'push' }) });
    store.getState().environmentsRead({ status: 'ready', data: [environment('production', MERGE)], at: 0 });
    expect(statuses(advanced(store))).toMatchObject({ 'wait-deploy': 'done', 'verify-environment': 'done', 'update-ppcs': 'active' });
  });

  it('walks to release complete when the last steps are all met', () => {
    const store = freshStore();
    jumpTo(store, 'update-ppcs');
    store.getState().rolloutStarted(TARGET_REV);
    store.getState().fleetRead([ppc('a', 'done', TARGET_REV)]);
    store.getState().stepsAdvanced(ok(begin(store.getState().checklist.steps, 'update-ppcs', NOW)));
    const steps = advanced(store);
    expect(statuses(steps)).toMatchObject({ 'update-ppcs': 'done', 'release-complete': 'done' });
    expect(currentIndex(steps)).toBe(-1);
  });

  it('blocks at a failing gate, and only a skip with a reason gets past it', () => {
    const store = freshStore();
    jumpTo(store, 'wait-pr-ci');
    store.getState().promotionRead({ pull: pull(), ...prCi(build('1234', [job('1234.1', 'passed'), job('1234.2', 'failed')])) });
    const failed = advanced(store);
    expect(failed.find((s) => s.id === 'wait-pr-ci')).toMatchObject({ status: 'failed', reason: 'job 1234.2 job 1234.2 failed' });
    store.getState().stepsAdvanced(failed);
    // Evaluating again changes nothing: the release stays at the failed gate.
    expect(advanced(store)).toBe(store.getState().checklist.steps);
    expect(complete(failed, 'wait-pr-ci', undefined, NOW)).toEqual({ ok: false, error: 'a step that is failed cannot be completed' });
    expect(skip(failed, 'wait-pr-ci', '   ', NOW)).toEqual({ ok: false, error: 'a reason is required to skip a step' });

    const skipped = ok(skip(failed, 'wait-pr-ci', 'flaky job, passed on main ', NOW));
    expect(skipped.find((s) => s.id === 'wait-pr-ci')).toMatchObject({ status: 'skipped', reason: 'flaky job, passed on main' });
    expect(statuses(skipped)['merge-promotion-pr']).toBe('active');
  });

  it('reopens a failed gate when its job is restarted, then completes it when it passes', () => {
    const store = freshStore();
    jumpTo(store, 'wait-pr-ci');
    store.getState().promotionRead({ pull: pull(), ...prCi(build('1234', [job('1234.1', 'failed')])) });
    store.getState().stepsAdvanced(advanced(store));
    store.getState().promotionRead({ ...prCi(build('1234', [job('1234.1', 'started')])) });
    const reopened = advanced(store);
    expect(reopened.find((s) => s.id === 'wait-pr-ci')).toEqual({ id: 'wait-pr-ci', status: 'active', startedAt: NOW - 1_000_000 });
    store.getState().stepsAdvanced(reopened);
    store.getState().promotionRead({ ...prCi(build('1234', [job('1234.1', 'passed')])) });
    expect(statuses(advanced(store))['wait-pr-ci']).toBe('done');
  });

  it('keeps the PPC update running until every PPC is done, and fails it while one has failed', () => {
    const store = freshStore();
    jumpTo(store, 'update-ppcs');
    store.getState().rolloutStarted(TARGET_REV);
    store.getState().fleetRead([ppc('a', 'done', TARGET_REV), ppc('b', 'updating')]);
    store.getState().stepsAdvanced(ok(begin(store.getState().checklist.steps, 'update-ppcs', NOW)));
    expect(advanced(store)).toBe(store.getState().checklist.steps);

    store.getState().ppcsUpdated([{ id: 'b', state: 'failed' }]);
    const failed = advanced(store);
    expect(failed.find((s) => s.id === 'update-ppcs')).toMatchObject({ status: 'failed', reason: '1 of 2 PPCs at d4e5f6a; 1 failed (b)' });
    store.getState().stepsAdvanced(failed);

    store.getState().ppcsUpdated([{ id: 'b', state: 'updating' }]);
    const running = advanced(store);
    expect(statuses(running)['update-ppcs']).toBe('running');
  });
});

describe('complete, fail, retry', () => {
  it('completes only the current step and records what it produced', () => {
    const steps = freshStore().getState().checklist.steps;
    expect(complete(steps, 'open-promotion-pr', 'PR #42', NOW)).toEqual({ ok: false, error: 'only the current step can be completed' });
    const next = ok(complete(steps, 'review-changes', 'reviewed', NOW));
    expect(next[0]).toMatchObject({ status: 'done', outcome: 'reviewed', finishedAt: NOW });
    expect(next[1]).toMatchObject({ status: 'active', startedAt: NOW });
  });

  it('retries a failed step: it becomes active again without its old reason', () => {
    const store = freshStore();
    jumpTo(store, 'open-promotion-pr');
    const failed = ok(fail(store.getState().checklist.steps, 'open-promotion-pr', 'GitHub unreachable', NOW));
    expect(failed[2]).toMatchObject({ status: 'failed', reason: 'GitHub unreachable' });
    expect(retry(store.getState().checklist.steps, 'open-promotion-pr', NOW)).toEqual({ ok: false, error: 'a step that is active cannot be retried' });
    const retried = ok(retry(failed, 'open-promotion-pr', NOW));
    expect(retried[2]).toEqual({ id: 'open-promotion-pr', status: 'active', startedAt: NOW });
    // An action can also be started straight from failed (the user confirmed it again).
    expect(ok(begin(failed, 'open-promotion-pr', NOW))[2]).toMatchObject({ status: 'running' });
  });
});

describe('followCursor', () => {
  it('follows the current step when the cursor was on it, and stays put otherwise', () => {
    const store = freshStore();
    jumpTo(store, 'wait-pr-ci');
    const before = store.getState().checklist.steps;
    store.getState().promotionRead({ pull: pull(), ...prCi(build('1234', [job('1234.1', 'passed')])) });
    const after = advanced(store);
    expect(followCursor(before, after, 3)).toBe(4);
    expect(followCursor(before, after, 0)).toBe(0);
    expect(followCursor(before, before, 3)).toBe(3);
  });
});
