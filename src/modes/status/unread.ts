import { SourceError, type SourceName } from '../../domain/source.js';
import type { UnreadPart } from '../../domain/status-verdict.js';
import { windowText } from '../../format/schedule-text.js';

/**
 * A read the glance needed that failed, as the verdict states it: what is missing, why in a few words, and for a
 * rate limit when it resets (the time from the answer, in the configured zone).
 */
export function unreadPart(what: string, error: unknown, fallback: SourceName, now: number, zone: string): UnreadPart {
  if (!(error instanceof SourceError)) return { source: fallback, what, why: error instanceof Error ? error.message : String(error) };
  const resets = error.retryAt !== undefined && error.retryAt > now ? windowText(new Date(error.retryAt), now, zone) : undefined;
  return { source: error.source, what, why: cause(error), ...(resets ? { resets } : {}) };
}

function cause(error: SourceError): string {
  switch (error.kind) {
    case 'rate-limited':
      return 'rate limited';
    case 'timeout':
      return 'no answer in time';
    case 'unreachable':
      return 'cannot connect';
    case 'auth':
      return error.status === 401 ? 'not authorised: check the token' : 'forbidden';
    case 'not-found':
      return 'not found';
    case 'invalid-response':
      return 'the answer was not understood';
    default:
      return error.status !== undefined && error.status >= 500 ? `server error ${error.status}` : error.message;
  }
}

/** Customer PPCs that did not answer: what they run is not known, so the glance is incomplete. */
export function silentPpcs(ids: readonly string[]): UnreadPart | undefined {
  if (ids.length === 0) return undefined;
  const shown = ids.slice(0, 5).join(', ') + (ids.length > 5 ? ` and ${ids.length - 5} more` : '');
  return { source: 'ppcs', what: `what ${ids.length === 1 ? 'one runs' : `${ids.length} run`} (${shown} not answering)` };
}
