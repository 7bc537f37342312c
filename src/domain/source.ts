/** The outside systems the cockpit reads. */
export type SourceName = 'github' | 'travis' | 'sites' | 'ppcs';

/**
 * What went wrong talking to a source, classified so that the UI and exit codes can act on it.
 * `message` is for people and never contains a token.
 */
export type SourceErrorKind = 'unreachable' | 'timeout' | 'rate-limited' | 'auth' | 'not-found' | 'conflict' | 'http' | 'invalid-response';

export class SourceError extends Error {
  readonly source: SourceName;
  readonly kind: SourceErrorKind;
  readonly status: number | undefined;
  /** When a rate limit resets (epoch ms), if known. */
  readonly retryAt: number | undefined;
  /** How many the source allows in its window, when a rate-limit answer said (Travis's `max_requests`). */
  readonly limit: number | undefined;

  constructor(source: SourceName, kind: SourceErrorKind, message: string, options: { status?: number; retryAt?: number; limit?: number; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = 'SourceError';
    this.source = source;
    this.kind = kind;
    this.status = options.status;
    this.retryAt = options.retryAt;
    this.limit = options.limit;
  }
}

/** A source's health as the header and `status` show it. */
export interface SourceHealth {
  readonly source: SourceName;
  readonly state: 'ok' | 'degraded' | 'down' | 'unknown';
  readonly detail?: string;
  /** Epoch ms of the last successful read. */
  readonly lastOkAt?: number;
}

/** GitHub's primary rate-limit budget, read from response headers. */
export interface RateQuota {
  readonly limit: number;
  readonly remaining: number;
  /** Epoch ms. */
  readonly resetAt: number;
}
