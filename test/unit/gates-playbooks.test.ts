// The nightly and hotfix steps' live conditions, what r and l do on a failed CI step, and the merge's
// need for an approval of the head: from the store alone, no terminal, no network.
import { describe, expect, it } from 'vitest';
import { selectReleaseView } from '../../src/store/selectors.js';
import { advance } from '../../src/domain/checklist.js';
import { gateCondition } from '../../src/domain/gates.js';
import type { Playbook } from '../../src/domain/playbook.js';
import type { Review } from '../../src/domain/pull.js';
import { actionFor, performBlocker, promptFor, retryActionFor, stepLogJob } from '../../src/keys/step-rules.js';
import { createCockpitStore, type CockpitStoreApi } from '../../src/store/create-cockpit-store.js';
import { build, CANDIDATE, job, jumpTo, pull, prCi } from './checklist-builders.js';
import { HOTFIX_PLAYBOOK_FOR_TEST, NIGHTLY_PLAYBOOK_FOR_TEST } from './playbook-builders.js';

const LAST_NIGHT = Date.parse('2026-12-01T02:00:00Z');

function storeFor(playbook: Playbook): CockpitStoreApi {
  return createCockpitStore({ playbook, now: LAST_NIGHT + 7 * 3_600_000, meta: { timezone: 'UTC', approvers: ['maria-s'], windows: { nightly: LAST_NIGHT + 86_400_000, weekly: LAST_NIGHT + 3 * 86_400_000, lastNightly: LAST_NIGHT } } });
}

function condition(store: CockpitStoreApi, type: string) {
  const { playbook } = store.getState().checklist;
  const step = playbook.steps.find((s) => s.type === type);
  if (!step) throw new Error(`no ${type} step`);
  return gateCondition(step, selectReleaseView(store.getState()));
}

const approved = (commitId = CANDIDATE, user = 'maria-s'): Review => ({ id: 1, user, state: 'APPROVED', submittedAt: '2026-12-01T09:00:00Z', commitId });

describe("finding last night's pull request", () => {
  it('looks before it knows, then names the pull request, or says the nightly promotion did not run', () => {
    const store = storeFor(NIGHTLY_PLAYBOOK_FOR_TEST);
    expect(condition(store, 'find-nightly-pr')).toEqual({ isMet: false, isFailed: false, text: 'looking for the testing -> staging pull request opened since Tue 02:00' });
    store.getState().promotionRead({ readAt: LAST_NIGHT, pull: null });
    expect(condition(store, 'find-nightly-pr')).toEqual({ isMet: false, isFailed: true, text: 'no testing -> staging pull request was opened since Tue 02:00: the nightly promotion did not run' });
    store.getState().promotionRead({ pull: pull({ number: 12, headRef: 'master', baseRef: 'staging' }) });
    expect(condition(store, 'find-nightly-pr')).toEqual({ isMet: true, isFailed: false, text: 'PR #12 master -> staging (open)' });
  });
});

describe('finding the hotfix pull request', () => {
  it('waits for one to be opened, then names it', () => {
    const store = storeFor(HOTFIX_PLAYBOOK_FOR_TEST);
    store.getState().promotionRead({ readAt: LAST_NIGHT, pull: null });
    expect(condition(store, 'find-hotfix-pr')).toEqual({ isMet: false, isFailed: false, text: "no open pull request into production other than a promotion: open one from the fix's branch" });
    store.getState().promotionRead({ pull: pull({ number: 40, headRef: 'hotfix/login', title: 'Fix the login loop\n\nDetails' }) });
    expect(condition(store, 'find-hotfix-pr')).toEqual({ isMet: true, isFailed: false, text: 'PR #40 hotfix/login -> production (open): Fix the login loop' });
  });
});

