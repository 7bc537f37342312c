import { useCallback } from 'react';
import type { CiState } from '../domain/ci.js';
import { chooseCandidate } from '../keys/choose-candidate.js';
import type { CommandDeps } from '../keys/commands.js';
import { useKeyRouter } from '../keys/use-key-router.js';
import type { CockpitStoreApi } from '../store/create-cockpit-store.js';
import { StoreProvider, useStoreApi } from '../store/store-context.js';
import type { TerminalSize } from './hooks/use-terminal-size.js';
import { CockpitScreen } from './screens/cockpit-screen.js';

export interface AppProps {
  readonly store: CockpitStoreApi;
  /** What the keys do to the world (the engine's `perform`, Ink's exit). */
  readonly deps: CommandDeps;
  /** The user picked a candidate in the picker. @default the key table's `chooseCandidate` (a red one asks y/n first) */
  readonly onChoose?: (sha: string, ci: CiState) => void;
  /** A fixed terminal size (tests); by default stdout's size, following resizes. */
  readonly size?: TerminalSize;
  /** False without a terminal (a mirror, a pipe): no key router, no raw mode. @default true */
  readonly isInteractive?: boolean;
}

function Cockpit({ deps, onChoose, size, isInteractive = true }: Omit<AppProps, 'store'>) {
  const store = useStoreApi();
  useKeyRouter(deps, { isActive: isInteractive });
  const choose = useCallback((sha: string, ci: CiState) => (onChoose ? onChoose(sha, ci) : chooseCandidate(store, deps, sha)), [onChoose, store, deps]);
  return <CockpitScreen size={size} isInteractive={isInteractive} onChoose={choose} />;
}

/** The interactive cockpit on one store: the screen and the single key router. */
export function App({ store, ...rest }: AppProps) {
  return (
    <StoreProvider store={store}>
      <Cockpit {...rest} />
    </StoreProvider>
  );
}
