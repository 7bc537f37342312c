// Travis accepts about 10 API-triggered requests per repository per rolling hour, and says so only by the
// `remaining_requests` of an accepted request or a 429 once the hour's are spent. Pure: the rollout keeps a
// ledger of what it sent and what Travis said, and asks it how many requests may go now.

/** Travis's default `api_builds_rate_limit`: requests per repository per rolling hour. */
export const TRAVIS_REQUESTS_PER_HOUR = 10;
export const BUDGET_WINDOW_MS = 3_600_000;

export interface RequestLedger {
  /** When each request this rollout sent was accepted, oldest first. */
  readonly sentAt: readonly number[];
  /**
   * The last word from Travis: `remaining_requests` of an accepted request, or 0 for a refusal. It can be lower
   * than our own count suggests (someone else triggers builds on the fleet repo too).
   */
  readonly reported?: { readonly remaining: number; readonly at: number };
}

export interface BudgetOptions {
  readonly limit?: number;
  readonly windowMs?: number;
  /**
   * How long Travis's own word stands when it is lower than our ledger: other people's requests expire at times
   * we do not know, so after this long one request is tried again (a refused request costs nothing).
   */
  readonly recheckMs: number;
}

export interface Budget {
  /** Requests that may go now. */
  readonly available: number;
  /** When `available` is 0: when one more may go. */
  readonly freesAt?: number;
}

export const EMPTY_LEDGER: RequestLedger = { sentAt: [] };

export function recordAccepted(ledger: RequestLedger, at: number, remaining: number | undefined): RequestLedger {
  // Kept in order: a request found again in the journal may be older than the last one sent.
  const sentAt = [...ledger.sentAt, at].sort((a, b) => a - b);
  return remaining === undefined ? { ...ledger, sentAt } : { sentAt, reported: { remaining, at } };
}

export function recordRefused(ledger: RequestLedger, at: number): RequestLedger {
  return { ...ledger, reported: { remaining: 0, at } };
}

/** How many requests may go at `now`, and when one may go if none can now. */
export function budgetAt(ledger: RequestLedger, now: number, options: BudgetOptions): Budget {
  const limit = options.limit ?? TRAVIS_REQUESTS_PER_HOUR;
  const windowMs = options.windowMs ?? BUDGET_WINDOW_MS;
  const inWindow = ledger.sentAt.filter((t) => t > now - windowMs);
  const ours = Math.max(0, limit - inWindow.length);
  // The oldest of ours still counting expires first; with it gone there is room for one more.
  const oursFreeAt = ours > 0 ? now : (inWindow[inWindow.length - limit] ?? now) + windowMs;

  const { reported } = ledger;
  if (!reported || now >= reported.at + options.recheckMs) return ours > 0 ? { available: ours } : { available: 0, freesAt: oursFreeAt };
  const sinceReport = ledger.sentAt.filter((t) => t > reported.at).length;
  const theirs = Math.max(0, reported.remaining - sinceReport);
  const available = Math.min(ours, theirs);
  if (available > 0) return { available };
  return { available: 0, freesAt: Math.max(oursFreeAt, theirs > 0 ? now : reported.at + options.recheckMs) };
}
