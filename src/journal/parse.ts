import { LIMITS, formatBytes } from '../limits.js';
import { JOURNAL_VERSION, type JournalEvent } from './events.js';

/** A line the journal could not use: reported (a notice, a warning in the report), never fatal. */
export interface JournalProblem {
  /** 1-based. */
  readonly line: number;
  readonly text: string;
}

export interface ParsedJournal {
  readonly events: readonly JournalEvent[];
  readonly problems: readonly JournalProblem[];
}

/**
 * The journal's text as events. A line that is not a JSON object with a `type` and an `at` is skipped and
 * reported; the lines around it still count, so a write cut off by a crash (the usual case: the last line)
 * loses nothing before it. Pure.
 */
export function parseJournal(text: string): ParsedJournal {
  const events: JournalEvent[] = [];
  const problems: JournalProblem[] = [];
  const lines = text.split('\n');
  // A journal always ends with a newline; anything after the last one is a line cut short.
  const endsCleanly = text.endsWith('\n') || text === '';
  lines.forEach((raw, index) => {
    const isLast = index === lines.length - 1;
    if (raw.trim() === '') return;
    const line = index + 1;
    // Bounded before JSON.parse sees it: a line no cockpit writes is damage, not a reason to fill the memory.
    if (raw.length > LIMITS.journalLineBytes / 3 && Buffer.byteLength(raw) > LIMITS.journalLineBytes) {
      problems.push({ line, text: `line ${line} is longer than the largest journal line accepted (${formatBytes(LIMITS.journalLineBytes)}) and is ignored` });
      return;
    }
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      problems.push({ line, text: isLast && !endsCleanly ? `line ${line} was cut off (the cockpit stopped while writing it) and is ignored` : `line ${line} is not valid JSON and is ignored` });
      return;
    }
    if (!isEvent(value)) {
      problems.push({ line, text: `line ${line} is not a journal event and is ignored` });
      return;
    }
    if (value.type === 'release' && typeof value.version === 'number' && value.version > JOURNAL_VERSION) {
      problems.push({ line, text: `written by a newer cockpit (journal version ${value.version}); some of it may be left out` });
    }
    events.push(value);
  });
  return { events, problems };
}

function isEvent(value: unknown): value is JournalEvent {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const v = value as Record<string, unknown>;
  return typeof v['type'] === 'string' && typeof v['at'] === 'string' && !Number.isNaN(Date.parse(v['at']));
}

/** One line for a person: what was wrong with the journal, in a notice or the report. */
export function problemsText(problems: readonly JournalProblem[], file: string): string | undefined {
  const [first] = problems;
  if (!first) return undefined;
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more line${problems.length === 2 ? '' : 's'})` : '';
  return `journal ${file}: ${first.text}${more}`;
}
