import type { CockpitState } from '../store/state.js';
import { readOnlyBlocker } from './step-rules.js';

/**
 * Why a watcher cannot take the release over now, or undefined when it can. The same conditions
 * `cockpit run --take-over` checks, asked before any question so that a y and a typed reason are never wasted.
 */
export function takeOverBlocker(state: CockpitState): string | undefined {
  const watch = state.watch;
  if (state.meta.mode !== 'mirror' || !watch) return 'only a watcher (cockpit watch) takes a release over';
  if (watch.configProblem) return `no take-over from here: ${watch.configProblem}`;
  if (watch.replicaLines === 0) return "no take-over yet: no replica of the release's journal is kept here yet";
  if (watch.liveLease) return `no take-over while ${watch.liveLease}: their lease is live (it goes stale after 2 minutes without word, or when they quit)`;
  return undefined;
}

/** `y` in a read-only cockpit answers only the one question a watcher is asked: whether to take over. */
export function confirmYesBlocker(state: CockpitState): string | undefined {
  const dialog = state.ui.dialog;
  if (dialog?.kind === 'confirm' && dialog.action.type === 'take-over') return takeOverBlocker(state);
  return readOnlyBlocker(state);
}
