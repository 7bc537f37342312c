import { describe, expect, it, vi } from 'vitest';
import type { Commit } from '../../src/domain/commit.js';
import { chooseCandidate } from '../../src/keys/choose-candidate.js';
import type { CommandDeps } from '../../src/keys/commands.js';
import type { KeyPress } from '../../src/keys/match.js';
import { routeKey } from '../../src/keys/route-key.js';
import type { CockpitStoreApi } from '../../src/store/create-cockpit-store.js';
import type { PendingAction } from '../../src/store/state.js';
import { build, CANDIDATE, freshStore, job, jumpTo, OLD, ppc, pull, statusOf, TARGET_REV, prCi } from './checklist-builders.js';

const NOW = 5_000_000;

function setup() {
  const store = freshStore();
  const performed: PendingAction[] = [];
  const quit = vi.fn();
  const deps: CommandDeps = { perform: (action) => void performed.push(action), quit, now: () => NOW };
  const press = (input: string, key: KeyPress = {}) => routeKey(store, deps, input, key);
  const type = (text: string) => {
    for (const ch of text) press(ch);
  };
  return { store, deps, performed, quit, press, type };
}

const ENTER = { return: true };
const ESC = { escape: true, meta: true };
const notice = (store: CockpitStoreApi) => store.getState().ui.notice?.text;

function commit(sha: string, message: string): Commit {
  return { sha, message, author: 'dev', date: '2026-01-01T00:00:00Z' };
}

function withCandidates(store: CockpitStoreApi) {
  store.getState().setCandidates({
    status: 'ready',
    at: 0,
    data: [
      { commit: commit(OLD, 'Nightly merge (red)'), ci: 'failure', isLatestGreen: false, isHead: true },
      { commit: commit(CANDIDATE, 'Fix the login page'), ci: 'success', isLatestGreen: true, isHead: false },
    ],
  });
}

describe('moving and focus', () => {
  it('applies every key to the latest state, however fast they come', () => {
    const { store, press } = setup();
    press('j');
    press('j');
    press('', { downArrow: true });
    press('k');
    expect(store.getState().checklist.cursor).toBe(2);
  });

  it('acts on every key of a chunk that arrived in one read', () => {
    const { store, press } = setup();
    press('jjj');
    expect(store.getState().checklist.cursor).toBe(3);
    press('kk\r');
    expect(store.getState().checklist.cursor).toBe(1);
    expect(notice(store)).toBe('"Choose the release candidate" comes later; the release is at "Review what changes"');
  });

  it('moves the cursor of the focused pane only, and clamps it', () => {
    const { store, press } = setup();
    store.getState().setPpcs([ppc('a', 'pending'), ppc('b', 'pending')]);
    press('', { tab: true });
    press('', { tab: true });
    press('', { tab: true });
    expect(store.getState().ui.focus).toBe('rollout');
    press('j');
    press('j');
    press('j');
    expect(store.getState().ui.rolloutCursor).toBe(1);
    expect(store.getState().checklist.cursor).toBe(0);
    press('', { tab: true, shift: true });
    expect(store.getState().ui.focus).toBe('ci');
  });
});

