import type { CockpitStoreApi } from '../store/create-cockpit-store.js';
import { diff } from './diff.js';
import { feedStateOf } from './feed-state.js';
import { encodeEvent, FEED_VERSION, type FeedState } from './protocol.js';

export interface FeedSourceOptions {
  /** At most one message per this many ms: a busy store (a fleet of PPCs moving) does not flood watchers. @default 50 */
  readonly coalesceMs?: number;
  readonly now?: () => number;
}

export type FeedEventKind = 'snapshot' | 'patch';

/** The store as a sequence of feed events; the server sends the same text to every watcher. */
export interface FeedSource {
  /** Starts following the store (the first watcher came); returns the snapshot event for it. */
  join(): string;
  /** Stops following it (the last watcher left): nothing is diffed or kept while nobody watches. */
  idle(): void;
  /** The seq of the last event sent. */
  seq(): number;
  heartbeat(at: number): string;
  end(reason: string): string;
  stop(): void;
}

/**
 * Turns store updates into feed events for `broadcast`. Updates are coalesced: the first change after a quiet
 * spell goes out on the next turn of the event loop, later ones at most every `coalesceMs`. Each event is a
 * patch against the state the watchers have, or a snapshot when that is not larger.
 */
export function createFeedSource(store: CockpitStoreApi, broadcast: (text: string, kind: FeedEventKind) => void, options: FeedSourceOptions = {}): FeedSource {
  const coalesceMs = options.coalesceMs ?? 50;
  const now = options.now ?? Date.now;
  let seq = 0;
  /** What every connected watcher has after the last event; undefined while nobody watches. */
  let sent: FeedState | undefined;
  let snapshotText: string | undefined;
  let snapshotLength = 0;
  let timer: NodeJS.Timeout | undefined;
  let lastFlushAt = Number.NEGATIVE_INFINITY;

  const snapshot = (): string => {
    snapshotText ??= encodeEvent('snapshot', { v: FEED_VERSION, seq, state: sent as FeedState });
    snapshotLength = snapshotText.length;
    return snapshotText;
  };

  const flush = (): void => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    lastFlushAt = now();
    const next = feedStateOf(store.getState());
    if (!sent) {
      sent = next;
      seq += 1;
      snapshotText = undefined;
      return;
    }
    const ops = diff(sent, next);
    // Equal as JSON: keep the newer references so the next diff can skip more of it.
    sent = next;
    if (ops.length === 0) return;
    seq += 1;
    snapshotText = undefined;
    const patch = encodeEvent('patch', { v: FEED_VERSION, seq, ops });
    // Serialising the whole state is only worth it when the patch might not be the smaller one.
    if (patch.length * 2 >= snapshotLength) {
      const full = snapshot();
      if (full.length <= patch.length) {
        broadcast(full, 'snapshot');
        return;
      }
    }
    broadcast(patch, 'patch');
  };

  const unsubscribe = store.subscribe(() => {
    if (!sent || timer) return;
    timer = setTimeout(flush, Math.max(0, lastFlushAt + coalesceMs - now()));
  });

  return {
    join() {
      // Whoever already watches gets the pending change first, so the new watcher's snapshot and their state agree on seq.
      if (!sent || timer) flush();
      return snapshot();
    },
    idle() {
      if (timer) clearTimeout(timer);
      timer = undefined;
      sent = undefined;
      snapshotText = undefined;
    },
    seq: () => seq,
    heartbeat: (at) => encodeEvent('heartbeat', { v: FEED_VERSION, seq, at }),
    end: (reason) => encodeEvent('end', { v: FEED_VERSION, seq, reason }),
    stop() {
      unsubscribe();
      if (timer) clearTimeout(timer);
      timer = undefined;
    },
  };
}
