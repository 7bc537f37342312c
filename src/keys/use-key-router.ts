import { useInput, type Key } from 'ink';
import { useCallback, useRef } from 'react';
import { useStoreApi } from '../store/store-context.js';
import type { CommandDeps } from './commands.js';
import { routeKey } from './route-key.js';

export interface KeyRouterOptions {
  /** False when there is no terminal to read keys from (a mirror, a pipe): no raw mode, no listener. @default true */
  readonly isActive?: boolean;
}

/**
 * The app's single `useInput`. The handler keeps one identity for the component's life (Ink 6 re-subscribes
 * whenever it changes) and reads the latest state and deps when a key arrives, never a render's closure.
 */
export function useKeyRouter(deps: CommandDeps, options: KeyRouterOptions = {}): void {
  const store = useStoreApi();
  const depsRef = useRef(deps);
  depsRef.current = deps;
  const handler = useCallback(
    (input: string, key: Key) => {
      routeKey(store, depsRef.current, input, key);
    },
    [store],
  );
  useInput(handler, { isActive: options.isActive ?? true });
}
