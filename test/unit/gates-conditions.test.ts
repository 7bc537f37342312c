import { describe, expect, it } from 'vitest';
import { selectReleaseView } from '../../src/store/selectors.js';
import { gateCondition } from '../../src/domain/gates.js';
import { sameRevision } from '../../src/domain/sha.js';
import type { StepDefinition } from '../../src/domain/playbook.js';
import type { CustomerPpc } from '../../src/domain/ppc.js';
import { WEEKLY_PLAYBOOK } from '../../src/domain/weekly-playbook.js';
import type { CockpitStoreApi } from '../../src/store/create-cockpit-store.js';
import { build, CANDIDATE, environment, freshStore, job, jumpTo, MERGE, OLD, OLD_REV, ppc, pull, TARGET_REV, prCi } from './checklist-builders.js';
import { givenMeta } from '../helpers/store-state.js';

function step(id: string): StepDefinition {
  const found = WEEKLY_PLAYBOOK.steps.find((s) => s.id === id);
  if (!found) throw new Error(`no step ${id}`);
  return found;
}

const condition = (store: CockpitStoreApi, id: string) => gateCondition(step(id), selectReleaseView(store.getState()));

describe('wait-pr-ci', () => {
  it('says there is no pull request yet before one is opened', () => {
    expect(condition(freshStore(), 'wait-pr-ci')).toEqual({ isMet: false, isFailed: false, text: 'no promotion pull request yet' });
  });

  it('counts the jobs still running', () => {
    const store = freshStore();
    store.getState().promotionRead({ pull: pull(), ...prCi(build('1234', [job('1234.1', 'passed'), job('1234.2', 'passed'), job('1234.3', 'started'), job('1234.4', 'queued')])) });
    expect(condition(store, 'wait-pr-ci')).toEqual({ isMet: false, isFailed: false, text: 'waiting for 2 of 4 jobs' });
  });

  it('is met when every job passed', () => {
    const store = freshStore();
    store.getState().promotionRead({ pull: pull(), ...prCi(build('1234', ['1', '2', '3', '4'].map((n) => job(`1234.${n}`, 'passed')), { state: 'passed' })) });
    expect(condition(store, 'wait-pr-ci')).toEqual({ isMet: true, isFailed: false, text: 'CI green: 4 of 4 jobs passed', sha: CANDIDATE });
  });

  it('fails as soon as one required job fails, even while others still run', () => {
    const store = freshStore();
    store.getState().promotionRead({ pull: pull(), ...prCi(build('1234', [job('1234.1', 'passed'), job('1234.2', 'started'), job('1234.3', 'failed')])) });
    expect(condition(store, 'wait-pr-ci')).toEqual({ isMet: false, isFailed: true, text: 'job 1234.3 job 1234.3 failed' });
  });

  it('does not let a job that is allowed to fail block the release', () => {
    const store = freshStore();
    store.getState().promotionRead({ pull: pull(), ...prCi(build('1234', [job('1234.1', 'passed'), job('1234.2', 'failed', true)])) });
    expect(condition(store, 'wait-pr-ci')).toMatchObject({ isMet: true, text: 'CI green: 1 of 2 jobs passed (1 allowed to fail)' });
  });
});

describe('wait-pr-ci: one head, the checks that gate', () => {
  const none = { sha: CANDIDATE, state: 'none' as const, gating: [{ name: 'Travis CI - Pull Request', state: 'missing' as const, required: true }], optional: [], why: "Travis CI's own checks (nothing else is required)" };

  it('waits while no check has reported, with its age, and says CI never started once past the limit', () => {
    const store = freshStore(10 * 60_000);
    givenMeta(store, { ciStartLimitMs: 5 * 60_000 });
    store.getState().promotionRead({ pull: pull(), prCi: none, headSeenAt: 8 * 60_000 });
    expect(condition(store, 'wait-pr-ci')).toEqual({ isMet: false, isFailed: false, text: 'waiting for CI to start on 1a2b3c4 (no check yet, 2m)' });
    store.getState().clockTicked(14 * 60_000);
    expect(condition(store, 'wait-pr-ci')).toMatchObject({ isFailed: true, text: "CI never started on 1a2b3c4: no check that gates (Travis CI's own checks (nothing else is required)) reported in 6m" });
  });

  it('never takes a verdict read for another head, however green', () => {
    const store = freshStore();
    const passed = build('1234', [job('1234.1', 'passed')], { state: 'passed' });
    store.getState().promotionRead({ pull: pull({ headSha: OLD }), ...prCi(passed, CANDIDATE) });
    expect(condition(store, 'wait-pr-ci')).toEqual({ isMet: false, isFailed: false, text: "reading the CI of #42's head 9f8e7d6" });
  });

  it('is met by the required checks alone when an optional one fails, and keeps the head it was met for', () => {
    const store = freshStore();
    const verdict = { ...none, state: 'success' as const, gating: [{ name: 'Travis CI - Pull Request', state: 'success' as const, required: true }], optional: [{ name: 'codecov/patch', state: 'failure' as const, required: false }] };
    store.getState().promotionRead({ pull: pull(), prCi: verdict });
    expect(condition(store, 'wait-pr-ci')).toEqual({ isMet: true, isFailed: false, text: 'CI green: 1 of 1 checks passed', sha: CANDIDATE });
  });
});

