import { expect, it } from 'vitest';
import { WEEKLY_PLAYBOOK } from '../../src/domain/weekly-playbook.js';
import { createCockpitStore } from '../../src/store/create-cockpit-store.js';

const fleet = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `ppc-${i}`, name: `Customer ${i}`, current: 'a'.repeat(40), target: 'b'.repeat(40), state: 'pending' as const }));

it('keeps each PPC and the counts right across many patches of the same fleet, and after the fleet is replaced', () => {
  const store = createCockpitStore({ playbook: WEEKLY_PLAYBOOK });
  store.getState().fleetRead(fleet(1000));
  store.getState().ppcsUpdated([{ id: 'ppc-7', state: 'updating' }, { id: 'ppc-999', state: 'failed', detail: 'job 12 failed' }]);
  store.getState().ppcsUpdated([{ id: 'ppc-7', state: 'verifying' }, { id: 'ppc-7', state: 'done' }, { id: 'no-such-ppc', state: 'done' }]);
  const { ppcs, counts } = store.getState().rollout;
  expect(ppcs[7]).toMatchObject({ id: 'ppc-7', state: 'done' });
  expect(ppcs[999]).toMatchObject({ id: 'ppc-999', state: 'failed', detail: 'job 12 failed' });
  expect(ppcs.filter((p) => p.state === 'pending')).toHaveLength(998);
  expect(counts).toMatchObject({ pending: 998, done: 1, failed: 1, updating: 0, verifying: 0 });

  // A new fleet in another order: patches find its PPCs where they now are.
  store.getState().fleetRead(fleet(3).reverse());
  store.getState().ppcsUpdated([{ id: 'ppc-0', state: 'skipped' }]);
  expect(store.getState().rollout.ppcs.map((p) => `${p.id}:${p.state}`)).toEqual(['ppc-2:pending', 'ppc-1:pending', 'ppc-0:skipped']);
  expect(store.getState().rollout.counts).toMatchObject({ pending: 2, skipped: 1 });
});
