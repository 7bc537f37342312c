// What the fleet poller reads while a rollout moves: the PPCs it waits to hear from, not the whole fleet, and
// the whole fleet still once a minute. Counted by the demo world itself (GET /_sim/stats).
import { afterEach, expect, it, vi } from 'vitest';
import { createFleetPoller, FLEET_IDLE_MS } from '../../src/pollers/fleet-poller.js';
import { createServices } from '../../src/services/index.js';
import type { AcmeFacts } from '../../src/sim/index.js';
import { clearFaults, injectFault, useSim } from '../helpers/sim.js';
import { freshStore } from '../unit/checklist-builders.js';

const sim = useSim({ seed: 3 });

afterEach(async () => {
  vi.restoreAllMocks();
  await clearFaults(sim().url);
});

async function versionReads(): Promise<number> {
  const stats = (await (await fetch(`${sim().url}/_sim/stats`)).json()) as { requests: Record<string, number> };
  return stats.requests['GET /ppcs/:id/version'] ?? 0;
}

it('reads only the PPCs waiting to be verified during a rollout, and the whole fleet again once a minute', async () => {
  const { config } = sim();
  const customers = config.ppcs?.customers.map((c) => c.id) ?? [];
  const facts = sim().world.facts as unknown as AcmeFacts;
  const store = freshStore();
  store.getState().rolloutStarted(facts.ppcRevision.staging);
  const fleet = createFleetPoller({ store, now: Date.now }, createServices(config, {}), config);
  try {
    let before = await versionReads();
    fleet.start();
    await vi.waitFor(() => expect(store.getState().rollout.ppcs).toHaveLength(customers.length), { timeout: 10_000, interval: 20 });
    await vi.waitFor(() => expect(fleet.busy()).toBe(false));
    expect((await versionReads()) - before).toBe(customers.length);

    // Three PPCs' update jobs passed; the others have not been touched yet.
    const waiting = customers.slice(2, 5);
    store.getState().ppcsUpdated(waiting.map((id) => ({ id, state: 'verifying' })));
    before = await versionReads();
    await fleet.refreshNow();
    expect((await versionReads()) - before).toBe(waiting.length);
    expect(store.getState().rollout.ppcs.filter((p) => p.state === 'verifying').map((p) => p.id)).toEqual(waiting);

    // A minute on, the whole fleet is read again, rollout or not: someone else may have moved a PPC.
    const realNow = Date.now.bind(Date);
    vi.spyOn(Date, 'now').mockImplementation(() => realNow() + FLEET_IDLE_MS);
    before = await versionReads();
    await fleet.refreshNow();
    expect((await versionReads()) - before).toBe(customers.length);
  } finally {
    fleet.stop();
  }
});

it('keeps a PPC that stops answering at what it last reported: one updated already stays done', async () => {
  const { config } = sim();
  const customers = config.ppcs?.customers.map((c) => c.id) ?? [];
  const facts = sim().world.facts as unknown as AcmeFacts;
  const store = freshStore();
  // Every PPC of the weekly world runs production's revision already: judged against it, all are done.
  store.getState().rolloutStarted(facts.ppcRevision.production);
  const fleet = createFleetPoller({ store, now: Date.now }, createServices(config, {}), config);
  try {
    fleet.start();
    await vi.waitFor(() => expect(store.getState().rollout.counts.done).toBe(customers.length), { timeout: 10_000, interval: 20 });
    await vi.waitFor(() => expect(fleet.busy()).toBe(false));

    const silent = customers[1] ?? '';
    await injectFault(sim().url, { target: 'ppcs', kind: '5xx', path: `/ppcs/${silent}/version` });
    await fleet.refreshNow();
    const row = store.getState().rollout.ppcs.find((p) => p.id === silent);
    expect(row).toMatchObject({ state: 'done', current: facts.ppcRevision.production });
    expect(row?.detail).toMatch(/^unreachable/);
    expect(store.getState().rollout.counts.done).toBe(customers.length);
  } finally {
    fleet.stop();
  }
});
