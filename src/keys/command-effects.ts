import { followCursor, type Steps } from '../domain/checklist.js';
import type { CockpitStoreApi } from '../store/create-cockpit-store.js';
import type { PendingAction } from '../store/state.js';
import type { CommandDeps } from './commands.js';
import { promptFor } from './step-rules.js';

// The store writes that the command table, the candidate choice and the dialog answers all make, kept in one
// place so that none of them imports another just to ask y/n or to write step progress.

export const nowOf = (deps: CommandDeps): number => (deps.now ? deps.now() : Date.now());

/** Writes new step progress in one update, the cursor following the release when it was on the current step. */
export function applySteps(store: CockpitStoreApi, next: Steps): void {
  const { steps, cursor } = store.getState().checklist;
  if (next === steps) return;
  store.getState().setSteps(next, followCursor(steps, next, cursor));
}

export function confirm(store: CockpitStoreApi, action: PendingAction): void {
  const state = store.getState();
  state.openDialog({ kind: 'confirm', action, prompt: promptFor(action, state) });
}
