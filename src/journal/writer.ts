import { closeSync, fstatSync, fsyncSync, mkdirSync, openSync, readSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import type { JournalEvent, UnstampedEvent } from './events.js';

export interface JournalWriterOptions {
  readonly path: string;
  /** Who every line is written as: the driver's login. */
  readonly actor: string;
  /** Epoch ms. */
  readonly now: () => number;
  /** Values that must never reach the disk (the tokens): replaced wherever they would appear. */
  readonly secrets?: readonly (string | undefined)[];
}

/**
 * Appends to one release's journal. Every `append` is one write of whole lines followed by fsync, done
 * before it returns: a caller that appends and then shows the effect never shows what the disk has not got.
 */
export interface JournalWriter {
  readonly path: string;
  append(events: UnstampedEvent | readonly UnstampedEvent[]): void;
  /** The driver changed (a take-over): later lines name the new one. */
  setActor(actor: string): void;
  actor(): string;
  /** Called after each append is on disk (the mirror sends the new lines at once). Returns the unsubscriber. */
  listen(listener: () => void): () => void;
  close(): void;
}

const REDACTED = '[redacted]';

export function openJournalWriter(options: JournalWriterOptions): JournalWriter {
  const dir = dirname(options.path);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const fd = openSync(options.path, 'a+', 0o600);
  const size = fstatSync(fd).size;
  if (size === 0) syncDir(dir);
  else if (lastByte(fd, size) !== '\n') {
    // A line cut off by a crash stays where it is (the reader reports it); the next line must start clean.
    writeSync(fd, '\n');
    fsyncSync(fd);
  }
  const secrets = (options.secrets ?? []).filter((s): s is string => typeof s === 'string' && s.length >= 4);
  let actor = options.actor;
  let closed = false;
  const listeners = new Set<() => void>();

  const scrub = (line: string): string => {
    let out = line;
    for (const secret of secrets) {
      for (const form of [secret, JSON.stringify(secret).slice(1, -1)]) out = out.split(form).join(REDACTED);
    }
    return out;
  };

  return {
    path: options.path,
    append(input) {
      if (closed) throw new Error(`the journal ${options.path} is closed`);
      const list = (Array.isArray(input) ? input : [input]) as readonly UnstampedEvent[];
      if (list.length === 0) return;
      const at = new Date(options.now()).toISOString();
      const text = list.map((event) => scrub(JSON.stringify({ at, actor, ...event } as JournalEvent))).join('\n') + '\n';
      writeSync(fd, text);
      fsyncSync(fd);
      for (const listener of [...listeners]) listener();
    },
    listen(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    setActor(next) {
      actor = next;
    },
    actor: () => actor,
    close() {
      if (closed) return;
      closed = true;
      closeSync(fd);
    },
  };
}

function lastByte(fd: number, size: number): string {
  const buffer = Buffer.alloc(1);
  readSync(fd, buffer, 0, 1, size - 1);
  return buffer.toString('latin1');
}

/** A new file's name is only durable once its directory is flushed too. */
function syncDir(dir: string): void {
  try {
    const fd = openSync(dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Some file systems refuse fsync on a directory; the file's own fsync still holds its contents.
  }
}
