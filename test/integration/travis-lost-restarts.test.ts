// A job restart whose answer was lost is unknown, never "not sent": the job is looked at again (does it run
// again, did its run end at another time?) before anything is decided. Against the demo world over real HTTP; the
// world loses the answer after the restart (`lost`) or refuses before it (`5xx`), and its counters say how many
// restarts reached it.
import { afterEach, expect, it, vi } from 'vitest';
import { WEEKLY_PLAYBOOK } from '../../src/domain/weekly-playbook.js';
import { restartCiJobs } from '../../src/engine/ci-restart.js';
import type { JournalPort } from '../../src/engine/ports.js';
import type { EngineRecord } from '../../src/journal/events.js';
import { createServices } from '../../src/services/index.js';
import { startSim, type SimHandle } from '../../src/sim/index.js';
import { createCockpitStore } from '../../src/store/create-cockpit-store.js';
import { closeRolloutWorlds, finishRollout, rolloutWorld, simStats, stepStatus, wait } from './rollout-support.js';

const RESTARTS = 'POST /travis/job/:id/restart';
const sims: SimHandle[] = [];
afterEach(async () => {
  await closeRolloutWorlds();
  for (const sim of sims.splice(0)) await sim.close();
});

const fault = (url: string, kind: string) =>
  fetch(`${url}/_sim/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ target: 'travis', kind, method: 'POST', path: '/job', count: 1 }) });

async function redStaging(lookForMs: number) {
  const sim = await startSim({ speed: 50, seed: 5 });
  sims.push(sim);
  const services = createServices(sim.config, {});
  const store = createCockpitStore({ playbook: WEEKLY_PLAYBOOK, now: Date.now(), meta: { timezone: 'UTC' } });
  const written: EngineRecord[] = [];
  const journal: JournalPort = { record: (e) => (written.push(e), e.type === 'intent' ? (e.id ?? 'i1') : e.id) };
  const [red] = await services.travis.listBuilds({ repo: 'acme/service', branches: ['staging'], events: ['push'], limit: 1 });
  const job = red?.jobs.find((j) => j.state === 'failed');
  if (!red || !job) throw new Error('the scenario has no red staging build');
  const restart = () => restartCiJobs({ store, services, journal, lookForMs, lookDelaysMs: [50, 100] }, { type: 'restart-jobs', buildId: red.id, jobs: [{ id: job.id, number: job.number, name: job.name }] });
  return { sim, store, written, job, restart };
}

it('a CI job restart whose answer was lost after Travis took it is found restarted, and sent once', async () => {
  const w = await redStaging(5_000);
  await fault(w.sim.url, 'lost');
  await w.restart();
  expect(w.store.getState().ui.notice).toMatchObject({ tone: 'success', text: `Restarted on Travis: job ${w.job.number} ${w.job.name} (found restarted after its answer was lost)` });
  expect(w.written).toEqual([expect.objectContaining({ type: 'intent', action: 'restart-ci-job', finishedAt: w.job.finishedAt }), expect.objectContaining({ type: 'outcome', ok: true, reconciled: true })]);
  expect((await simStats(w.sim)).requests[RESTARTS]).toBe(1);
});

it('a CI job restart answered 5xx, whose job still shows its failed run, is said to be unknown and its intent left open', async () => {
  const w = await redStaging(600);
  await fault(w.sim.url, '5xx');
  await w.restart();
  expect(w.store.getState().ui.notice).toMatchObject({ tone: 'error', text: expect.stringContaining(`unknown whether Travis restarted job ${w.job.number} ${w.job.name}`) });
  // No outcome: the next start looks at the job again; nothing says "not sent".
  expect(w.written).toEqual([expect.objectContaining({ type: 'intent', action: 'restart-ci-job' })]);
  expect((await simStats(w.sim)).requests[RESTARTS]).toBe(1);
});

it('a PPC job restart whose answer was lost is followed as restarted: no second restart, no new request', async () => {
  const w = await rolloutWorld({ waves: [], concurrency: 12, perRequest: 6, lookDelaysMs: [50, 100] });
  const failing = w.facts.failingCustomer;
  const seen: string[] = [];
  w.store.subscribe((s) => {
    const row = s.rollout.ppcs.find((p) => p.id === failing);
    if (row && seen.at(-1) !== `${row.state}: ${row.detail}`) seen.push(`${row.state}: ${row.detail}`);
  });
  await w.engine.perform({ type: 'update-ppcs' });
  await vi.waitFor(() => expect(stepStatus(w.store)).toBe('failed'), wait);
  await fault(w.sim.url, 'lost');
  seen.length = 0;
  await w.engine.perform({ type: 'retry-ppc', id: failing });
  await finishRollout(w);
  const stats = await simStats(w.sim);
  expect(stats.requests[RESTARTS]).toBe(1);
  expect(stats.faultsInjected).toBe(1);
  expect(stats.travisRequests).toBe(2);
  expect(stats.ppcTriggers).toEqual(Object.fromEntries(w.customers.map((id) => [id, 1])));
  // After the retry the row never read failed or back in line: the restart was found and followed to the end.
  expect(seen.filter((s) => s.startsWith('failed') || s.startsWith('pending'))).toEqual([]);
  expect(seen.at(-1)).toMatch(/^done/);
}, 40_000);
