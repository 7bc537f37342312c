// A failed PPC halts the rollout; a human retries it (a job restart, not a request), skips it with a reason, or
// aborts the rollout by skipping the step. Against the demo world, whose scripted customer fails its first job.
import { afterEach, expect, it, vi } from 'vitest';
import type { CommandDeps } from '../../src/keys/commands.js';
import type { KeyPress } from '../../src/keys/match.js';
import { routeKey } from '../../src/keys/route-key.js';
import type { CockpitStoreApi } from '../../src/store/create-cockpit-store.js';
import { statusOf } from '../unit/checklist-builders.js';
import { closeRolloutWorlds, customersOf, fleetRequests, ppcOf, rolloutWorld, simStats, statesOf, stepStatus, wait, type RolloutWorld } from './rollout-support.js';
import { focus } from '../helpers/store-state.js';

afterEach(closeRolloutWorlds);

const RESTARTS = 'POST /travis/job/:id/restart';

/**
 * The failing customer and three others go first, two per request; the other eight follow. Returns once the
 * failure halted the rollout and the rest of the first four are done.
 */
async function haltedWorld(): Promise<RolloutWorld & { first: string[]; later: string[]; failing: string }> {
  let firstWave: string[] = [];
  const w = await rolloutWorld({
    waves: (facts) => {
      firstWave = [facts.failingCustomer, ...facts.customers.filter((id) => id !== facts.failingCustomer).slice(0, 3)];
      return [{ name: 'first', customers: firstWave }, { name: 'the rest' }];
    },
    concurrency: 4,
    perRequest: 2,
  });
  const failing = w.facts.failingCustomer;
  const first = w.customers.filter((id) => firstWave.includes(id));
  const later = w.customers.filter((id) => !firstWave.includes(id));
  await w.engine.perform({ type: 'update-ppcs' });
  await vi.waitFor(() => expect(stepStatus(w.store)).toBe('failed'), wait);
  // In-flight jobs finish: the failing customer's request-mates are updated all the same.
  await vi.waitFor(() => expect(statesOf(w.store, first.filter((id) => id !== failing))).toEqual([0, 1, 2].map(() => 'done')), wait);
  return { ...w, first, later, failing };
}

/** Two fresh fleet reads written to the store: each runs the rollout's planning again. */
async function settle(fleet: RolloutWorld['fleet']): Promise<void> {
  await fleet.refreshNow();
  await fleet.refreshNow();
}

function keys(store: CockpitStoreApi) {
  const deps: CommandDeps = { perform: () => undefined, quit: () => undefined };
  const press = (input: string, key: KeyPress = {}) => routeKey(store, deps, input, key);
  return { press, enter: () => press('', { return: true }) };
}

it('halts on a failed PPC: nothing new is sent while it stands, and a retry restarts its job instead of sending a request', async () => {
  const { sim, store, engine, fleet, failing, later, notes, customers } = await haltedWorld();
  expect(ppcOf(store, failing)).toMatchObject({ state: 'failed', detail: expect.stringMatching(/^update job \S+ failed$/) });
  expect(notes.some((n) => n.kind === 'failure' && n.text.startsWith(`PPC ${failing} failed`))).toBe(true);
  expect(store.getState().ui.notice?.text).toMatch(/The rollout is halted: in the rollout pane press r on it to retry or s to skip, or skip the step to abort the rollout\.$/);
  expect(ppcOf(store, later[0] ?? '')?.detail).toBe(`queued: wave 2, request 3 of 6; on hold while ${failing} has failed`);

  // Two more fleet reads (each a store change the rollout plans on) later, still only the first two requests.
  await settle(fleet);
  expect((await simStats(sim)).travisRequests).toBe(2);
  expect(statesOf(store, later)).toEqual(later.map(() => 'pending'));

  await engine.perform({ type: 'retry-ppc', id: failing });
  expect(stepStatus(store)).toBe('running');
  await vi.waitFor(() => expect(stepStatus(store)).toBe('done'), wait);
  const stats = await simStats(sim);
  expect(stats.requests[RESTARTS]).toBe(1);
  // Two requests before the halt, four of two for the other eight after it: none for the retry.
  expect(stats.travisRequests).toBe(6);
  expect(stats.ppcTriggers).toEqual(Object.fromEntries(customers.map((id) => [id, 1])));
  expect(statesOf(store, customers)).toEqual(customers.map(() => 'done'));
}, 40_000);

it('skips the failed PPC with a reason from the rollout pane, and the rollout goes on without it', async () => {
  const { sim, store, failing, later, customers } = await haltedWorld();
  const { press, enter } = keys(store);
  focus(store, 'rollout');
  store.getState().moveRolloutCursor(customers.indexOf(failing) - store.getState().ui.rolloutCursor);
  press('s');
  press('customer asked to wait until Monday');
  enter();
  expect(ppcOf(store, failing)).toMatchObject({ state: 'skipped', detail: 'customer asked to wait until Monday' });

  await vi.waitFor(() => expect(statusOf(store, 'release-complete')).toBe('done'), wait);
  expect(statesOf(store, later)).toEqual(later.map(() => 'done'));
  expect(store.getState().checklist.steps.find((s) => s.id === 'update-ppcs')).toMatchObject({ status: 'done', outcome: expect.stringMatching(/; 1 skipped$/) });
  const stats = await simStats(sim);
  expect(stats.travisRequests).toBe(6);
  expect(stats.ppcTriggers[failing]).toBe(1);
  expect(stats.requests[RESTARTS]).toBeUndefined();
}, 40_000);

it('aborts the rollout when the step is skipped: what has not gone is skipped with the reason, and nothing more is sent', async () => {
  const { sim, store, fleet, failing, later, first } = await haltedWorld();
  const { press, enter } = keys(store);
  focus(store, 'checklist');
  press('s');
  press('PPC v2.15 pulled by the vendor');
  enter();
  expect(statusOf(store, 'update-ppcs')).toBe('skipped');
  await vi.waitFor(() => expect(statesOf(store, [failing, ...later])).toEqual([failing, ...later].map(() => 'skipped')), wait);
  expect(ppcOf(store, later[0] ?? '')?.detail).toBe('rollout aborted: PPC v2.15 pulled by the vendor');
  expect(store.getState().ui.notice?.text).toBe(`Rollout aborted: ${later.length + 1} PPCs skipped (PPC v2.15 pulled by the vendor)`);
  // The PPCs already updated stay done; the release completes with the step skipped.
  expect(statesOf(store, first.filter((id) => id !== failing))).toEqual([0, 1, 2].map(() => 'done'));
  await vi.waitFor(() => expect(statusOf(store, 'release-complete')).toBe('done'), wait);
  await settle(fleet);
  expect((await simStats(sim)).travisRequests).toBe(2);
  expect((await fleetRequests(sim)).flatMap(customersOf).sort()).toEqual([...first].sort());
}, 40_000);
