import { describe, expect, it } from 'vitest';
import type { CheckRunSignal, CiState, StatusSignal, TravisState } from '../../src/domain/ci.js';
import { ciVerdict, isActive, isFinished, travisStateToCi } from '../../src/domain/ci-verdict.js';

const run = (status: CheckRunSignal['status'], conclusion: string | null = null): CheckRunSignal => ({
  name: 'Travis CI - Branch',
  status,
  conclusion,
});
const done = (conclusion: string): CheckRunSignal => run('completed', conclusion);
const st = (state: StatusSignal['state']): StatusSignal => ({ context: 'continuous-integration/travis-ci/push', state });

const verdict = (checkRuns: CheckRunSignal[], statuses: StatusSignal[] = []): CiState =>
  ciVerdict({ sha: 'a'.repeat(40), checkRuns, statuses });

describe('ciVerdict', () => {
  it('is none when there is no signal at all', () => {
    expect(verdict([], [])).toBe('none');
  });

  it.each<[string, CheckRunSignal[], StatusSignal[], CiState]>([
    ['one passing run', [done('success')], [], 'success'],
    ['neutral and skipped runs count as passing', [done('neutral'), done('skipped'), done('success')], [], 'success'],
    ['only a passing status', [], [st('success')], 'success'],
    ['passing run and passing status', [done('success')], [st('success')], 'success'],
    ['a failed run', [done('failure')], [], 'failure'],
    ['a cancelled run', [done('cancelled')], [], 'failure'],
    ['a timed-out run', [done('timed_out')], [], 'failure'],
    ['Travis errored (action_required)', [done('action_required')], [], 'failure'],
    ['a startup failure', [done('startup_failure')], [], 'failure'],
    ['a stale run', [done('stale')], [], 'failure'],
    ['an unknown conclusion is not green', [done('something_new')], [], 'failure'],
    ['a failing status beside passing runs', [done('success')], [st('failure')], 'failure'],
    ['an error status', [], [st('error')], 'failure'],
    ['a queued run', [run('queued')], [], 'pending'],
    ['an in-progress run beside a passing one', [done('success'), run('in_progress')], [], 'pending'],
    ['a waiting run', [run('waiting')], [], 'pending'],
    ['a requested run', [run('requested')], [], 'pending'],
    ['a run pending', [run('pending')], [], 'pending'],
    ['a completed run without a conclusion yet', [run('completed', null)], [], 'pending'],
    ['a pending status beside a passing run', [done('success')], [st('pending')], 'pending'],
    ['failure wins over a pending run', [run('in_progress'), done('failure')], [], 'failure'],
    ['failure in a status wins over a pending run', [run('queued')], [st('error')], 'failure'],
    ['failure in a run wins over a pending status', [done('cancelled')], [st('pending')], 'failure'],
  ])('%s -> %s', (_label, runs, statuses, expected) => {
    expect(verdict(runs, statuses)).toBe(expected);
  });
});

describe('Travis states', () => {
  it.each<[TravisState, CiState, boolean]>([
    ['created', 'pending', true],
    ['queued', 'pending', true],
    ['received', 'pending', true],
    ['started', 'pending', true],
    ['passed', 'success', false],
    ['failed', 'failure', false],
    ['errored', 'failure', false],
    ['canceled', 'failure', false],
  ])('%s -> %s (active: %s)', (state, ci, active) => {
    expect(travisStateToCi(state)).toBe(ci);
    expect(isActive(state)).toBe(active);
    expect(isFinished(state)).toBe(!active);
  });
});