describe('wait-deploy', () => {
  it('waits for the push build of the merge commit, not an older build', () => {
    const store = freshStore();
    store.getState().promotionRead({ mergeSha: MERGE, deployBuild: build('1239', [job('1239.1', 'passed')], { sha: OLD, event: 'push', state: 'passed' }) });
    expect(condition(store, 'wait-deploy')).toEqual({ isMet: false, isFailed: false, text: 'waiting for the push build of 5e6f7a8 on production' });
  });

  it('reports progress, success and failure of the deploy build', () => {
    const store = freshStore();
    const deploy = (states: Parameters<typeof job>[1][]) =>
      store.getState().promotionRead({ mergeSha: MERGE, deployBuild: build('1240', states.map((s, i) => job(`1240.${i + 1}`, s)), { sha: MERGE, event: 'push' }) });
    deploy(['passed', 'started']);
    expect(condition(store, 'wait-deploy')).toMatchObject({ isMet: false, isFailed: false, text: 'deploying: waiting for 1 of 2 jobs' });
    deploy(['passed', 'passed']);
    expect(condition(store, 'wait-deploy')).toMatchObject({ isMet: true, text: 'deployed: 2 of 2 jobs passed' });
    deploy(['passed', 'errored']);
    expect(condition(store, 'wait-deploy')).toMatchObject({ isFailed: true, text: 'deploy job 1240.2 job 1240.2 errored' });
  });
});

describe('verify-environment', () => {
  it('waits while production still serves the old version', () => {
    const store = freshStore();
    store.getState().promotionRead({ candidateSha: CANDIDATE, mergeSha: MERGE });
    store.getState().environmentsRead({ status: 'ready', data: [environment('production', OLD.slice(0, 7))], at: 0 });
    expect(condition(store, 'verify-environment')).toEqual({ isMet: false, isFailed: false, text: 'production still serves 9f8e7d6' });
  });

  it('is met once production serves the merge and is healthy', () => {
    const store = freshStore();
    store.getState().promotionRead({ candidateSha: CANDIDATE, mergeSha: MERGE });
    store.getState().environmentsRead({ status: 'ready', data: [environment('production', MERGE)], at: 0 });
    expect(condition(store, 'verify-environment')).toEqual({ isMet: true, isFailed: false, text: 'production serves 5e6f7a8 (healthy)' });
  });

  it('accepts the candidate itself (a fast-forward merge) but not an unhealthy site', () => {
    const store = freshStore();
    store.getState().promotionRead({ candidateSha: CANDIDATE, mergeSha: MERGE });
    store.getState().environmentsRead({ status: 'ready', data: [environment('production', CANDIDATE.slice(0, 7), false)], at: 0 });
    expect(condition(store, 'verify-environment')).toMatchObject({ isMet: false, text: 'production serves 1a2b3c4 but is unhealthy: HTTP 503' });
    store.getState().environmentsRead({ status: 'ready', data: [environment('production', CANDIDATE.slice(0, 7))], at: 0 });
    expect(condition(store, 'verify-environment')).toMatchObject({ isMet: true, text: 'production serves 1a2b3c4 (healthy)' });
  });
});

