// A CI verdict belongs to one head: pushes to the promotion PR's branch during the merge prompt, against the demo
// world over real HTTP, with production unprotected so that only the cockpit keeps an untested head out.
import { afterEach, expect, it, vi } from 'vitest';
import { chooseCandidate } from '../../src/keys/choose-candidate.js';
import { selectActiveStep } from '../../src/store/selectors.js';
import type { AcmeFacts } from '../../src/sim/index.js';
import { advanceSim, injectFault } from '../helpers/sim.js';
import { runPlaybook, type PlaybookRun } from './playbook-support.js';

let run: PlaybookRun | undefined;
afterEach(async () => {
  await run?.stop();
  run = undefined;
});

const MERGE_ROUTE = 'PUT /github/repos/:owner/:repo/pulls/:number/merge';

/** The weekly release up to its merge prompt: reviewed, the latest green chosen, the PR opened and its CI green. */
async function atTheMergePrompt(): Promise<PlaybookRun & { readonly pr: number; readonly branch: string; readonly tested: string }> {
  run = await runPlaybook('weekly', 'weekly', { speed: 20 });
  const r = run;
  await fetch(`${r.sim.url}/_sim/rules`, { method: 'POST', body: JSON.stringify({ unprotectedProduction: true }) });
  await r.until('review-changes', 'active');
  await vi.waitFor(() => expect(r.store.getState().diffs.length).toBeGreaterThan(0), { timeout: 10_000 });
  r.enter();
  r.press('y');
  await vi.waitFor(() => expect(r.store.getState().candidates.status).toBe('ready'), { timeout: 10_000 });
  r.enter();
  // The list's own Enter (ink-select-input) picks the preselected latest green.
  chooseCandidate(r.store, { perform: (action) => r.engine.perform(action), quit: () => undefined }, (r.sim.world.facts as unknown as AcmeFacts).stagingGreen);
  await r.until('open-promotion-pr', 'active');
  r.enter();
  r.press('y');
  await r.until('wait-pr-ci', 'done', 30_000);
  await canMerge(r);
  const pull = r.store.getState().promotion.pull;
  if (!pull) throw new Error('no pull request');
  r.enter();
  expect(r.store.getState().ui.dialog).toMatchObject({ kind: 'confirm', action: { type: 'merge-pr', sha: pull.headSha } });
  return Object.assign(r, { pr: pull.number, branch: pull.headRef, tested: pull.headSha });
}

/** As a person would: merge once the step says GitHub agrees (its mergeable_state can lag the checks). */
async function canMerge(r: PlaybookRun): Promise<void> {
  await vi.waitFor(() => expect(selectActiveStep(r.store.getState())?.condition.text).toMatch(/can merge/), { timeout: 15_000, interval: 10 });
}

async function push(r: PlaybookRun, branch: string): Promise<string> {
  const res = await fetch(`${r.sim.url}/_sim/push`, { method: 'POST', body: JSON.stringify({ branch, message: 'Tweak the invoice rounding', user: 'priya-n' }) });
  return ((await res.json()) as { sha: string }).sha;
}

it('reopens the wait when the head moves during the merge prompt: the question is withdrawn, the notice names both heads and who pushed', async () => {
  const r = await atTheMergePrompt();
  const moved = await push(r, r.branch);
  await r.pollers.refresh('promotion');
  await r.until('wait-pr-ci', 'active', 10_000);
  expect(r.store.getState().ui.dialog).toBeNull();
  const notice = r.store.getState().ui.notice?.text ?? '';
  expect(notice).toContain(`moved from ${r.tested.slice(0, 7)} to ${moved.slice(0, 7)} (a commit by priya-n: "Tweak the invoice rounding")`);
  expect(r.store.getState().checklist.steps.find((s) => s.id === 'merge-promotion-pr')?.status).toBe('pending');
  // The old head's green verdict does not carry over: the gate waits for the new head's own checks.
  r.press('y');
  expect((await r.stats()).requests[MERGE_ROUTE] ?? 0).toBe(0);

  await r.until('wait-pr-ci', 'done', 30_000);
  expect(r.store.getState().checklist.steps.find((s) => s.id === 'wait-pr-ci')?.sha).toBe(moved);
  await canMerge(r);
  r.enter();
  expect(r.store.getState().ui.dialog).toMatchObject({ kind: 'confirm', action: { type: 'merge-pr', sha: moved } });
  r.press('y');
  await r.until('merge-promotion-pr', 'done', 10_000);
  const stats = await r.stats();
  expect(stats.merges).toBe(1);
  expect(stats.requests[MERGE_ROUTE]).toBe(1);
  expect(r.journal.find((e) => e.type === 'intent' && e.action === 'merge-pr')).toMatchObject({ sha: moved });
}, 90_000);

