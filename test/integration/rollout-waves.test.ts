// Waves and the concurrency limit, against the demo world: the canary alone first, the next wave only once
// every PPC before it reports the target, never more PPCs in flight than `rollout.concurrency`.
import { afterEach, expect, it, vi } from 'vitest';
import type { CockpitState } from '../../src/store/state.js';
import { closeRolloutWorlds, customersOf, fleetRequests, ppcOf, rolloutWorld, simStats, statesOf, stepStatus, wait } from './rollout-support.js';

afterEach(closeRolloutWorlds);

const IN_FLIGHT = new Set(['queued', 'updating', 'verifying']);

it('updates the canary alone, then each wave once the one before reports the target, never more than four at a time', async () => {
  const { sim, facts, config, store, engine, target, customers } = await rolloutWorld();
  const waves = config.rollout.waves;
  expect(waves.map((w) => w.name)).toEqual(['canary', 'early adopters', 'everyone else']);
  const canary = waves[0]?.customers ?? [];
  const early = waves[1]?.customers ?? [];
  expect(canary).toEqual([facts.canary]);
  const earlyIds = customers.filter((id) => early.includes(id));
  const rest = customers.filter((id) => !canary.includes(id) && !early.includes(id));
  const failing = facts.failingCustomer;

  // Every store update is sampled: how many PPCs were in flight, and whether a later wave moved too early.
  let most = 0;
  const violations: string[] = [];
  const waveOf = (id: string) => (canary.includes(id) ? 0 : early.includes(id) ? 1 : 2);
  const sample = (s: CockpitState) => {
    const moving = s.rollout.ppcs.filter((p) => IN_FLIGHT.has(p.state) || p.state === 'failed');
    most = Math.max(most, s.rollout.ppcs.filter((p) => IN_FLIGHT.has(p.state)).length);
    for (const p of moving) {
      const wave = waveOf(p.id);
      const before = s.rollout.ppcs.filter((q) => waveOf(q.id) < wave);
      const unfinished = before.find((q) => q.state !== 'done' && q.state !== 'skipped');
      if (unfinished) violations.push(`${p.id} (wave ${wave + 1}) ${p.state} while ${unfinished.id} was ${unfinished.state}`);
      // Done means the PPC itself reported the target.
    }
    for (const p of s.rollout.ppcs) if (p.state === 'done' && p.current !== target) violations.push(`${p.id} done at ${p.current}`);
  };
  store.subscribe(sample);

  await engine.perform({ type: 'update-ppcs' });
  expect(stepStatus(store)).toBe('running');
  expect(ppcOf(store, facts.canary)?.state).toBe('updating');
  expect(ppcOf(store, earlyIds[0] ?? '')?.detail).toBe('queued: wave 2, request 2 of 4');
  expect(ppcOf(store, rest.at(-1) ?? '')?.detail).toBe('queued: wave 3, request 4 of 4');

  // The scripted customer fails its first job and halts the rollout; its retry restarts that job.
  await vi.waitFor(() => expect(stepStatus(store)).toBe('failed'), wait);
  const requestsAtHalt = (await simStats(sim)).travisRequests;
  await engine.perform({ type: 'retry-ppc', id: failing });
  await vi.waitFor(() => expect(statusOf('release-complete')).toBe('done'), { ...wait, timeout: 30_000 });

  expect(violations).toEqual([]);
  expect(most).toBeLessThanOrEqual(config.rollout.concurrency);
  expect(most).toBe(4);
  expect(statesOf(store, customers)).toEqual(customers.map(() => 'done'));
  // One request for the canary, one for the early adopters, two of four for everyone else (concurrency 4 caps
  // them below per_request 6); the failure cost a job restart, not a request.
  const sent = await fleetRequests(sim);
  expect(sent.map(customersOf)).toEqual([canary, earlyIds, rest.slice(0, 4), rest.slice(4)]);
  const stats = await simStats(sim);
  expect(stats.travisRequests).toBe(4);
  expect(stats.travisRequests).toBeGreaterThanOrEqual(requestsAtHalt);
  expect(stats.requests['POST /travis/job/:id/restart']).toBe(1);
  expect(stats.ppcTriggers).toEqual(Object.fromEntries(customers.map((id) => [id, 1])));

  function statusOf(id: string) {
    return store.getState().checklist.steps.find((s) => s.id === id)?.status;
  }
}, 60_000);

it('with no waves configured, rolls the fleet out as one wave in config order', async () => {
  const { sim, store, engine, customers, facts } = await rolloutWorld({ waves: [], concurrency: 12, perRequest: 6 });
  await engine.perform({ type: 'update-ppcs' });
  expect(statesOf(store, customers)).toEqual(customers.map(() => 'updating'));
  await vi.waitFor(() => expect(stepStatus(store)).toBe('failed'), wait);
  await engine.perform({ type: 'retry-ppc', id: facts.failingCustomer });
  await vi.waitFor(() => expect(stepStatus(store)).toBe('done'), wait);
  expect((await fleetRequests(sim)).map(customersOf)).toEqual([customers.slice(0, 6), customers.slice(6)]);
});
