import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { readLease } from '../journal/lease-file.js';
import type { ReleasePaths } from '../journal/paths.js';
import type { FeedLease } from './protocol.js';

/** The release's journal as the mirror serves it: every complete line so far, and who holds the lease. */
export interface JournalTap {
  readonly release: string;
  lines(): readonly string[];
  lease(): FeedLease | null;
  /** Called with the lines added (from: how many came before) or the lease changed. Returns the unsubscriber. */
  subscribe(listener: (from: number, added: readonly string[]) => void): () => void;
  /** Reads what the journal gained now (the writer just appended) instead of at the next poll. */
  poke(): void;
  stop(): void;
}

export interface JournalTapOptions {
  readonly release: string;
  readonly paths: Pick<ReleasePaths, 'journal' | 'lease'>;
  /** A fallback for changes no writer pokes about (a read-only cockpit's journal grows in another process). @default 1000 */
  readonly pollMs?: number;
}

const sameLease = (a: FeedLease | null, b: FeedLease | null): boolean =>
  a === b || (a !== null && b !== null && a.driver === b.driver && a.host === b.host && a.pid === b.pid && a.started === b.started);

/**
 * Follows one journal file from its start. Only whole lines are served (a line is whole once its newline is on
 * disk), so a watcher's replica never holds half a line the primary is still writing.
 */
export function tapJournal(options: JournalTapOptions): JournalTap {
  const lines: string[] = [];
  const listeners = new Set<(from: number, added: readonly string[]) => void>();
  let offset = 0;
  // Bytes after the last newline: kept as bytes, since a read may end inside a character as well as a line.
  let partial: Buffer = Buffer.alloc(0);
  let lease: FeedLease | null = null;

  const readLeaseNow = (): FeedLease | null => {
    const held = readLease(options.paths.lease);
    return held && held.release === options.release ? { driver: held.driver, host: held.host, pid: held.pid, started: held.started } : null;
  };

  const grow = (): string[] => {
    let fd: number;
    try {
      fd = openSync(options.paths.journal, 'r');
    } catch {
      return [];
    }
    try {
      const size = fstatSync(fd).size;
      if (size <= offset) return [];
      const buffer = Buffer.alloc(size - offset);
      const read = readSync(fd, buffer, 0, buffer.length, offset);
      offset += read;
      const bytes = Buffer.concat([partial, buffer.subarray(0, read)]);
      const end = bytes.lastIndexOf(0x0a);
      partial = Buffer.from(bytes.subarray(end + 1));
      if (end === -1) return [];
      return bytes.subarray(0, end).toString('utf8').split('\n').filter((l) => l.trim() !== '');
    } finally {
      closeSync(fd);
    }
  };

  const look = (): void => {
    const added = grow();
    const next = readLeaseNow();
    const leaseMoved = !sameLease(next, lease);
    lease = next;
    if (added.length === 0 && !leaseMoved) return;
    const from = lines.length;
    lines.push(...added);
    for (const listener of [...listeners]) listener(from, added);
  };

  lines.push(...grow());
  lease = readLeaseNow();
  const timer = setInterval(look, options.pollMs ?? 1_000);
  timer.unref();

  return {
    release: options.release,
    lines: () => lines,
    lease: () => lease,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    poke: look,
    stop() {
      clearInterval(timer);
      listeners.clear();
    },
  };
}
