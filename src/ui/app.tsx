import type { CiState } from '../domain/ci.js';
import type { CockpitStoreApi } from '../store/create-cockpit-store.js';
import { StoreProvider } from '../store/store-context.js';
import type { TerminalSize } from './hooks/use-terminal-size.js';

export interface AppProps {
  readonly store: CockpitStoreApi;
  /** The user picked a candidate in the picker. */
  readonly onChoose: (sha: string, ci: CiState) => void;
  /** A fixed terminal size (tests); by default the size is read from stdout and follows resizes. */
  readonly size?: TerminalSize;
}

export function App({ store }: AppProps) {
  return <StoreProvider store={store}>{null}</StoreProvider>;
}
