import { describe, expect, it } from 'vitest';
import { WEEKLY_PLAYBOOK } from '../../src/domain/weekly-playbook.js';
import { usualStepMs } from '../../src/journal/history.js';
import { currentStepIndex, flights, openActions, replay, stepDurations } from '../../src/journal/replay.js';
import { restoreRelease } from '../../src/journal/restore.js';
import { CANDIDATE, MERGE, MIN, RELEASE, T0, TARGET, at, journal, step, throughVerify } from '../helpers/journal-fixtures.js';

const CUSTOMERS = ['acme', 'globex', 'initech', 'stark'].map((id) => ({ id, name: id.toUpperCase() }));

describe('replay', () => {
  it('is undefined without a release line', () => {
    expect(replay(journal([0, { type: 'note', text: 'stray' }]))).toBeUndefined();
  });

  it('opens a release at its first step, started when the release was', () => {
    const snapshot = replay(journal([0, RELEASE]));
    expect(snapshot).toMatchObject({ id: '2026-11-24-weekly', repo: 'acme/service', openedAt: T0, openedBy: 'dana-w' });
    expect(snapshot?.steps[0]).toMatchObject({ id: 'review-changes', status: 'active', startedAt: T0 });
    expect(snapshot?.steps.slice(1).every((s) => s.status === 'pending')).toBe(true);
    expect(snapshot?.completedAt).toBeUndefined();
  });

  it('rebuilds the steps, candidate, PR and merge as the journal left them, with who did each step', () => {
    const snapshot = replay(journal(...throughVerify()));
    expect(snapshot?.steps.map((s) => s.status)).toEqual(['done', 'done', 'done', 'done', 'done', 'done', 'done', 'active', 'pending']);
    expect(currentStepIndex(snapshot!)).toBe(7);
    expect(snapshot?.candidate).toMatchObject({ sha: CANDIDATE, headline: 'Refactor the export worker', actor: 'dana-w' });
    expect(snapshot?.pull).toMatchObject({ number: 307, base: 'production' });
    expect(snapshot?.merge).toMatchObject({ number: 307, sha: MERGE });
    expect(snapshot?.steps[4]).toMatchObject({ id: 'merge-promotion-pr', actor: 'dana-w', startedAt: at(10), finishedAt: at(11) });
    expect(openActions(snapshot!)).toEqual([]);
  });

  it('keeps an intent without an outcome open: it must be looked up, not sent again', () => {
    const entries = throughVerify().slice(0, 18);
    const snapshot = replay(journal(...entries));
    expect(snapshot?.steps[4]).toMatchObject({ id: 'merge-promotion-pr', status: 'running' });
    expect(openActions(snapshot!).map((a) => a.intent)).toEqual([{ action: 'merge-pr', number: 307, sha: CANDIDATE }]);
  });

  it('follows the rollout: target, each PPC state, and the requests still to follow', () => {
    const snapshot = replay(
      journal(
        ...throughVerify(),
        [19, step('update-ppcs', 'running', 18)],
        [19, { type: 'rollout', target: TARGET }],
        [19, { type: 'ppc', customer: 'initech', state: 'done' }],
        [20, { type: 'intent', id: 't1', action: 'trigger-ppcs', repo: 'acme/ppc-fleet', branch: 'master', customers: ['acme', 'stark'], target: TARGET, message: 'update acme, stark' }],
        [20, { type: 'outcome', id: 't1', ok: true, requestId: 205 }],
        [20, { type: 'ppc', customer: 'acme', state: 'updating', detail: 'in Travis request 205' }],
        [22, { type: 'ppc', customer: 'stark', state: 'failed', detail: 'update job 890.2 failed' }],
        // The rollout adds each customer's result to the intent once the request is over: the request id stays.
        [23, { type: 'outcome', id: 't1', ok: true, note: 'acme: passed; stark: failed' }],
        [24, { type: 'intent', id: 't2', action: 'trigger-ppcs', repo: 'acme/ppc-fleet', branch: 'master', customers: ['globex'], target: TARGET, message: 'update globex' }],
      ),
    );
    expect(snapshot?.rollout.target).toBe(TARGET);
    expect(snapshot?.rollout.ppcs.map((p) => [p.customer, p.state])).toEqual([
      ['initech', 'done'],
      ['acme', 'updating'],
      ['stark', 'failed'],
    ]);
    expect(flights(snapshot!)).toEqual([
      { intentId: 't1', customers: ['acme', 'stark'], target: TARGET, message: 'update acme, stark', requestId: 205, at: at(20) },
      { intentId: 't2', customers: ['globex'], target: TARGET, message: 'update globex', at: at(24) },
    ]);
    expect(openActions(snapshot!).map((a) => a.id)).toEqual(['t2']);
  });

  it('leaves out a request known not to have been sent', () => {
    const snapshot = replay(
      journal(
        [0, RELEASE],
        [1, { type: 'intent', id: 't1', action: 'trigger-ppcs', repo: 'r', branch: 'master', customers: ['acme'], target: TARGET, message: 'm' }],
        [1, { type: 'outcome', id: 't1', ok: false, error: 'Travis refused it', notSent: true }],
      ),
    );
    expect(flights(snapshot!)).toEqual([]);
  });

  it('knows when and by whom it was driven, including a take-over', () => {
    const snapshot = replay(
      journal([0, RELEASE], [0, { type: 'driver', host: 'lap-7', pid: 1, resumed: false }], [30, { type: 'driver', host: 'desk-2', pid: 2, resumed: true, tookOverFrom: 'dana-w' }, 'eli-r']),
    );
    expect(snapshot?.drivers.map((d) => [d.actor, d.host, d.tookOverFrom])).toEqual([
      ['dana-w', 'lap-7', undefined],
      ['eli-r', 'desk-2', 'dana-w'],
    ]);
  });

  it('is complete once every step is done or skipped, at the last step finished', () => {
    const snapshot = replay(
      journal(
        ...throughVerify(),
        [19, step('update-ppcs', 'skipped', 18, { finished: 19, reason: 'no customers this week' })],
        [19, step('release-complete', 'done', 19, { finished: 19, outcome: 'every step done (1 skipped)' })],
      ),
    );
    expect(snapshot?.completedAt).toBe(at(19));
    expect(snapshot?.steps[7]).toMatchObject({ status: 'skipped', reason: 'no customers this week' });
    expect(stepDurations(snapshot!).get('wait-pr-ci')).toBe(6 * MIN);
    expect(stepDurations(snapshot!).has('update-ppcs')).toBe(false);
  });
});

