import { afterEach, describe, expect, it } from 'vitest';
import { WEEKLY_PLAYBOOK } from '../../src/domain/weekly-playbook.js';
import { HEAD_START_MS, startPollers, type RunningPollers } from '../../src/pollers/start-pollers.js';
import { createServices } from '../../src/services/index.js';
import type { AcmeFacts } from '../../src/sim/index.js';
import { createCockpitStore, type CockpitStoreApi } from '../../src/store/create-cockpit-store.js';
import type { CockpitState } from '../../src/store/state.js';
import { clearFaults, injectFault, useSim } from '../helpers/sim.js';

const sim = useSim({ seed: 5 });
const facts = (): AcmeFacts => sim().world.facts as unknown as AcmeFacts;
let running: RunningPollers | undefined;

afterEach(async () => {
  running?.stop();
  running = undefined;
  await clearFaults(sim().url);
});

/** Every PPC read and judged against a known target (which pin that is, is the fleet poller's business). */
const fleetJudged = (s: CockpitState): boolean => s.rollout.ppcs.length === facts().customers.length && s.rollout.ppcs.every((p) => p.target !== undefined);

/** Waits for a condition on the store (never a fixed sleep). */
async function until(store: CockpitStoreApi, ok: (s: CockpitState) => boolean, what: string, timeoutMs = 15_000): Promise<CockpitState> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const s = store.getState();
    if (ok(s)) return s;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

function start(): { store: CockpitStoreApi; updates: Array<ReadonlyArray<keyof CockpitState>> } {
  const store = createCockpitStore({ playbook: WEEKLY_PLAYBOOK });
  const updates: Array<ReadonlyArray<keyof CockpitState>> = [];
  store.subscribe((next, prev) => updates.push((Object.keys(next) as (keyof CockpitState)[]).filter((k) => next[k] !== prev[k])));
  // A long tick keeps the clock out of the update count; the first tick happens at start.
  running = startPollers(store, createServices(sim().config, {}), sim().config, { tickMs: 3_600_000 });
  return { store, updates };
}