describe('update-ppcs', () => {
  it('counts the PPCs at the target revision and the failed ones', () => {
    const store = freshStore();
    store.getState().rolloutStarted(TARGET_REV);
    store.getState().fleetRead([
      ...Array.from({ length: 7 }, (_, i) => ppc(`c${i}`, 'done', TARGET_REV)),
      ppc('acme', 'failed'),
      ...Array.from({ length: 4 }, (_, i) => ppc(`p${i}`, 'pending')),
    ]);
    expect(condition(store, 'update-ppcs')).toEqual({ isMet: false, isFailed: true, text: '7 of 12 PPCs at d4e5f6a; 1 failed (acme)' });
  });

  it('is met when every PPC is at the target or skipped, and says how many were skipped', () => {
    const store = freshStore();
    store.getState().rolloutStarted(TARGET_REV);
    store.getState().fleetRead([ppc('a', 'done', TARGET_REV), ppc('b', 'skipped', OLD_REV)]);
    expect(condition(store, 'update-ppcs')).toEqual({ isMet: true, isFailed: false, text: '1 of 2 PPCs at d4e5f6a; 1 skipped' });
    store.getState().ppcsUpdated([{ id: 'b', state: 'done', current: TARGET_REV }]);
    expect(condition(store, 'update-ppcs')).toEqual({ isMet: true, isFailed: false, text: 'all 2 PPCs at d4e5f6a' });
  });

  it('counts a PPC that already reports the target even before the cockpit touched it', () => {
    const store = freshStore();
    store.getState().rolloutStarted(TARGET_REV);
    store.getState().fleetRead([ppc('a', 'pending', TARGET_REV.slice(0, 7)), ppc('b', 'pending')]);
    expect(condition(store, 'update-ppcs')).toMatchObject({ isMet: false, text: '1 of 2 PPCs at d4e5f6a' });
  });

  it('says the same, patch after patch of a rollout, as a count of the whole fleet from scratch', () => {
    const store = freshStore();
    store.getState().rolloutStarted(TARGET_REV);
    store.getState().fleetRead(Array.from({ length: 30 }, (_, i) => ppc(`c${i}`, 'pending')));
    const fromScratch = freshStore();
    fromScratch.getState().rolloutStarted(TARGET_REV);
    // Failures come and go out of order, including the first failed one recovering while a later one stays failed.
    const steps: Array<Array<[number, CustomerPpc['state'], string?]>> = [
      [[3, 'updating'], [17, 'updating']],
      [[3, 'failed'], [17, 'failed']],
      [[9, 'failed'], [0, 'done', TARGET_REV]],
      [[3, 'done', TARGET_REV], [25, 'skipped']],
      [[9, 'done', TARGET_REV]],
      [[17, 'done', TARGET_REV], [1, 'failed']],
    ];
    const texts: string[] = [];
    for (const patch of steps) {
      condition(store, 'update-ppcs'); // counted before the patch, as every render counts it
      store.getState().ppcsUpdated(patch.map(([i, state, current]) => ({ id: `c${i}`, state, ...(current ? { current } : {}) })));
      fromScratch.getState().fleetRead(store.getState().rollout.ppcs.map((p) => ({ ...p })));
      expect(condition(store, 'update-ppcs')).toEqual(condition(fromScratch, 'update-ppcs'));
      texts.push(condition(store, 'update-ppcs').text);
    }
    expect(texts).toEqual([
      '0 of 30 PPCs at d4e5f6a',
      '0 of 30 PPCs at d4e5f6a; 2 failed (c3 and 1 more)',
      '1 of 30 PPCs at d4e5f6a; 3 failed (c3 and 2 more)',
      '2 of 30 PPCs at d4e5f6a; 2 failed (c9 and 1 more); 1 skipped',
      '3 of 30 PPCs at d4e5f6a; 1 failed (c17); 1 skipped',
      '4 of 30 PPCs at d4e5f6a; 1 failed (c1); 1 skipped',
    ]);
  });
});

describe('release-complete', () => {
  it('is met only when every other step is done or skipped', () => {
    const store = freshStore();
    expect(condition(store, 'release-complete')).toMatchObject({ isMet: false, text: '8 steps to go' });
    jumpTo(store, 'release-complete');
    expect(condition(store, 'release-complete')).toEqual({ isMet: true, isFailed: false, text: 'every step done' });
  });
});

describe('the other steps', () => {
  it('name what the action will act on', () => {
    const store = freshStore();
    expect(condition(store, 'choose-candidate').text).toBe("reading staging's recent commits");
    store.getState().candidatesRead({
      status: 'ready',
      at: 0,
      data: [{ commit: { sha: CANDIDATE, message: 'Fix the login page\n\nDetails', author: 'dev', date: '' }, ci: 'success', isLatestGreen: true, isHead: true }],
    });
    expect(condition(store, 'choose-candidate').text).toBe('latest green: 1a2b3c4 Fix the login page');
    expect(condition(store, 'open-promotion-pr').text).toBe('choose a candidate first');
    store.getState().promotionRead({ candidateSha: CANDIDATE });
    expect(condition(store, 'open-promotion-pr').text).toBe('will open staging -> production for 1a2b3c4');
    expect(condition(store, 'choose-candidate')).toMatchObject({ isMet: true, text: 'chosen: 1a2b3c4' });
    store.getState().promotionRead({ pull: pull({ mergeable: null }) });
    expect(condition(store, 'merge-promotion-pr').text).toBe('GitHub is still checking whether PR #42 can merge');
  });

  it('summarises the review from the environment diff', () => {
    const store = freshStore();
    store.getState().environmentsRead({ status: 'loading' }, [
      { from: 'staging', to: 'production', aheadBy: 14, behindBy: 0, ppc: { from: TARGET_REV, to: OLD_REV, changed: true }, sdk: { from: '0.11.3', to: '0.11.2', changed: true } },
    ]);
    expect(condition(store, 'review-changes').text).toBe('staging is 14 commits ahead of production; PPC a1b2c3d -> d4e5f6a; SDK 0.11.2 -> 0.11.3');
  });
});

describe('sameRevision', () => {
  it.each([
    [TARGET_REV, TARGET_REV.slice(0, 7), true],
    [TARGET_REV.slice(0, 7), TARGET_REV, true],
    [TARGET_REV, OLD_REV, false],
    [undefined, TARGET_REV, false],
    ['abc', 'abcdef0', false],
  ])('%s vs %s -> %s', (a, b, expected) => {
    expect(sameRevision(a, b)).toBe(expected);
  });
});
