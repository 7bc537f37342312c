// The nightly check end to end: last night's master -> staging pull request is found, its failed job's log is
// one key away and `r` restarts it, then the merge, the staging deploy and its verification.
import { afterEach, expect, it, vi } from 'vitest';
import { statusOf } from '../unit/checklist-builders.js';
import { runPlaybook, type PlaybookRun } from './playbook-support.js';

let run: PlaybookRun | undefined;
afterEach(async () => {
  await run?.stop();
  run = undefined;
});

it("finds last night's pull request, restarts its failed job, merges it and sees staging deployed", async () => {
  run = await runPlaybook('nightly', 'nightly');
  const { store, sim } = run;
  const facts = sim.world.facts as unknown as { nightlyPull: number };

  await run.until('find-nightly-pr', 'done');
  expect(store.getState().promotion.pull?.number).toBe(facts.nightlyPull);
  await run.until('wait-pr-ci', 'failed');
  const failed = store.getState().checklist.steps.find((s) => s.id === 'wait-pr-ci');
  expect(failed?.reason).toMatch(/^job \d+\.\d integration tests failed$/);

  // l on the failed step opens that job's log; the log poller reads its tail.
  run.press('l');
  const dialog = store.getState().ui.dialog;
  expect(dialog).toMatchObject({ kind: 'log', title: expect.stringContaining('integration tests') });
  await vi.waitFor(() => expect(store.getState().log?.text).toContain('FAIL'), { timeout: 10_000 });
  run.press('', { escape: true });

  // r asks first, then restarts only the failed job, in its build, journalled before it is sent.
  run.press('r');
  expect(store.getState().ui.dialog).toMatchObject({ kind: 'confirm', prompt: expect.stringMatching(/^Restart job \d+\.\d integration tests on Travis\?/) });
  run.press('y');
  await run.until('wait-pr-ci', 'done', 20_000);
  expect(run.journal.filter((r) => r.type === 'intent').map((r) => r.type === 'intent' && r.action)).toEqual(['restart-ci-job']);

  run.enter();
  expect(store.getState().ui.dialog).toMatchObject({ kind: 'confirm', prompt: expect.stringContaining(`Merge PR #${facts.nightlyPull} into staging`) });
  run.press('y');
  await run.until('release-complete', 'done', 20_000);
  expect(statusOf(store, 'verify-environment')).toBe('done');

  const stats = await run.stats();
  expect(stats.merges).toBe(1);
  expect(stats.prsCreated).toBe(0);
  expect(stats.requests['POST /travis/job/:id/restart']).toBe(1);
  // No candidate to choose in a nightly check: the candidate list is never read.
  expect(store.getState().candidates.status).toBe('loading');
}, 60_000);

it('completes the merge by itself when the nightly job merged the pull request already', async () => {
  run = await runPlaybook('nightly', 'nightly');
  const { store, sim } = run;
  const facts = sim.world.facts as unknown as { nightlyPull: number };
  await run.until('wait-pr-ci', 'failed');
  // The nightly job's own world: the job is restarted and the PR merged outside the cockpit.
  const build = store.getState().promotion.prBuild;
  const job = build?.jobs.find((j) => j.state === 'failed');
  await fetch(`${sim.url}/travis/job/${job?.id}/restart`, { method: 'POST' });
  await vi.waitFor(async () => {
    const res = await fetch(`${sim.url}/github/repos/acme/service/pulls/${facts.nightlyPull}/merge`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(res.status).toBe(200);
  }, { timeout: 20_000, interval: 200 });

  await run.until('release-complete', 'done', 20_000);
  const merge = store.getState().checklist.steps.find((s) => s.id === 'merge-promotion-pr');
  expect(merge?.outcome).toMatch(new RegExp(`^PR #${facts.nightlyPull} merged as [0-9a-f]{7}$`));
  expect(run.journal.some((r) => r.type === 'intent' && r.action === 'merge-pr')).toBe(false);
}, 60_000);

it("stops at the first step with why, when no pull request was opened since the nightly window", async () => {
  run = await runPlaybook('nightly', 'weekly');
  await run.until('find-nightly-pr', 'failed');
  const step = run.store.getState().checklist.steps.find((s) => s.id === 'find-nightly-pr');
  expect(step?.reason).toMatch(/^no master -> staging pull request was opened since \w{3} 02:00: the nightly promotion did not run$/);
  // Nothing after it moves without a recorded skip.
  expect(statusOf(run.store, 'wait-pr-ci')).toBe('pending');
}, 30_000);
