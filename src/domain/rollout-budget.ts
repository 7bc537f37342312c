// Travis accepts 10 API-triggered requests per repository per rolling hour unless the repository's
// api_builds_rate_limit says otherwise, and says so only by the `remaining_requests` of an accepted request
// (counted before that request was created: 10 with none this hour) or a 429 once the hour's are spent (whose
// `max_requests` is the limit). Pure: the rollout keeps a ledger of what it sent and what Travis said, and asks
// it how many requests may go now.

/** Travis's default `api_builds_rate_limit`: requests per repository per rolling hour. */
export const TRAVIS_REQUESTS_PER_HOUR = 10;
export const BUDGET_WINDOW_MS = 3_600_000;

export interface RequestLedger {
  /** When each request this rollout sent was accepted, oldest first. */
  readonly sentAt: readonly number[];
  /**
   * The last word from Travis: `remaining_requests` of an accepted request (which counts that request as still
   * to come), or 0 for a refusal. It can be lower than our own count suggests (someone else triggers builds on
   * the fleet repo too).
   */
  readonly reported?: { readonly remaining: number; readonly at: number };
  /** The hourly limit Travis named in a 429 (`max_requests`): it wins over the config and the default. */
  readonly limit?: number;
}

export interface BudgetOptions {
  /** The configured hourly limit (ppcs.trigger.hourly_limit); Travis's own word in a 429 wins over it. */
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
  return remaining === undefined ? { ...ledger, sentAt } : { ...ledger, sentAt, reported: { remaining, at } };
}

/** A 429: none left now; `limit` is its `max_requests` when it said. */
export function recordRefused(ledger: RequestLedger, at: number, limit?: number): RequestLedger {
  return { ...ledger, reported: { remaining: 0, at }, ...(limit === undefined ? {} : { limit }) };
}

/** How many requests may go at `now`, and when one may go if none can now. */
export function budgetAt(ledger: RequestLedger, now: number, options: BudgetOptions): Budget {
  const limit = ledger.limit ?? options.limit ?? TRAVIS_REQUESTS_PER_HOUR;
  const windowMs = options.windowMs ?? BUDGET_WINDOW_MS;
  const inWindow = ledger.sentAt.filter((t) => t > now - windowMs);
  const ours = Math.max(0, limit - inWindow.length);
  // The oldest of ours still counting expires first; with it gone there is room for one more.
  const oursFreeAt = ours > 0 ? now : (inWindow[inWindow.length - limit] ?? now) + windowMs;

  const { reported } = ledger;
  if (!reported || now >= reported.at + options.recheckMs) return ours > 0 ? { available: ours } : { available: 0, freesAt: oursFreeAt };
  // The reported request itself is among these: Travis counted before creating it.
  const sinceReport = ledger.sentAt.filter((t) => t >= reported.at).length;
  const theirs = Math.max(0, reported.remaining - sinceReport);
  const available = Math.min(ours, theirs);
  if (available > 0) return { available };
  return { available: 0, freesAt: Math.max(oursFreeAt, theirs > 0 ? now : reported.at + options.recheckMs) };
}
