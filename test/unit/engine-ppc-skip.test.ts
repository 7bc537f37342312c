// Skipping one PPC from the rollout pane: `s`, a reason, Enter. A decision recorded in the store, not an action.
import { describe, expect, it } from 'vitest';
import type { CommandDeps } from '../../src/keys/commands.js';
import type { KeyPress } from '../../src/keys/match.js';
import { routeKey } from '../../src/keys/route-key.js';
import type { PendingAction } from '../../src/store/state.js';
import { freshStore, jumpTo, ppc } from './checklist-builders.js';
import { focus } from '../helpers/store-state.js';

const ENTER = { return: true };

function setup(at = 'update-ppcs') {
  const store = freshStore();
  const performed: PendingAction[] = [];
  const deps: CommandDeps = { perform: (action) => void performed.push(action), quit: () => undefined, now: () => 5_000_000 };
  const press = (input: string, key: KeyPress = {}) => routeKey(store, deps, input, key);
  jumpTo(store, at);
  store.getState().fleetRead([ppc('acme', 'failed'), ppc('globex', 'updating'), ppc('hooli', 'pending'), ppc('initech', 'done')]);
  focus(store, 'rollout');
  const select = (index: number) => store.getState().moveRolloutCursor(index - store.getState().ui.rolloutCursor);
  return { store, performed, press, select };
}

const rowOf = (store: ReturnType<typeof freshStore>, id: string) => store.getState().rollout.ppcs.find((p) => p.id === id);

describe('s in the rollout pane', () => {
  it('asks why, then skips only that PPC with the reason as its detail', () => {
    const { store, performed, press } = setup();
    press('s');
    expect(store.getState().ui.dialog).toEqual({ kind: 'skip', stepId: 'update-ppcs', reason: '', ppcId: 'acme' });
    press('customer freeze until Monday');
    press('', ENTER);
    expect(store.getState().ui.dialog).toBeNull();
    expect(rowOf(store, 'acme')).toMatchObject({ state: 'skipped', detail: 'customer freeze until Monday' });
    expect(store.getState().rollout.counts).toMatchObject({ skipped: 1, failed: 0 });
    expect(store.getState().ui.notice).toEqual({ text: 'Skipped PPC acme: customer freeze until Monday', tone: 'warning' });
    // The step itself is not skipped, and nothing was asked of the outside world.
    expect(store.getState().checklist.steps.find((s) => s.id === 'update-ppcs')?.status).toBe('active');
    expect(performed).toEqual([]);
  });

  it('skips a PPC still waiting its turn', () => {
    const { store, press, select } = setup();
    select(2);
    press('s');
    press('not this week');
    press('', ENTER);
    expect(rowOf(store, 'hooli')).toMatchObject({ state: 'skipped', detail: 'not this week' });
  });

  it('needs a reason', () => {
    const { store, press } = setup();
    press('s');
    press('   ');
    press('', ENTER);
    expect(store.getState().ui.dialog?.kind).toBe('skip');
    expect(rowOf(store, 'acme')?.state).toBe('failed');
    expect(store.getState().ui.notice?.text).toBe('A reason is required to skip a PPC');
  });

  it.each([
    [1, 'globex is updating: its update job runs to its end'],
    [3, 'initech is already done'],
  ])('refuses row %i and says why', (index, why) => {
    const { store, press, select } = setup();
    select(index);
    press('s');
    expect(store.getState().ui.dialog).toBeNull();
    expect(store.getState().ui.notice?.text).toBe(why);
  });

  it('is for the rollout: before it, s in the rollout pane does nothing but say so', () => {
    const { store, press } = setup('merge-promotion-pr');
    press('s');
    expect(store.getState().ui.dialog).toBeNull();
    expect(store.getState().ui.notice?.text).toMatch(/^PPCs are skipped during the rollout; the release is at "Merge the promotion pull request"$/);
  });

  it('leaves s in the checklist as it was: it skips the step (which aborts the rollout)', () => {
    const { store, press } = setup();
    focus(store, 'checklist');
    press('s');
    expect(store.getState().ui.dialog).toEqual({ kind: 'skip', stepId: 'update-ppcs', reason: '' });
  });
});

describe('r and s on a PPC whose update request is unknown', () => {
  it('say the cockpit is still looking for the request, and send nothing', () => {
    const { store, performed, press, select } = setup();
    store.getState().ppcsUpdated([{ id: 'globex', detail: 'unknown: the answer to its update request was lost; looking for a request carrying COCKPIT_BATCH=r.1.x on Travis' }]);
    select(1);
    for (const key of ['r', 's']) {
      press(key);
      expect(store.getState().ui.dialog).toBeNull();
      expect(store.getState().ui.notice?.text).toBe("globex's update request is unknown: the cockpit is still looking for it on Travis");
    }
    expect(performed).toEqual([]);
  });
});
