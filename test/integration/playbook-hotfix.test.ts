// The hotfix end to end: the fix's own pull request into production, merged only once a configured manager
// approved its head; the approval goes into the journal. A push after the approval needs a new one.
import { afterEach, expect, it, vi } from 'vitest';
import { HOTFIX_APPROVAL_DELAY_MS } from '../../src/sim/scenarios/hotfix.js';
import { advanceSim } from '../helpers/sim.js';
import { statusOf } from '../unit/checklist-builders.js';
import { runPlaybook, type PlaybookRun } from './playbook-support.js';

let run: PlaybookRun | undefined;
afterEach(async () => {
  await run?.stop();
  run = undefined;
});

interface HotfixFacts {
  readonly hotfixPull: number;
  readonly hotfixSha: string;
}

const refusal = (run: PlaybookRun) => run.store.getState().ui.notice?.text ?? '';

it("waits for the manager's approval of the head, records who gave it, then merges, deploys and verifies production", async () => {
  run = await runPlaybook('hotfix', 'hotfix', { speed: 1 });
  const { store, sim } = run;
  const facts = sim.world.facts as unknown as HotfixFacts;
  await run.until('find-hotfix-pr', 'done');
  expect(store.getState().promotion.pull).toMatchObject({ number: facts.hotfixPull, headRef: 'hotfix/negative-invoices', baseRef: 'production' });
  await vi.waitFor(() => expect(store.getState().promotion.reviews).toEqual([]), { timeout: 10_000 });
  expect(statusOf(store, 'await-approval')).toBe('active');

  // The merge waits behind the approval: Enter on it says what the release is at.
  expect(store.getState().checklist.cursor).toBe(1);
  run.press('j');
  run.press('j');
  run.enter();
  expect(store.getState().ui.dialog).toBeNull();
  expect(refusal(run)).toBe(`"Merge the hotfix pull request" comes later; the release is at "Get a manager's approval"`);

  await advanceSim(sim, HOTFIX_APPROVAL_DELAY_MS);
  await run.pollers.refresh('promotion');
  await run.until('await-approval', 'done');
  expect(store.getState().checklist.steps.find((s) => s.id === 'await-approval')?.outcome).toBe(`approved by maria-s at ${facts.hotfixSha.slice(0, 7)}`);
  await run.until('merge-promotion-pr', 'active', 20_000);

  run.enter();
  expect(store.getState().ui.dialog).toMatchObject({ kind: 'confirm', prompt: `Merge PR #${facts.hotfixPull} into production at ${facts.hotfixSha.slice(0, 7)} by merge (approved by maria-s)? Its merge deploys production.` });
  run.press('y');
  // The deploy runs on the sim's clock: move it on instead of waiting it out.
  await vi.waitFor(async () => {
    await advanceSim(sim, 3_000);
    expect(statusOf(store, 'release-complete')).toBe('done');
  }, { timeout: 30_000, interval: 200 });
  expect(run.events.filter((e) => e.type === 'approval')).toEqual([
    { type: 'approval', number: facts.hotfixPull, by: 'maria-s', sha: facts.hotfixSha, reviewId: expect.any(Number), submittedAt: expect.any(String) },
  ]);
  const stats = await run.stats();
  expect(stats.merges).toBe(1);
  expect(stats.prsCreated).toBe(0);
  expect(stats.ppcTriggers).toEqual({});
}, 60_000);

it('refuses the merge once the head moved past the approval, until the new head is approved', async () => {
  run = await runPlaybook('hotfix', 'hotfix', { speed: 1 });
  const { store, sim } = run;
  const facts = sim.world.facts as unknown as HotfixFacts;
  await advanceSim(sim, HOTFIX_APPROVAL_DELAY_MS);
  await run.until('merge-promotion-pr', 'active', 20_000);

  // Someone pushes to the hotfix branch after maria-s approved.
  const pushed = await fetch(`${sim.url}/_sim/push`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ branch: 'hotfix/negative-invoices', message: 'One more thing' }) });
  expect(pushed.status).toBe(201);
  await vi.waitFor(async () => {
    await run?.pollers.refresh('promotion');
    expect(store.getState().promotion.pull).toMatchObject({ headSha: expect.not.stringMatching(facts.hotfixSha), mergeable: true });
  }, { timeout: 10_000 });
  // The approval was of the old head: the approval step opens again, and everything after it waits.
  await run.until('await-approval', 'active', 10_000);
  const approvalStep = store.getState().checklist.steps.find((s) => s.id === 'await-approval');
  expect(approvalStep?.reason).toMatch(new RegExp(`the head of PR #${facts.hotfixPull} moved from ${facts.hotfixSha.slice(0, 7)} to [0-9a-f]{7} \\(a commit by priya-n: "One more thing"\\)`));
  expect(store.getState().checklist.steps.find((s) => s.id === 'merge-promotion-pr')?.status).toBe('pending');
  run.enter();
  expect(store.getState().ui.dialog).toBeNull();
  expect(refusal(run)).toMatch(new RegExp(`waiting for maria-s to approve PR #${facts.hotfixPull} \\(maria-s approved ${facts.hotfixSha.slice(0, 7)}, not the head [0-9a-f]{7}\\)`));

  const head = store.getState().promotion.pull?.headSha ?? '';
  await fetch(`${sim.url}/_sim/pulls/${facts.hotfixPull}/reviews`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ user: 'Maria-S', state: 'APPROVED' }) });
  await vi.waitFor(async () => {
    await run?.pollers.refresh('promotion');
    run?.enter();
    expect(store.getState().ui.dialog).toMatchObject({ kind: 'confirm', prompt: expect.stringContaining(`at ${head.slice(0, 7)} by merge (approved by Maria-S)`) });
  }, { timeout: 40_000 });
}, 80_000);

it('stops at the approval when an approver requested changes', async () => {
  run = await runPlaybook('hotfix', 'hotfix', { speed: 1 });
  const facts = run.sim.world.facts as unknown as HotfixFacts;
  await run.until('await-approval', 'active');
  await fetch(`${run.sim.url}/_sim/pulls/${facts.hotfixPull}/reviews`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ user: 'maria-s', state: 'CHANGES_REQUESTED' }) });
  await run.pollers.refresh('promotion');
  await run.until('await-approval', 'failed');
  expect(run.store.getState().checklist.steps.find((s) => s.id === 'await-approval')?.reason).toBe(`maria-s requested changes on PR #${facts.hotfixPull}`);
}, 30_000);
