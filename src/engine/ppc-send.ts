import { SourceError } from '../domain/source.js';
import type { EngineRecord } from '../journal/events.js';
import { updateRequest } from './ppc-batch.js';
import type { JournalPort, TravisPort } from './ports.js';
import { errorText } from './steps.js';

// One PPC update request to Travis, journalled: the intent before it is sent, the outcome before the rollout
// shows it. An answer lost on the way (a timeout, a dropped connection) is looked up by the request's message,
// never sent again blindly.

export interface SendContext {
  readonly travis: TravisPort;
  readonly journal: JournalPort | undefined;
  readonly repo: string;
  readonly branch: string;
}

export type SendResult =
  | { readonly kind: 'accepted'; readonly requestId: number; readonly remaining: number | undefined; readonly intent: string | undefined; readonly reconciled: boolean }
  /** Travis's hourly limit: nothing was sent, and the batch waits for the budget. */
  | { readonly kind: 'over-budget'; readonly error: string }
  /** Certainly not sent (refused, rejected, or looked up and not there): a retry sends it again. */
  | { readonly kind: 'not-sent'; readonly error: string }
  /** Perhaps sent: the answer was lost and the lookup failed too. A retry looks it up again first. */
  | { readonly kind: 'unknown'; readonly error: string; readonly message: string; readonly intent: string | undefined };

/** How many of the fleet repo's newest requests a lost answer is looked for among. */
const LOOKUP_DEPTH = 25;

/** Writes to the journal; a write that fails after the request went out must not lose the request. */
export function journalNote(journal: JournalPort | undefined, event: EngineRecord): string | undefined {
  try {
    return journal?.record(event);
  } catch {
    return undefined;
  }
}

/** Sends one update request for `ids`; `known` are the requests this rollout already follows. */
export async function sendUpdate(ctx: SendContext, ids: readonly string[], target: string, known: ReadonlySet<number>): Promise<SendResult> {
  const request = updateRequest(ids, target, ctx.branch);
  let intent: string | undefined;
  try {
    intent = ctx.journal?.record({ type: 'intent', action: 'trigger-ppcs', repo: ctx.repo, branch: ctx.branch, customers: ids, target, message: request.message });
  } catch (error) {
    // What is not written down is not sent: a crash now would leave no trace of it.
    return { kind: 'not-sent', error: `not sent: the release journal could not be written (${errorText(error)})` };
  }
  try {
    const { requestId, remaining } = await ctx.travis.triggerRequest(ctx.repo, request);
    if (intent) journalNote(ctx.journal, { type: 'outcome', id: intent, ok: true, requestId });
    return { kind: 'accepted', requestId, remaining, intent, reconciled: false };
  } catch (error) {
    const text = errorText(error);
    if (error instanceof SourceError && error.kind === 'rate-limited') {
      if (intent) journalNote(ctx.journal, { type: 'outcome', id: intent, ok: false, error: text, notSent: true });
      return { kind: 'over-budget', error: text };
    }
    if (isCertainlyNotSent(error)) {
      if (intent) journalNote(ctx.journal, { type: 'outcome', id: intent, ok: false, error: text, notSent: true });
      return { kind: 'not-sent', error: text };
    }
    return lookUp(ctx, request.message, intent, known, text);
  }
}

/**
 * Whether a request whose answer was lost reached Travis: the newest requests of the fleet repo are searched for
 * its message (which names its customers and target). Found, it is followed; not found, it was not sent.
 */
export async function lookUp(ctx: SendContext, message: string, intent: string | undefined, known: ReadonlySet<number>, error: string): Promise<SendResult> {
  try {
    const recent = await ctx.travis.listRequests(ctx.repo, LOOKUP_DEPTH);
    const found = recent.find((r) => r.message === message && !known.has(r.id));
    if (found) {
      if (intent) journalNote(ctx.journal, { type: 'outcome', id: intent, ok: true, requestId: found.id, reconciled: true });
      return { kind: 'accepted', requestId: found.id, remaining: undefined, intent, reconciled: true };
    }
    if (intent) journalNote(ctx.journal, { type: 'outcome', id: intent, ok: false, error, notSent: true, reconciled: true });
    return { kind: 'not-sent', error };
  } catch (lookupError) {
    // The intent stays open in the journal: the next look (a retry, or the next start) decides.
    return { kind: 'unknown', error: `${error}; whether Travis got it is unknown (${errorText(lookupError)})`, message, intent };
  }
}

/** Refusals that say the request did not run: the client's or the server's explicit no. */
function isCertainlyNotSent(error: unknown): boolean {
  if (!(error instanceof SourceError)) return false;
  if (error.kind === 'auth' || error.kind === 'not-found' || error.kind === 'conflict') return true;
  // "unreachable" covers a connection reset after the request went out, so it is looked up like a timeout.
  return error.kind === 'http' && error.status !== undefined && error.status < 500;
}