describe("a manager's approval", () => {
  it('waits for the reviews, then for an approver, and is met by an approval of the head', () => {
    const store = storeFor(HOTFIX_PLAYBOOK_FOR_TEST);
    store.getState().promotionRead({ pull: pull({ number: 40, headRef: 'hotfix/login' }) });
    expect(condition(store, 'await-approval').text).toBe('reading the reviews of PR #40');
    store.getState().promotionRead({ reviews: [] });
    expect(condition(store, 'await-approval')).toEqual({ isMet: false, isFailed: false, text: 'waiting for maria-s to approve PR #40' });
    store.getState().promotionRead({ reviews: [approved('0'.repeat(40))] });
    expect(condition(store, 'await-approval').text).toBe('waiting for maria-s to approve PR #40 (maria-s approved 0000000, not the head 1a2b3c4)');
    store.getState().promotionRead({ reviews: [approved()] });
    expect(condition(store, 'await-approval')).toEqual({ isMet: true, isFailed: false, text: 'approved by maria-s at 1a2b3c4', sha: CANDIDATE });
  });

  it('lets the merge go only with an approval of the head it merges, and says so in the question', () => {
    const store = storeFor(HOTFIX_PLAYBOOK_FOR_TEST);
    jumpTo(store, 'merge-promotion-pr');
    const merge = HOTFIX_PLAYBOOK_FOR_TEST.steps.find((s) => s.type === 'merge-promotion-pr');
    if (!merge) throw new Error('no merge step');
    store.getState().promotionRead({ pull: pull({ number: 40, headRef: 'hotfix/login', headSha: 'f'.repeat(40) }), reviews: [approved()] });
    expect(actionFor(merge, store.getState())).toBe('PR #40 needs an approving review of its head by a manager before it is merged (maria-s approved 1a2b3c4, not the head fffffff)');
    store.getState().promotionRead({ pull: pull({ number: 40, headRef: 'hotfix/login' }) });
    const action = actionFor(merge, store.getState());
    expect(action).toEqual({ type: 'merge-pr', number: 40, sha: CANDIDATE });
    if (typeof action === 'string') return;
    expect(promptFor(action, store.getState())).toBe('Merge PR #40 into production at 1a2b3c4 (approved by maria-s)? Its merge deploys production.');
  });
});

describe('a failed CI step', () => {
  it('offers to restart its failed jobs, and opens the failed job\'s log first', () => {
    const store = storeFor(NIGHTLY_PLAYBOOK_FOR_TEST);
    jumpTo(store, 'wait-pr-ci');
    const failed = job('77.3', 'failed');
    store.getState().promotionRead({ pull: pull({ number: 12, headRef: 'master', baseRef: 'staging' }), ...prCi(build('77', [job('77.1', 'passed'), job('77.2', 'started'), failed, job('77.4', 'errored', true)])) });
    store.getState().stepsAdvanced(advance(store.getState().checklist.steps, NIGHTLY_PLAYBOOK_FOR_TEST, selectReleaseView(store.getState()), 0));
    expect(store.getState().checklist.steps[1]).toMatchObject({ status: 'failed', reason: 'job 77.3 job 77.3 failed' });
    const action = retryActionFor(store.getState());
    // The job allowed to fail is left alone.
    expect(action).toEqual({ type: 'restart-jobs', buildId: 77, jobs: [{ id: failed.id, number: '77.3', name: 'job 77.3' }] });
    if (typeof action === 'string') return;
    expect(promptFor(action, store.getState())).toBe('Restart job 77.3 job 77.3 on Travis? It runs again on the same commit.');
    expect(stepLogJob(store.getState())?.number).toBe('77.3');
    // Enter on it says what can be done.
    expect(performBlocker(store.getState())).toBe(`"Wait for the pull request's CI" failed: job 77.3 job 77.3 failed. Press l for the failed job's log, r to restart it on Travis, or s to skip the step.`);
  });
});

describe('the merge of a pull request merged by someone else', () => {
  it('completes by itself, with the merge commit, when it is the current step', () => {
    const store = storeFor(NIGHTLY_PLAYBOOK_FOR_TEST);
    jumpTo(store, 'merge-promotion-pr');
    store.getState().promotionRead({ pull: pull({ number: 12, headRef: 'master', baseRef: 'staging', state: 'closed', merged: true, mergeCommitSha: 'e'.repeat(40) }) });
    const steps = advance(store.getState().checklist.steps, NIGHTLY_PLAYBOOK_FOR_TEST, selectReleaseView(store.getState()), 5);
    expect(steps[2]).toMatchObject({ status: 'done', outcome: 'PR #12 merged as eeeeeee', finishedAt: 5 });
    expect(steps[3]?.status).toBe('active');
  });

  it('waits for the user while the pull request is open', () => {
    const store = storeFor(NIGHTLY_PLAYBOOK_FOR_TEST);
    jumpTo(store, 'merge-promotion-pr');
    store.getState().promotionRead({ pull: pull({ number: 12, headRef: 'master', baseRef: 'staging' }) });
    const before = store.getState().checklist.steps;
    expect(advance(before, NIGHTLY_PLAYBOOK_FOR_TEST, selectReleaseView(store.getState()), 5)).toBe(before);
  });
});
