import type { Config } from '../../config/schema.js';
import type { Playbook } from '../../domain/playbook.js';
import type { Engine } from '../../engine/index.js';
import type { JournalPort } from '../../engine/ports.js';
import type { releasePaths } from '../../journal/paths.js';
import type { ReleaseSnapshot } from '../../journal/replay.js';
import type { RunningPollers } from '../../pollers/start-pollers.js';
import type { Services } from '../../services/index.js';
import type { CockpitStoreApi } from '../../store/create-cockpit-store.js';
import type { Mode, PendingAction, UiState } from '../../store/state.js';

export interface ReleaseSessionOptions {
  readonly config: Config;
  readonly services: Services;
  readonly playbook: Playbook;
  readonly mode: Extract<Mode, 'driving' | 'demo'>;
  /** The state directory; the release's files live in its `releases/`. */
  readonly stateDir: string;
  /** More directories of past releases, for "usually takes" only. */
  readonly historyDirs?: readonly string[];
  readonly takeOver: boolean;
  /** Why the release is taken over (`--reason`). */
  readonly reason?: string;
  /** Never written anywhere: replaced if they would reach the journal. */
  readonly secrets: readonly (string | undefined)[];
  readonly now: () => number;
  /** How long a failed look at the world after a restart waits before trying again. @default 10000 */
  readonly retryMs?: number;
  /** How often the lease is renewed (and a take-over noticed). @default HEARTBEAT_MS */
  readonly heartbeatMs?: number;
}

export type Notice = NonNullable<UiState['notice']>;

/**
 * One release's journal, lease and resume around a cockpit session. Open it before the store exists (it
 * decides the release id and whether this cockpit drives or only watches), `attach` the store (the journal
 * listens to its events, which it hears before any subscriber hears of their change), `begin` once the pollers and the engine exist, and `stop` on the way out.
 */
export interface ReleaseSession {
  readonly id: string;
  readonly name: string;
  /** `read-only` when someone else drives this release right now. */
  readonly mode: Mode;
  readonly actor: string;
  /** The journalled release this session resumes, if any. */
  readonly resumed: ReleaseSnapshot | undefined;
  readonly journal: JournalPort | undefined;
  /** Calls back after each line the journal gains from this cockpit (none in read-only mode). */
  onJournalWritten(listener: () => void): () => void;
  /** What to say first (resumed, read-only, a damaged journal): `attach` shows it. */
  readonly greeting: Notice | undefined;
  /** Lays the journalled release over the new store, shows the greeting, and starts journalling the store's events. */
  attach(store: CockpitStoreApi): void;
  begin(deps: { readonly engine: Engine; readonly pollers: RunningPollers }): void;
  /** The engine's perform, refused until the world has been looked at again after a restart. */
  perform(action: PendingAction): Promise<void>;
  stop(): Promise<void>;
}

export interface Opened {
  readonly id: string;
  readonly name: string;
  readonly actor: string;
  readonly resumed: ReleaseSnapshot | undefined;
  readonly paths: ReturnType<typeof releasePaths>;
  readonly usual: Readonly<Record<string, number>>;
  readonly damaged: string | undefined;
}