describe('Enter on the selected step', () => {
  it('asks before marking a manual step done, and y completes it', () => {
    const { store, press, performed } = setup();
    press('', ENTER);
    expect(store.getState().ui.dialog).toMatchObject({ kind: 'confirm', action: { type: 'confirm-manual', stepId: 'review-changes' }, prompt: 'Mark "Review what changes" as done?' });
    press('y');
    expect(store.getState().ui.dialog).toBeNull();
    expect(statusOf(store, 'review-changes')).toBe('done');
    expect(statusOf(store, 'choose-candidate')).toBe('active');
    // The cursor was on the current step, so it follows the release.
    expect(store.getState().checklist.cursor).toBe(1);
    expect(performed).toEqual([]);
  });

  it('n changes nothing', () => {
    const { store, press } = setup();
    press('', ENTER);
    press('n');
    expect(store.getState().ui.dialog).toBeNull();
    expect(statusOf(store, 'review-changes')).toBe('active');
  });

  it('hands an action to the engine only after y, with what it will act on', async () => {
    const { store, press, performed } = setup();
    withCandidates(store);
    jumpTo(store, 'open-promotion-pr');
    store.getState().setPromotion({ candidateSha: CANDIDATE });
    press('', ENTER);
    expect(performed).toEqual([]);
    expect(store.getState().ui.dialog).toMatchObject({ kind: 'confirm', action: { type: 'open-pr', sha: CANDIDATE } });
    expect(store.getState().ui.dialog).toMatchObject({
      prompt: 'Open a pull request staging -> production for 1a2b3c4 "Fix the login page" through a new branch release/1970-01-01-1a2b3c4?',
    });
    press('y');
    expect(store.getState().ui.dialog).toBeNull();
    // perform runs after the key handler has returned.
    await vi.waitFor(() => expect(performed).toEqual([{ type: 'open-pr', sha: CANDIDATE }]));
  });

  it('tells why a gate cannot be done by hand instead of doing anything', () => {
    const { store, press } = setup();
    jumpTo(store, 'wait-pr-ci');
    store.getState().setPromotion({ pull: pull(), ...prCi(build('1234', [job('1234.1', 'started'), job('1234.2', 'passed')])) });
    press('', ENTER);
    expect(store.getState().ui.dialog).toBeNull();
    expect(notice(store)).toBe('"Wait for the pull request\'s CI" completes on its own: waiting for 1 of 2 jobs');
  });

  it('refuses to merge a PR GitHub says cannot merge, or has not decided about yet', () => {
    const { store, press } = setup();
    jumpTo(store, 'merge-promotion-pr');
    store.getState().setPromotion({ pull: pull({ mergeable: false, mergeableState: 'dirty' }) });
    press('', ENTER);
    expect(store.getState().ui.dialog).toBeNull();
    expect(notice(store)).toBe('PR #42 conflicts with production: resolve it on staging (CI then runs again); the cockpit offers no merge');
    store.getState().setPromotion({ pull: pull({ mergeable: null }) });
    press('', ENTER);
    expect(notice(store)).toBe('GitHub is still checking whether PR #42 can merge; try again in a moment');
    store.getState().setPromotion({ pull: pull() });
    press('', ENTER);
    expect(store.getState().ui.dialog).toMatchObject({ action: { type: 'merge-pr', number: 42, sha: CANDIDATE }, prompt: 'Merge PR #42 into production at 1a2b3c4? Its merge deploys production.' });
  });

  it('does not start the PPC update before the new revision is known', () => {
    const { store, press } = setup();
    jumpTo(store, 'update-ppcs');
    store.getState().setPpcs([ppc('acme', 'pending')]);
    press('', ENTER);
    expect(notice(store)).toBe("the new PPC revision is not known yet: waiting for production's lock file to be read at the release");
    store.getState().setRolloutTarget(TARGET_REV);
    press('', ENTER);
    expect(store.getState().ui.dialog).toMatchObject({ prompt: 'Update 1 customer PPC to d4e5f6a, wave by wave (canary first), several per Travis request?' });
  });

  it('refuses a step that is not current yet, naming where the release is', () => {
    const { store, press } = setup();
    press('j');
    press('j');
    press('', ENTER);
    expect(store.getState().ui.dialog).toBeNull();
    expect(notice(store)).toBe('"Open the promotion pull request" comes later; the release is at "Review what changes"');
  });
});

describe('choosing the candidate', () => {
  it('opens the list, takes a green commit at once and closes the list', () => {
    const { store, deps, press } = setup();
    withCandidates(store);
    jumpTo(store, 'choose-candidate');
    press('', ENTER);
    expect(store.getState().ui.dialog).toEqual({ kind: 'candidate' });
    chooseCandidate(store, deps, CANDIDATE);
    expect(store.getState().ui.dialog).toBeNull();
    expect(store.getState().promotion.candidateSha).toBe(CANDIDATE);
    expect(store.getState().checklist.steps[1]).toMatchObject({ status: 'done', outcome: '1a2b3c4 "Fix the login page"' });
  });

  it('takes a red commit only after an explicit y', () => {
    const { store, deps, press } = setup();
    withCandidates(store);
    jumpTo(store, 'choose-candidate');
    press('', ENTER);
    chooseCandidate(store, deps, OLD);
    expect(store.getState().ui.dialog).toMatchObject({ kind: 'confirm', prompt: '9f8e7d6 is red: its CI failed. Promote it anyway?' });
    expect(store.getState().promotion.candidateSha).toBeUndefined();
    press('y');
    expect(store.getState().promotion.candidateSha).toBe(OLD);
    expect(store.getState().checklist.steps[1]?.outcome).toBe('9f8e7d6 "Nightly merge (red)" (chosen although CI is not green)');
  });
});