it("withdraws the question too when the new head's checks passed before the cockpit first saw it", async () => {
  const r = await atTheMergePrompt();
  const moved = await push(r, r.branch);
  // The world runs the new head's CI to its end before the next read.
  await advanceSim(r.sim, 120_000);
  await r.pollers.refresh('promotion');
  await vi.waitFor(() => expect(r.store.getState().checklist.steps.find((s) => s.id === 'wait-pr-ci')?.sha).toBe(moved), { timeout: 10_000 });
  expect(r.store.getState().ui.dialog).toBeNull();
  expect(r.store.getState().ui.notice?.text).toContain(`moved from ${r.tested.slice(0, 7)} to ${moved.slice(0, 7)}`);
  r.enter();
  expect(r.store.getState().ui.dialog).toMatchObject({ kind: 'confirm', action: { type: 'merge-pr', sha: moved } });
}, 90_000);

it('sends nothing when `y` comes after a push the cockpit has not read yet: it reads the PR first, and GitHub would have merged it', async () => {
  const r = await atTheMergePrompt();
  await push(r, r.branch);
  r.press('y');
  await vi.waitFor(() => expect(r.store.getState().checklist.steps.find((s) => s.id === 'wait-pr-ci')?.status).toBe('active'), { timeout: 10_000 });
  expect(r.store.getState().checklist.steps.find((s) => s.id === 'wait-pr-ci')?.reason).toMatch(/^not merged: the head of PR #\d+ moved from/);
  const stats = await r.stats();
  expect(stats.requests[MERGE_ROUTE] ?? 0).toBe(0);
  expect(stats.merges).toBe(0);
  // Unprotected production: GitHub itself would take the untested head.
  const state = (await (await fetch(`${r.sim.url}/_sim/state`)).json()) as { pulls: { number: number; mergeableState: string }[] };
  expect(state.pulls.find((p) => p.number === r.pr)?.mergeableState).toMatch(/clean|unstable/);
}, 90_000);

it('goes back to the wait on a 409, never a second merge request, when the head moves while GitHub holds the merge', async () => {
  const r = await atTheMergePrompt();
  await injectFault(r.sim.url, { target: 'github', kind: 'slow', method: 'PUT', path: `/repos/acme/service/pulls/${r.pr}/merge`, delayMs: 800, count: 1 });
  r.press('y');
  await vi.waitFor(async () => expect((await r.stats()).faultsInjected).toBeGreaterThan(0), { timeout: 5_000, interval: 20 });
  await push(r, r.branch);
  await vi.waitFor(() => expect(r.store.getState().checklist.steps.find((s) => s.id === 'wait-pr-ci')?.status).toBe('active'), { timeout: 10_000 });
  const stats = await r.stats();
  expect(stats.requests[MERGE_ROUTE]).toBe(1);
  expect(stats.merges).toBe(0);
  expect(r.journal.filter((e) => e.type === 'outcome' && e.ok === false && e.notSent)).toHaveLength(1);
  expect(r.store.getState().ui.notice).toMatchObject({ tone: 'warning', text: expect.stringMatching(/not merged: the head of PR #\d+ moved/) });
}, 90_000);
