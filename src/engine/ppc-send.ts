import { SourceError } from '../domain/source.js';
import type { EngineRecord } from '../journal/events.js';
import { batchMarker, carriesMarker, updateRequest } from './ppc-batch.js';
import type { JournalPort, TravisPort } from './ports.js';
import { errorText } from './steps.js';

// One PPC update request to Travis, journalled: the intent before it is sent, the outcome before the rollout
// shows it. Each request carries a marker of its own in its config (COCKPIT_BATCH=release.number.time); an
// answer lost on the way (a timeout, a dropped connection, a 5xx) leaves the outcome unknown, and the request is
// looked for by that marker, never sent again blindly.

export interface SendContext {
  readonly travis: TravisPort;
  readonly journal: JournalPort | undefined;
  readonly repo: string;
  readonly branch: string;
  readonly releaseId: string;
}

/** What a lost answer is looked for by. */
export interface LostRequest {
  readonly marker: string | undefined;
  readonly message: string;
  readonly intent: string | undefined;
  /** Epoch ms it was sent. */
  readonly at: number;
  readonly error: string;
}

export type SendResult =
  | { readonly kind: 'accepted'; readonly requestId: number; readonly remaining: number | undefined; readonly intent: string | undefined; readonly reconciled: boolean }
  /** Travis's hourly limit: nothing was sent, and the batch waits for the budget. `limit` is its max_requests. */
  | { readonly kind: 'over-budget'; readonly error: string; readonly limit: number | undefined }
  /** Certainly not sent (refused or rejected): a retry sends it again. */
  | ({ readonly kind: 'not-sent'; readonly error: string })
  /** Perhaps sent: the answer was lost. It is looked for by its marker until found or put to the user. */
  | ({ readonly kind: 'unknown' } & LostRequest);

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

/** Sends one update request for `ids`, the rollout's request number `number`, at `at` (epoch ms). */
export async function sendUpdate(ctx: SendContext, ids: readonly string[], target: string, number: number, at: number): Promise<SendResult> {
  const marker = batchMarker(ctx.releaseId, number, at);
  const request = updateRequest(ids, target, ctx.branch, marker);
  let intent: string | undefined;
  try {
    intent = ctx.journal?.record({ type: 'intent', action: 'trigger-ppcs', repo: ctx.repo, branch: ctx.branch, customers: ids, target, message: request.message, marker });
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
      return { kind: 'over-budget', error: text, limit: error.limit };
    }
    if (isCertainlyNotSent(error)) {
      if (intent) journalNote(ctx.journal, { type: 'outcome', id: intent, ok: false, error: text, notSent: true });
      return { kind: 'not-sent', error: text };
    }
    // The intent stays open in the journal: the lookups (or the next start) decide.
    return { kind: 'unknown', error: text, marker, message: request.message, intent, at };
  }
}

/**
 * One look for a request whose answer was lost: among the fleet repo's newest requests, the one whose config
 * carries its marker. A journal from before markers has only the message, which Travis fills in later, and
 * `known` keeps a request this rollout already follows from being taken for it. Undefined: not there yet.
 */
export async function findRequest(travis: TravisPort, repo: string, lost: Pick<LostRequest, 'marker' | 'message'>, known: ReadonlySet<number>): Promise<number | undefined> {
  const recent = await travis.listRequests(repo, LOOKUP_DEPTH);
  const { marker } = lost;
  const found = marker ? recent.find((r) => carriesMarker(r.configText, marker)) : recent.find((r) => r.message === lost.message && !known.has(r.id));
  return found?.id;
}

/** Refusals that say the request did not run: the client's or the server's explicit no. */
function isCertainlyNotSent(error: unknown): boolean {
  if (!(error instanceof SourceError)) return false;
  if (error.kind === 'auth' || error.kind === 'not-found' || error.kind === 'conflict') return true;
  // "unreachable" covers a connection reset after the request went out, so it is looked up like a timeout.
  return error.kind === 'http' && error.status !== undefined && error.status < 500;
}