describe('the refresh loops against the demo world', () => {
  it('fills every slice of the store, one store update per completed poll with its sources and quota', async () => {
    const { store, updates } = start();
    const s = await until(
      store,
      (x) => x.environments.status === 'ready' && x.candidates.status === 'ready' && fleetJudged(x) && x.sources.travis.state === 'ok',
      'the first round of polls',
    );
    await until(store, () => !running?.busy(), 'the pollers to go idle');

    if (s.environments.status !== 'ready' || s.candidates.status !== 'ready') throw new Error('unreachable');
    expect(s.environments.data.map((e) => e.head.sha)).toEqual([facts().masterHead, facts().stagingHead, facts().productionHead]);
    expect(s.diffs.at(-1)).toMatchObject({ from: 'staging', to: 'production', aheadBy: facts().stagingAheadOfProduction });
    expect(s.candidates.data.find((r) => r.isLatestGreen)?.commit.sha).toBe(facts().stagingGreen);
    expect(s.promotion.deployBuild?.sha).toBe(facts().productionHead);
    expect(s.sources.github).toMatchObject({ state: 'ok' });
    expect(s.quota?.limit).toBe(5000);
    expect(s.meta.windows?.weekly).toBeGreaterThan(s.now);

    // Each update after the first tick carries exactly one poll's data, together with the health it saw.
    const data = ['environments', 'candidates', 'promotion', 'rollout'] as const;
    const polls = updates.slice(1);
    for (const changed of polls) expect(changed.filter((k) => (data as readonly string[]).includes(k))).toHaveLength(1);
    expect(polls.filter((c) => c.includes('environments'))).toHaveLength(1);
    expect(polls.filter((c) => c.includes('candidates'))).toHaveLength(1);
    expect(polls.filter((c) => c.includes('environments'))[0]).toEqual(expect.arrayContaining(['diffs', 'sources', 'quota']));
  });

  it('writes the environments before anything else, and reads each PPC once at start (its target pin already known)', async () => {
    const before = sim().stats().requests['GET /ppcs/:id/version'] ?? 0;
    const { store, updates } = start();
    await until(store, (x) => x.environments.status === 'ready' && x.candidates.status === 'ready' && fleetJudged(x) && x.sources.travis.state === 'ok', 'the first round of polls');
    await until(store, () => !running?.busy(), 'the pollers to go idle');

    const data = ['environments', 'candidates', 'promotion', 'rollout'] as const;
    const writes = updates.flatMap((changed) => changed.filter((k) => (data as readonly string[]).includes(k)));
    expect(writes[0]).toBe('environments');
    expect(writes.filter((k) => k === 'rollout')).toHaveLength(1);
    const after = sim().stats().requests['GET /ppcs/:id/version'] ?? 0;
    expect(after - before).toBe(facts().customers.length);
  });

  it('starts the other loops anyway when the environments read is slow', async () => {
    await injectFault(sim().url, { target: 'github', kind: 'slow', delayMs: 10_000, path: '/repos/acme/service/branches/production' });
    const { store } = start();
    const s = await until(store, (x) => x.rollout.ppcs.length > 0 && x.promotion.deployBuild !== null, 'the fleet and the deploy build', HEAD_START_MS + 5_000);
    expect(s.environments.status).toBe('loading');
    // Without production's pin the fleet has no target yet: every PPC is shown, none judged done.
    expect(s.rollout.ppcs).toHaveLength(facts().customers.length);
  });

  it('refresh("promotion") after opening a PR shows it, and the log tail reads its job incrementally until complete', async () => {
    const { store } = start();
    await until(store, (x) => x.sources.travis.state === 'ok', 'the first promotion poll');
    // The loops start one after another: let the first round end, so that "busy" below is about the log tail.
    await until(store, () => !running?.busy(), 'the first round of polls to end');
    const res = await fetch(`${sim().url}/github/repos/acme/service/pulls`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'Weekly release', head: 'staging', base: 'production' }),
    });
    const { number } = (await res.json()) as { number: number };
    await running?.refresh('promotion');
    expect(store.getState().promotion.pull?.number).toBe(number);

    sim().clock.advance(2_000);
    await running?.refresh('promotion');
    const job = store.getState().promotion.prBuild?.jobs[0];
    if (!job) throw new Error('the PR build has no jobs');

    const statsBefore = sim().stats().requests;
    store.getState().openDialog({ kind: 'log', jobId: job.id, title: job.name });
    const lengths: number[] = [];
    for (let i = 0; i < 40 && !store.getState().log?.isComplete; i += 1) {
      sim().clock.advance(1_000);
      await running?.refreshLog();
      lengths.push(store.getState().log?.text.length ?? 0);
    }
    const log = store.getState().log;
    expect(log).toMatchObject({ jobId: job.id, isComplete: true });
    expect(lengths.filter((n, i) => n !== lengths[i - 1]).length).toBeGreaterThan(2);
    const after = sim().stats().requests;
    const count = (stats: Record<string, number>, route: string): number => stats[route] ?? 0;
    expect(count(after, 'GET /travis/job/:id/log_parts') - count(statsBefore, 'GET /travis/job/:id/log_parts')).toBeGreaterThan(2);
    // Incremental: the whole log is never downloaded again while the parts still come.
    expect(count(after, 'GET /travis/job/:id/log.txt') - count(statsBefore, 'GET /travis/job/:id/log.txt')).toBe(0);

    store.getState().closeDialog();
    expect(running?.busy()).toBe(false);
  });

  it('marks GitHub degraded and keeps the error apart from the data when GitHub rate-limits', async () => {
    await injectFault(sim().url, { target: 'github', kind: 'rate-limit', retryAfterSeconds: 600 });
    const { store } = start();
    const s = await until(store, (x) => x.environments.status === 'error', 'the environments poll to fail');
    expect(s.sources.github.state).toBe('degraded');
    expect(s.sources.github.detail).toMatch(/rate limited/);
    expect(running?.pollers.environments.failures()).toBe(1);
  });
});