describe('restoreRelease', () => {
  it('lays the journal over the playbook: same step, same candidate, the rollout with each PPC state', () => {
    const snapshot = replay(
      journal(...throughVerify(), [19, step('update-ppcs', 'running', 18)], [19, { type: 'rollout', target: TARGET }], [20, { type: 'ppc', customer: 'stark', state: 'failed', detail: 'job failed' }]),
    )!;
    const restored = restoreRelease(snapshot, WEEKLY_PLAYBOOK, CUSTOMERS, at(40));
    expect(restored.cursor).toBe(7);
    expect(restored.steps[7]).toEqual({ id: 'update-ppcs', status: 'running', startedAt: at(18) });
    expect(restored.candidateSha).toBe(CANDIDATE);
    expect(restored.rolloutTarget).toBe(TARGET);
    expect(restored.ppcs.map((p) => [p.id, p.state, p.target])).toEqual([
      ['acme', 'pending', TARGET],
      ['globex', 'pending', TARGET],
      ['initech', 'pending', TARGET],
      ['stark', 'failed', TARGET],
    ]);
  });

  it('makes exactly one step current even when the journal ends between two lines of a transition', () => {
    // "review done" was written, "choose active" was not.
    const snapshot = replay(journal([0, RELEASE], [2, step('review-changes', 'done', 0, { finished: 2 })]))!;
    const restored = restoreRelease(snapshot, WEEKLY_PLAYBOOK, [], at(5));
    expect(restored.steps.slice(0, 3)).toEqual([
      { id: 'review-changes', status: 'done', startedAt: at(0), finishedAt: at(2) },
      { id: 'choose-candidate', status: 'active', startedAt: at(5) },
      { id: 'open-promotion-pr', status: 'pending' },
    ]);
    expect(restored.cursor).toBe(1);
  });
});

describe('usualStepMs', () => {
  it('is the median of each done step over past releases of the same playbook', () => {
    const past = [6, 8, 20].map((ci) => replay(journal([0, RELEASE], [ci, step('review-changes', 'done', 0, { finished: ci })]))!);
    const other = replay(journal([0, { ...RELEASE, playbook: { ...(RELEASE as { playbook: object }).playbook, name: 'Nightly' } } as typeof RELEASE], [1, step('review-changes', 'done', 0, { finished: 1 })]))!;
    expect(usualStepMs([...past, other], WEEKLY_PLAYBOOK.name)).toEqual({ 'review-changes': 8 * MIN });
  });
});
