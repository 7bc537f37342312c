import type { CockpitStoreApi } from '../store/create-cockpit-store.js';
import { COMMANDS, type CommandDeps } from './commands.js';
import type { CommandId } from './key-map.js';
import { activeScopes, matchBinding, splitKeys, type KeyPress } from './match.js';

/**
 * Routes one key press: finds its binding in the scopes that apply now (an open dialog alone, else the focused
 * pane, then global), and runs it, or shows why it is disabled. Reads the store afresh on every press, so two
 * keys typed faster than a render never act on stale state. Returns the command the key meant, if any.
 */
export function routeKey(store: CockpitStoreApi, deps: CommandDeps, input: string, key: KeyPress): CommandId | undefined {
  const keys = splitKeys(input, key);
  let last: CommandId | undefined;
  for (const [one, oneKey] of keys) last = routeOne(store, deps, one, oneKey) ?? last;
  return last;
}

function routeOne(store: CockpitStoreApi, deps: CommandDeps, input: string, key: KeyPress): CommandId | undefined {
  const state = store.getState();
  const binding = matchBinding(input, key, activeScopes(state));
  if (!binding) return undefined;
  const reason = binding.disabledReason?.(state);
  if (reason) {
    state.setNotice({ text: reason, tone: 'warning' });
    return binding.id;
  }
  // A notice answers the previous key; the next command replaces or clears it.
  if (state.ui.notice) state.setNotice(null);
  COMMANDS[binding.id]({ store, deps, input });
  return binding.id;
}
