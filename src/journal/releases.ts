import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { readTextFile } from '../text-file.js';
import { LIMITS } from '../limits.js';
import type { JournalEvent } from './events.js';
import { parseJournal, type JournalProblem } from './parse.js';
import { replay, type ReleaseSnapshot } from './replay.js';

/** One release journal on disk, read and replayed. */
export interface ReleaseFile {
  readonly id: string;
  readonly path: string;
  readonly events: readonly JournalEvent[];
  readonly problems: readonly JournalProblem[];
  /** Undefined when the file has no `release` line (empty, or not a journal). */
  readonly snapshot: ReleaseSnapshot | undefined;
}

/** Throws a UsageError for what is not a journal file at all: a directory, a device, a file above the limit. */
export function readReleaseFile(path: string): ReleaseFile {
  const { events, problems } = parseJournal(readTextFile(path, { what: 'journal', maxBytes: LIMITS.journalBytes, strict: false }));
  const id = path.replace(/^.*\//, '').replace(/\.jsonl$/, '');
  return { id, path, events, problems, snapshot: replay(events) };
}

/** Every release journal in `dir`, oldest first; unreadable files are left out. */
export function listReleaseFiles(dir: string): ReleaseFile[] {
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => n.endsWith('.jsonl'));
  } catch {
    return [];
  }
  const out: ReleaseFile[] = [];
  for (const name of names) {
    try {
      out.push(readReleaseFile(join(dir, name)));
    } catch {
      // A journal that vanished or cannot be read is not this command's to repair.
    }
  }
  return out.sort((a, b) => (a.snapshot?.openedAt ?? 0) - (b.snapshot?.openedAt ?? 0) || a.id.localeCompare(b.id));
}

/** The release to resume: the newest one for this repo and playbook that is not complete. */
export function findOpenRelease(files: readonly ReleaseFile[], repo: string, playbook: string): ReleaseFile | undefined {
  return files.filter((f) => f.snapshot && f.snapshot.repo === repo && f.snapshot.playbook.name === playbook && f.snapshot.completedAt === undefined).at(-1);
}

/** `2026-11-24-weekly`, or `2026-11-24-weekly-2` when that id is taken (a second release the same day). */
export function newReleaseId(date: string, kind: string, taken: ReadonlySet<string>): string {
  const base = `${date}-${kind}`;
  if (!taken.has(base)) return base;
  let n = 2;
  while (taken.has(`${base}-${n}`)) n += 1;
  return `${base}-${n}`;
}
