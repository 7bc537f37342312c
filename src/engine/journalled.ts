import { SourceError } from '../domain/source.js';
import type { ActionIntent, ActionOutcome } from '../journal/events.js';
import type { JournalPort } from './ports.js';
import { errorText } from './steps.js';

/**
 * Answers that say the request did not take effect: refused before anything happened. Anything else (a
 * timeout, a dropped connection, a 5xx) may have taken effect, so its outcome stays open for a look-up.
 */
export function wasRefused(error: unknown): boolean {
  if (!(error instanceof SourceError)) return false;
  return error.kind === 'conflict' || error.kind === 'not-found' || error.kind === 'auth' || error.kind === 'rate-limited' || (error.status !== undefined && error.status >= 400 && error.status < 500);
}

/**
 * Sends a request between its journal lines: the intent is on disk before the request leaves, the outcome
 * before the caller can show it. A refusal is written as not sent; an error that may have taken effect is
 * written as failed-but-unknown, so the next start looks it up instead of trusting either.
 */
export async function journalled<T>(
  journal: JournalPort | undefined,
  intent: ActionIntent,
  send: () => Promise<T>,
  outcome: (result: T) => ActionOutcome,
  /** Hears the intent's id, so that a caller who finds a lost answer's effect can write its outcome. */
  onIntent?: (id: string) => void,
): Promise<T> {
  const id = journal?.record({ type: 'intent', ...intent });
  if (id) onIntent?.(id);
  let result: T;
  try {
    result = await send();
  } catch (error) {
    if (id && wasRefused(error)) journal?.record({ type: 'outcome', id, ok: false, error: errorText(error), notSent: true });
    throw error;
  }
  if (id) journal?.record({ type: 'outcome', id, ...outcome(result) });
  return result;
}