describe('skipping', () => {
  it('records a typed reason; typing never triggers commands', () => {
    const { store, press, type, quit } = setup();
    jumpTo(store, 'wait-pr-ci');
    press('s');
    type('qsr? ok');
    press('', { delete: true });
    press('', { delete: true });
    press('', { delete: true });
    type('flaky');
    expect(quit).not.toHaveBeenCalled();
    expect(store.getState().ui.dialog).toEqual({ kind: 'skip', stepId: 'wait-pr-ci', reason: 'qsr?flaky' });
    press('', ENTER);
    expect(store.getState().checklist.steps[3]).toMatchObject({ status: 'skipped', reason: 'qsr?flaky', finishedAt: NOW });
    expect(statusOf(store, 'merge-promotion-pr')).toBe('active');
  });

  it('takes a pasted reason followed by Enter', () => {
    const { store, press } = setup();
    press('s');
    press('known flaky test\r');
    expect(store.getState().checklist.steps[0]).toMatchObject({ status: 'skipped', reason: 'known flaky test' });
  });

  it('refuses an empty reason and keeps the dialog open; Esc skips nothing', () => {
    const { store, press } = setup();
    press('s');
    press(' ');
    press('', ENTER);
    expect(notice(store)).toBe('a reason is required to skip a step');
    expect(store.getState().ui.dialog?.kind).toBe('skip');
    press('', ESC);
    expect(store.getState().ui.dialog).toBeNull();
    expect(statusOf(store, 'review-changes')).toBe('active');
  });

  it('cannot skip a step that is already done', () => {
    const { store, press } = setup();
    jumpTo(store, 'choose-candidate');
    store.getState().setCursor(0);
    press('s');
    expect(store.getState().ui.dialog).toBeNull();
    expect(notice(store)).toBe('"Review what changes" is already done');
  });
});

describe('retrying', () => {
  it('confirms the retry of a failed PPC from the rollout pane', async () => {
    const { store, press, performed } = setup();
    store.getState().setRolloutTarget(TARGET_REV);
    store.getState().setPpcs([ppc('acme', 'failed'), ppc('globex', 'pending')]);
    store.getState().focusPane('rollout');
    press('r');
    expect(store.getState().ui.dialog).toMatchObject({ action: { type: 'retry-ppc', id: 'acme' }, prompt: 'Retry updating acme to d4e5f6a?' });
    press('y');
    await vi.waitFor(() => expect(performed).toEqual([{ type: 'retry-ppc', id: 'acme' }]));
  });

  it('says why r does nothing on a step that has not failed', () => {
    const { store, press } = setup();
    press('r');
    expect(notice(store)).toBe('"Review what changes" has not failed');
  });
});

describe('quitting', () => {
  it('quits at once when nothing is in flight', () => {
    const { press, quit } = setup();
    press('q');
    expect(quit).toHaveBeenCalledTimes(1);
  });

  it('asks first while PPC updates are in progress', () => {
    const { store, press, quit } = setup();
    store.getState().setPpcs([ppc('acme', 'updating')]);
    press('q');
    expect(quit).not.toHaveBeenCalled();
    expect(store.getState().ui.dialog).toMatchObject({ action: { type: 'quit' }, prompt: '1 PPC update in progress. Quit anyway? The release stays where it is.' });
    press('y');
    expect(quit).toHaveBeenCalledTimes(1);
  });
});

describe('dialogs', () => {
  it('are modal: keys outside the dialog scope do nothing while one is open', () => {
    const { store, press, quit } = setup();
    press('?');
    expect(store.getState().ui.dialog).toEqual({ kind: 'help' });
    press('j');
    press('', { tab: true });
    expect(store.getState().checklist.cursor).toBe(0);
    expect(store.getState().ui.focus).toBe('checklist');
    press('q');
    expect(store.getState().ui.dialog).toBeNull();
    expect(quit).not.toHaveBeenCalled();
  });

  it('opens the log of the selected CI job', () => {
    const { store, press } = setup();
    store.getState().focusPane('ci');
    press('l');
    expect(notice(store)).toBe('there is no CI job to show yet');
    store.getState().setPromotion({ ...prCi(build('1234', [job('1234.1', 'passed'), job('1234.2', 'started')])) });
    press('j');
    press('l');
    expect(store.getState().ui.dialog).toEqual({ kind: 'log', jobId: 12342, title: 'job 1234.2 job 1234.2' });
    press('', ESC);
    expect(store.getState().ui.dialog).toBeNull();
  });
});

describe('a read-only cockpit', () => {
  it('refuses every command that would change the release', () => {
    const { store, press } = setup();
    store.getState().setMeta({ mode: 'mirror' });
    press('', ENTER);
    expect(store.getState().ui.dialog).toBeNull();
    expect(notice(store)).toBe('this cockpit is read-only: it only watches the release');
    press('s');
    expect(store.getState().ui.dialog).toBeNull();
  });
});
