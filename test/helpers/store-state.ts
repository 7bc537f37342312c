import type { PaneId } from '../../src/store/state.js';
import type { CockpitStore, CockpitStoreApi } from '../../src/store/create-cockpit-store.js';

/**
 * A state no cockpit action leads to in one step (a mode, a window, a selection a test starts from), built
 * directly. Only for a test's starting point: what the test exercises goes through the store's actions.
 */
export function given(store: CockpitStoreApi, update: Partial<CockpitStore> | ((s: CockpitStore) => Partial<CockpitStore>)): void {
  store.setState(update);
}

/** The user's selection on step `index` (clamped), as the arrows would leave it. */
export function selectStep(store: CockpitStoreApi, index: number): void {
  given(store, (s) => ({ checklist: { ...s.checklist, cursor: Math.max(0, Math.min(index, s.checklist.steps.length - 1)) } }));
}

/** The focus on `pane`, as tab would leave it. */
export function focus(store: CockpitStoreApi, pane: PaneId): void {
  given(store, (s) => ({ ui: { ...s.ui, focus: pane } }));
}

/** Meta facts the config or the session would have put there. */
export function givenMeta(store: CockpitStoreApi, meta: Partial<CockpitStore['meta']>): void {
  given(store, (s) => ({ meta: { ...s.meta, ...meta } }));
}
