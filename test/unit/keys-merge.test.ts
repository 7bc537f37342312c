// The merge step's keys as the user meets GitHub's merge rules: Enter on a PR that is behind offers the branch
// update (y/n), a conflict or a draft opens no dialog, an unstable merge names its failing optional checks.
import { describe, expect, it, vi } from 'vitest';
import type { CommandDeps } from '../../src/keys/commands.js';
import type { KeyPress } from '../../src/keys/match.js';
import { routeKey } from '../../src/keys/route-key.js';
import type { PendingAction } from '../../src/store/state.js';
import { CANDIDATE, freshStore, jumpTo, pull } from './checklist-builders.js';

const ENTER = { return: true };
const HOTFIX = 'f00dfeed'.repeat(5);

function atMerge(overrides: Parameters<typeof pull>[0]) {
  const store = freshStore();
  const performed: PendingAction[] = [];
  const deps: CommandDeps = { perform: (action) => void performed.push(action), quit: vi.fn(), now: () => 5_000_000 };
  const press = (input: string, key: KeyPress = {}) => routeKey(store, deps, input, key);
  jumpTo(store, 'merge-promotion-pr');
  store.getState().promotionRead({ pull: pull(overrides) });
  return { store, performed, press };
}

describe('Enter on the merge step', () => {
  it('offers to update a branch that is behind, names what the base has, and sends it only after y', async () => {
    const { store, performed, press } = atMerge({ mergeableState: 'behind', headRef: 'release/2026-01-01-1a2b3c4' });
    store.getState().promotionRead({ merge: { headSha: CANDIDATE, missing: { behindBy: 1, commits: [{ sha: HOTFIX, message: 'Hotfix: cap discounts', author: 'priya-n', date: '2026-01-01T00:00:00Z' }] } } });
    press('', ENTER);
    expect(store.getState().ui.dialog).toMatchObject({
      kind: 'confirm',
      action: { type: 'update-branch', number: 42, sha: CANDIDATE },
      prompt: 'Update PR #42: merge production into release/2026-01-01-1a2b3c4 at 1a2b3c4? It lacks 1 commit of production, newest f00dfee "Hotfix: cap discounts". Its head moves, so CI runs again before it can merge.',
    });
    press('n');
    expect(store.getState().ui.dialog).toBeNull();
    expect(performed).toEqual([]);
    press('', ENTER);
    press('y');
    await vi.waitFor(() => expect(performed).toEqual([{ type: 'update-branch', number: 42, sha: CANDIDATE }]));
  });

  it('opens no dialog for a conflict or a draft, and says why', () => {
    for (const [state, text] of [
      ['dirty', 'PR #42 conflicts with production in Gopkg.lock (changed on both sides): resolve it on staging (CI then runs again); the cockpit offers no merge'],
      ['draft', 'PR #42 is a draft: mark it ready for review on GitHub before it can merge'],
    ] as const) {
      const { store, performed, press } = atMerge({ mergeable: state === 'draft', mergeableState: state });
      store.getState().promotionRead({ merge: { headSha: CANDIDATE, bothChanged: ['Gopkg.lock'] } });
      press('', ENTER);
      expect(store.getState().ui.dialog).toBeNull();
      expect(store.getState().ui.notice?.text).toBe(text);
      expect(performed).toEqual([]);
    }
  });

  it('asks before an unstable merge, with the method it sends and the optional checks failing', () => {
    const { store, press } = atMerge({ mergeableState: 'unstable' });
    store.getState().promotionRead({ merge: { headSha: CANDIDATE, method: { ok: true, method: 'squash', why: 'allowed' }, notPassing: [{ name: 'codecov/patch', state: 'failing' }] } });
    press('', ENTER);
    expect(store.getState().ui.dialog).toMatchObject({
      action: { type: 'merge-pr', number: 42, sha: CANDIDATE },
      prompt: 'Merge PR #42 into production at 1a2b3c4 by squash? Its merge deploys production. Optional checks failing (GitHub allows the merge): codecov/patch.',
    });
  });
});
