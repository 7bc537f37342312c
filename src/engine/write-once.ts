import { SourceError } from '../domain/source.js';
import type { ActionIntent, ActionOutcome } from '../journal/events.js';
import { journalled, wasRefused } from './journalled.js';
import type { JournalPort } from './ports.js';
import { errorText } from './steps.js';

/** What a look-up after a lost answer found: the write's effect, or proof that it did not happen. */
export type LookedUp<T> = { readonly found: T } | { readonly absent: string };

export interface WriteOnce<T> {
  readonly journal: JournalPort | undefined;
  /** The store or session the writes belong to: an outcome left unknown is remembered per owner. */
  readonly owner: object;
  readonly intent: ActionIntent;
  /** Unique to this write ("open-pr release/x -> production"): a later attempt at the same one looks first. */
  readonly key: string;
  /** For people: "opening the pull request release/x -> production". */
  readonly doing: string;
  readonly send: () => Promise<T>;
  /** Finds the write's effect by something unique to it (the open PR for head and base, the ref, the merge). */
  readonly lookUp: () => Promise<LookedUp<T>>;
  readonly outcome: (result: T) => ActionOutcome;
}

/** Thrown when a write's answer was lost and the look-up could not tell whether it happened. */
export class OutcomeUnknownError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OutcomeUnknownError';
  }
}

// Writes whose outcome is unknown, per owner: the intent's journal id, so that the look-up a retry makes first
// settles that intent rather than leaving it open beside a new one.
const unknown = new WeakMap<object, Map<string, string | undefined>>();

/**
 * Sends a GitHub write at most once per proof that it did not happen. The intent is journalled before the request
 * leaves. A refusal (4xx) is "not sent". Any other failure (a dropped connection, a timeout, a 5xx) may have taken
 * effect: the write is looked up at once by something unique to it; found, it is the outcome ("reconciled");
 * proved absent, it is "not sent" and may be sent again; when the look-up fails too, the outcome is "unknown" in
 * the journal and OutcomeUnknownError says so, and the next attempt at the same write looks again before sending.
 */
export async function writeOnce<T>(w: WriteOnce<T>): Promise<T> {
  const pending = unknown.get(w.owner) ?? new Map<string, string | undefined>();
  unknown.set(w.owner, pending);
  if (pending.has(w.key)) {
    const earlier = pending.get(w.key);
    const seen = await lookOrUnknown(w, earlier, 'the answer to an earlier attempt was lost');
    pending.delete(w.key);
    if ('found' in seen) return seen.found;
  }

  // The intent, the request and its outcome (a refusal as not sent) as every journalled write has them; only a
  // failure of the request itself, one that may have taken effect, is looked up here.
  let id: string | undefined;
  let lost: { readonly error: unknown } | undefined;
  const send = async (): Promise<T> => {
    try {
      return await w.send();
    } catch (error) {
      lost = { error };
      throw error;
    }
  };
  try {
    return await journalled(w.journal, w.intent, send, w.outcome, (intent) => {
      id = intent;
    });
  } catch (error) {
    if (lost?.error !== error || wasRefused(error)) throw error;
    const seen = await lookOrUnknown(w, id, `the answer was lost (${errorText(error)})`);
    if ('found' in seen) return seen.found;
    throw new Error(`${w.doing} did not happen: ${errorText(error)}; GitHub shows no trace of it (${seen.absent}), so r sends it again`);
  }
}

/** Looks the write up and journals what was found for intent `id`; a failed look-up leaves it unknown, and throws. */
async function lookOrUnknown<T>(w: WriteOnce<T>, id: string | undefined, lost: string): Promise<LookedUp<T>> {
  let seen: LookedUp<T>;
  try {
    seen = await w.lookUp();
  } catch (lookError) {
    if (id) w.journal?.record({ type: 'outcome', id, ok: false, error: `${lost}; looking it up failed: ${errorText(lookError)}`, unknown: true });
    unknown.get(w.owner)?.set(w.key, id);
    throw new OutcomeUnknownError(`${w.doing}: ${lost}, and looking it up failed (${errorText(lookError)}); whether it happened is unknown, so r looks again before sending anything`);
  }
  if (id) w.journal?.record({ type: 'outcome', id, ...('found' in seen ? { ...w.outcome(seen.found), reconciled: true } : { ok: false, error: seen.absent, notSent: true, reconciled: true }) });
  return seen;
}

/**
 * Settles a write left unknown with what a read the caller made anyway shows (the PR merged, an open PR found);
 * nothing when no write of `key` is unknown.
 */
export function settleUnknown(owner: object, journal: JournalPort | undefined, key: string, outcome: ActionOutcome): void {
  const pending = unknown.get(owner);
  if (!pending?.has(key)) return;
  const id = pending.get(key);
  pending.delete(key);
  if (id) journal?.record({ type: 'outcome', id, ...outcome });
}

/** For a look-up: a 404 is the answer `value` (the ref does not exist), anything else stays an error. */
export function notFoundAs<T>(value: T): (error: unknown) => T {
  return (error) => {
    if (error instanceof SourceError && error.kind === 'not-found') return value;
    throw error;
  };
}
