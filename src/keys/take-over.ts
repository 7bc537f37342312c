import type { CockpitStoreApi } from '../store/create-cockpit-store.js';
import type { CockpitState } from '../store/state.js';
import type { CommandDeps } from './commands.js';
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

/** Enter on the typed reason: checked once more (the primary may have come back since the y), then handed to the watch mode. */
export function submitTakeOver(store: CockpitStoreApi, deps: CommandDeps): void {
  const state = store.getState();
  const dialog = state.ui.dialog;
  if (dialog?.kind !== 'take-over') return;
  const reason = dialog.reason.trim();
  if (!reason) {
    state.setNotice({ text: 'A reason is required to take the release over', tone: 'error' });
    return;
  }
  // Asked a moment ago: the primary may have come back since the y.
  const blocker = takeOverBlocker(state);
  state.closeDialog();
  if (blocker) {
    state.setNotice({ text: `Not taken over: ${blocker}`, tone: 'warning' });
    return;
  }
  if (!deps.takeOver) {
    state.setNotice({ text: 'Not taken over: this cockpit cannot start cockpit run --take-over', tone: 'error' });
    return;
  }
  state.setNotice({ text: `Taking the release over from ${dialog.from}: ${reason}`, tone: 'warning' });
  deps.takeOver(reason);
}
