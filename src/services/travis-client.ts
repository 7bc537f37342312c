import got, { type Got } from 'got';
import { gotProxyHooks } from './proxy.js';

export interface TravisClientOptions {
  /** The API root, e.g. https://api.travis-ci.com or the sim's http://127.0.0.1:PORT/travis. */
  readonly baseUrl: string;
  readonly token?: string | undefined;
  /** Per attempt; got has no timeout by default. */
  readonly timeoutMs: number;
  readonly userAgent: string;
}

/**
 * Retry rules shared by every got client here: only GETs, only transient server and network failures.
 * Timeouts are not retried so a call fails within its timeout; 429 is not retried so a rate limit surfaces.
 */
export const GET_RETRY = {
  methods: ['GET' as const],
  statusCodes: [408, 500, 502, 503, 504, 521, 522, 524],
  errorCodes: ['ECONNRESET', 'EADDRINUSE', 'ECONNREFUSED', 'EPIPE', 'ENOTFOUND', 'ENETUNREACH', 'EAI_AGAIN'],
};

/** got preset for Travis API v3. Requests take paths without a leading slash (prefixUrl). */
export function createTravisClient(options: TravisClientOptions): Got {
  return got.extend({
    prefixUrl: options.baseUrl.replace(/\/+$/, ''),
    headers: {
      'travis-api-version': '3',
      'user-agent': options.userAgent,
      ...(options.token ? { authorization: `token ${options.token}` } : {}),
    },
    responseType: 'json',
    hooks: gotProxyHooks(),
    timeout: { request: options.timeoutMs },
    // POST (trigger, restart, cancel) is never retried: it may have taken effect.
    retry: { ...GET_RETRY, limit: 2, backoffLimit: 4_000, maxRetryAfter: 10_000 },
  });
}
