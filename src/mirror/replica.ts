import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import type { FeedLease, JournalMessage } from './protocol.js';
import { journalEventId } from './protocol.js';
import { removeLease, writeLease } from '../journal/lease-file.js';
import { isReleaseId, releasePaths, type ReleasePaths } from '../journal/paths.js';

/**
 * What says a journal is a replica: where it came from and whose lease it mirrors. A journal without one is
 * this machine's own, and a watcher never writes over it (a primary and a watcher sharing a state directory).
 */
export interface ReplicaMarker {
  readonly release: string;
  /** The mirror's origin, without any token. */
  readonly source: string;
  readonly lines: number;
  /** The primary's lease as the feed last said it; null once the primary let it go (quit). */
  readonly primary: FeedLease | null;
  /** Epoch ms the feed was last heard from. */
  readonly heardAt: number;
}

export function readReplicaMarker(paths: Pick<ReleasePaths, 'replica'>): ReplicaMarker | undefined {
  try {
    const v = JSON.parse(readFileSync(paths.replica, 'utf8')) as Partial<ReplicaMarker>;
    if (typeof v.release !== 'string' || typeof v.source !== 'string' || typeof v.heardAt !== 'number') return undefined;
    return { release: v.release, source: v.source, lines: Number(v.lines ?? 0), primary: v.primary ?? null, heardAt: v.heardAt };
  } catch {
    return undefined;
  }
}

/** Makes a replica this machine's own journal: the take-over drives it from here on. */
export function adoptReplica(paths: Pick<ReleasePaths, 'replica'>): void {
  rmSync(paths.replica, { force: true });
}

export type ReplicaState =
  | { readonly state: 'waiting' }
  | { readonly state: 'replicating'; readonly release: string; readonly lines: number; readonly path: string }
  /** The journal here is not a replica (this machine drives it, or took it over): left alone. */
  | { readonly state: 'local'; readonly release: string };

export interface Replica {
  /** Takes journal lines from the feed; false when they do not follow on from what is here (ask for all again). */
  take(message: JournalMessage): boolean;
  /** The feed spoke (a heartbeat counts): the primary's lease here is renewed, as the primary renews its own. */
  heard(at: number): void;
  /** The primary's feed ended: it quit and let its lease go. */
  ended(at: number): void;
  /** The Last-Event-ID to ask for the lines after the ones here. */
  position(): string | undefined;
  state(): ReplicaState;
}

/** How often at most the mirrored lease's heartbeat is written while only heartbeats arrive. */
const LEASE_WRITE_MS = 5_000;

/**
 * A watcher's copy of the release's journal in its own state directory: the same file a `cockpit run` there
 * resumes from, with the primary's lease beside it (renewed while the feed is heard), so `cockpit run
 * --take-over` on this machine carries on from it once the primary is gone.
 */
export function openReplica(options: { readonly stateDir: string; readonly source: string }): Replica {
  let state: ReplicaState = { state: 'waiting' };
  let primary: FeedLease | null = null;
  let heardAt = 0;
  let leaseWrittenAt = 0;

  const paths = (release: string) => releasePaths(options.stateDir, release);

  const mark = (release: string, lines: number): void => {
    const marker: ReplicaMarker = { release, source: options.source, lines, primary, heardAt };
    const p = paths(release);
    const tmp = `${p.replica}.${process.pid}.tmp`;
    writeFileSync(tmp, `${JSON.stringify(marker, null, 2)}\n`, { mode: 0o600 });
    renameSync(tmp, p.replica);
  };

  const writePrimaryLease = (release: string, at: number): void => {
    const p = paths(release);
    leaseWrittenAt = at;
    if (!primary) return removeLease(p.lease);
    const heartbeat = new Date(at).toISOString();
    writeLease(p.lease, { release, ...primary, heartbeat });
  };

  /** Still ours to write: a replica, not a journal this machine drives (a take-over adopts it). */
  const isOurs = (release: string): boolean => {
    const p = paths(release);
    return !existsSync(p.journal) || existsSync(p.replica);
  };

  const append = (path: string, lines: readonly string[], replace: boolean): void => {
    const text = lines.map((l) => `${l}\n`).join('');
    if (replace) {
      const tmp = `${path}.${process.pid}.tmp`;
      writeFileSync(tmp, text, { mode: 0o600 });
      renameSync(tmp, path);
      return;
    }
    const fd = openSync(path, 'a', 0o600);
    try {
      writeSync(fd, text);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  };

  return {
    take(message) {
      const { release, from, lines } = message;
      // The release id names files here: one that could leave the directory is not taken.
      if (!isReleaseId(release)) return true;
      if (state.state === 'local' && state.release === release) return true;
      const have = state.state === 'replicating' && state.release === release ? state.lines : 0;
      if (from !== 0 && from !== have) return false;
      if (!isOurs(release)) {
        state = { state: 'local', release };
        return true;
      }
      mkdirSync(paths(release).dir, { recursive: true, mode: 0o700 });
      // The marker first: a replica is never, even for a moment, a journal that looks like this machine's own.
      primary = message.lease;
      heardAt = Math.max(heardAt, Date.now());
      mark(release, from);
      append(paths(release).journal, lines, from === 0);
      const total = from + lines.length;
      mark(release, total);
      writePrimaryLease(release, heardAt);
      state = { state: 'replicating', release, lines: total, path: paths(release).journal };
      return true;
    },
    heard(at) {
      heardAt = at;
      if (state.state !== 'replicating' || at - leaseWrittenAt < LEASE_WRITE_MS) return;
      if (!isOurs(state.release)) {
        state = { state: 'local', release: state.release };
        return;
      }
      mark(state.release, state.lines);
      writePrimaryLease(state.release, at);
    },
    ended(at) {
      if (state.state !== 'replicating' || !isOurs(state.release)) return;
      primary = null;
      heardAt = at;
      mark(state.release, state.lines);
      writePrimaryLease(state.release, at);
    },
    position: () => (state.state === 'replicating' ? journalEventId(state.release, state.lines) : undefined),
    state: () => state,
  };
}
