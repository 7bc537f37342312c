// The rollout at scale: the `fleet` scenario's thousand PPCs at concurrency 50, over real HTTP, through
// Travis's ten requests an hour (the sim's clock is jumped over each wait).
import { afterEach, expect, it, vi } from 'vitest';
import type { CockpitState } from '../../src/store/state.js';
import { FLEET_SIZE } from '../../src/sim/scenarios/fleet.js';
import { startSim } from '../../src/sim/index.js';
import { advanceClock, closeRolloutWorlds, customersOf, fleetRequests, rolloutWorld, simStats, stepStatus } from './rollout-support.js';

afterEach(closeRolloutWorlds);

const IN_FLIGHT = new Set(['queued', 'updating', 'verifying']);

it('the fleet scenario: a thousand customer PPCs on production\'s revision, a canary, and no scripted failure', async () => {
  const sim = await startSim({ scenario: 'fleet' });
  try {
    const customers = sim.config.ppcs?.customers ?? [];
    expect(customers).toHaveLength(FLEET_SIZE);
    expect(customers[0]).toMatchObject({ id: 'ppc-0001', url: `${sim.url}/ppcs/ppc-0001/version` });
    expect(sim.config.rollout.waves).toEqual([{ name: 'canary', customers: ['ppc-0001'] }, { name: 'everyone else' }]);
    const facts = sim.world.facts as { ppcRevision: { production: string }; failingCustomer?: string };
    expect(facts.failingCustomer).toBeUndefined();
    const body = (await (await fetch(`${sim.url}/ppcs/ppc-1000/version`)).json()) as { revision: string };
    expect(body.revision).toBe(facts.ppcRevision.production);
  } finally {
    await sim.close();
  }
});

it('rolls a thousand PPCs out at concurrency 50: fifty per request, never more in flight, every one done', async () => {
  const concurrency = 50;
  const w = await rolloutWorld({ scenario: 'fleet', concurrency, perRequest: 50 });
  const { sim, store, engine, customers, target } = w;
  expect(customers).toHaveLength(FLEET_SIZE);

  let most = 0;
  let updates = 0;
  store.subscribe((s: CockpitState) => {
    updates += 1;
    const c = s.rollout.counts;
    most = Math.max(most, c.queued + c.updating + c.verifying);
  });
  const began = Date.now();
  const simBegan = sim.clock.now();
  let jumped = 0;
  await engine.perform({ type: 'update-ppcs' });
  const counts = () => store.getState().rollout.counts;
  const isWaitingForBudget = () => counts().queued > 0 && counts().updating + counts().verifying === 0;
  const long = { timeout: 120_000, interval: 20 };
  while (stepStatus(store) !== 'done') {
    await vi.waitFor(() => expect(stepStatus(store) === 'done' || isWaitingForBudget()).toBe(true), long);
    if (stepStatus(store) === 'done') break;
    // Waiting for Travis's hour: jump the sim's clock over it instead of sleeping, then see the queue move.
    await advanceClock(sim, 3_600_000);
    jumped += 3_600_000;
    await vi.waitFor(() => expect(counts().updating + counts().verifying).toBeGreaterThan(0), long);
  }
  const wallMs = Date.now() - began;
  const simMs = sim.clock.now() - simBegan - jumped;

  const stats = await simStats(sim);
  const sent = await fleetRequests(sim);
  const minimum = 1 + Math.ceil((FLEET_SIZE - 1) / concurrency);
  expect(store.getState().rollout.ppcs.every((p) => p.state === 'done' && p.current === target)).toBe(true);
  expect(most).toBeLessThanOrEqual(concurrency);
  expect(most).toBe(concurrency);
  expect(stats.travisRequests).toBe(minimum);
  expect(sent.map((r) => customersOf(r).length)).toEqual([1, ...Array(minimum - 2).fill(50), (FLEET_SIZE - 1) % 50 || 50]);
  expect(Object.keys(stats.ppcTriggers)).toHaveLength(FLEET_SIZE);
  expect(Object.values(stats.ppcTriggers).every((n) => n === 1)).toBe(true);
  // Each PPC is read once before the rollout and about once more when its job passed, never the whole fleet per request.
  expect(stats.requests['GET /ppcs/:id/version']).toBeLessThanOrEqual(3 * FLEET_SIZE);
  // Two hours of budget waits for 21 requests, jumped over.
  expect(jumped).toBe(Math.ceil(minimum / 10 - 1) * 3_600_000);
  console.info(
    `[rollout-fleet] ${FLEET_SIZE} PPCs, concurrency ${concurrency}: ${stats.travisRequests} Travis requests (minimum ${minimum}), ` +
      `${jumped / 3_600_000} hour(s) of budget jumped, wall ${(wallMs / 1000).toFixed(1)} s, sim time outside the jumps ${(simMs / 1000).toFixed(0)} s, ` +
      `${updates} store updates, ${stats.requests['GET /ppcs/:id/version'] ?? 0} PPC version reads`,
  );
}, 300_000);
