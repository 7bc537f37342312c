// A PPC with a maintenance window is updated only inside it, in the schedule's time zone; the rest go on.
import { DateTime } from 'luxon';
import { afterEach, expect, it, vi } from 'vitest';
import { advanceClock, closeRolloutWorlds, customersOf, finishRollout, fleetRequests, ppcOf, rolloutWorld, stepStatus, wait } from './rollout-support.js';

afterEach(closeRolloutWorlds);

const ZONE = 'America/New_York';

it('holds a PPC until its window opens, says when that is, and updates it then', async () => {
  let opens: DateTime = DateTime.now();
  let windowed = '';
  const w = await rolloutWorld({
    waves: [],
    concurrency: 12,
    perRequest: 6,
    timezone: ZONE,
    // A one-hour window starting about two hours from now, New York time, for a customer that does not fail.
    windows: (now, facts) => {
      opens = DateTime.fromMillis(now, { zone: ZONE }).plus({ hours: 2 }).startOf('minute').plus({ minutes: 1 });
      windowed = facts.customers.find((id) => id !== facts.failingCustomer && id !== facts.canary) ?? '';
      return { [windowed]: { from: opens.toFormat('HH:mm'), to: opens.plus({ hours: 1 }).toFormat('HH:mm') } };
    },
  });
  const { sim, store, engine, customers } = w;
  const others = customers.filter((id) => id !== windowed);
  await engine.perform({ type: 'update-ppcs' });
  expect(ppcOf(store, windowed)).toMatchObject({ state: 'pending', detail: `waits for its window (${opens.setLocale('en-US').toFormat('ccc HH:mm')})` });

  // Everyone else is updated meanwhile; the step waits for the one outside its window.
  await vi.waitFor(async () => {
    const failed = store.getState().rollout.ppcs.find((p) => p.state === 'failed');
    if (failed) await engine.perform({ type: 'retry-ppc', id: failed.id });
    expect(others.map((id) => ppcOf(store, id)?.state)).toEqual(others.map(() => 'done'));
  }, wait);
  expect(ppcOf(store, windowed)?.state).toBe('pending');
  expect(stepStatus(store)).toBe('running');
  expect((await fleetRequests(sim)).flatMap(customersOf)).not.toContain(windowed);

  await advanceClock(sim, opens.toMillis() - sim.clock.now() + 1_000);
  await finishRollout(w);
  const sent = await fleetRequests(sim);
  expect(sent.map(customersOf).at(-1)).toEqual([windowed]);
});
