import { Octokit } from '@octokit/rest';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import type { RateQuota } from '../domain/source.js';
import { DeadlineError } from './errors.js';
import { fetchForEnvironment } from './proxy.js';

const GitHub = Octokit.plugin(retry, throttling);
export type GitHubOctokit = InstanceType<typeof GitHub>;

export interface GitHubClientOptions {
  readonly baseUrl: string;
  readonly token?: string | undefined;
  /** Per HTTP attempt, until the whole body is read. */
  readonly timeoutMs: number;
  readonly userAgent: string;
  /** Wait for a rate limit inside the call only when it resets this soon; otherwise surface it. */
  readonly maxRateLimitWaitMs?: number;
}

export interface RequestCounters {
  /** HTTP requests this client sent, retries included. */
  readonly requests: number;
  /** Of those, answered 304 (free against the primary rate limit). */
  readonly notModified: number;
}

export interface GitHubClient {
  readonly octokit: GitHubOctokit;
  counters(): RequestCounters;
  quota(): RateQuota | undefined;
}

const quietLog = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };

// 405 (not mergeable), 409 (head moved) and 429 must not be retried by plugin-retry: the first two never
// heal by themselves and throttling owns rate limits.
const DO_NOT_RETRY = [400, 401, 403, 404, 405, 409, 410, 422, 429, 451];

let clientSeq = 0;

/** One Octokit with retry and throttling, a per-attempt deadline, request counters and the latest rate quota. */
export function createGitHubClient(options: GitHubClientOptions): GitHubClient {
  let requests = 0;
  let notModified = 0;
  let quota: RateQuota | undefined;
  const maxWaitS = (options.maxRateLimitWaitMs ?? 5_000) / 1000;

  // Octokit has no timeout. A deadline per attempt (not per call) keeps the throttle queue and retry
  // back-off from eating it, and a DeadlineError is neither wrapped nor retried by octokit.
  const send = fetchForEnvironment();
  const timedFetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const deadline = AbortSignal.timeout(options.timeoutMs);
    const signal = init?.signal ? AbortSignal.any([init.signal, deadline]) : deadline;
    requests += 1;
    try {
      const res = await send(input, { ...init, signal });
      if (res.status === 304) notModified += 1;
      quota = readQuota(res.headers) ?? quota;
      // Read the body under the same deadline so a stalled body times out too.
      const body = res.status === 204 || res.status === 205 || res.status === 304 ? null : await res.arrayBuffer();
      const copy = new Response(body, { status: res.status, statusText: res.statusText, headers: res.headers });
      Object.defineProperty(copy, 'url', { value: res.url });
      return copy;
    } catch (err) {
      if (deadline.aborted) throw new DeadlineError(options.timeoutMs);
      throw err;
    }
  };

  const octokit = new GitHub({
    baseUrl: options.baseUrl.replace(/\/+$/, ''),
    ...(options.token ? { auth: options.token } : {}),
    userAgent: options.userAgent,
    log: quietLog,
    request: { fetch: timedFetch },
    // Two retries after 0.5 s and 2 s: a cockpit would rather show a failure soon and poll again than hang 14 s.
    retry: { doNotRetry: DO_NOT_RETRY, retries: 2, retryAfterBaseValue: 500 },
    throttle: {
      // Bottleneck groups are module-level and keyed by id: a distinct id keeps clients from queueing on each other.
      id: `release-cockpit-${++clientSeq}`,
      onRateLimit: (after: number, _opts: unknown, _o: unknown, count: number) => count < 1 && after <= maxWaitS,
      onSecondaryRateLimit: (after: number, _opts: unknown, _o: unknown, count: number) => count < 1 && after <= maxWaitS,
    },
  });

  return {
    octokit,
    counters: () => ({ requests, notModified }),
    quota: () => quota,
  };
}

function readQuota(headers: Headers): RateQuota | undefined {
  const limit = Number(headers.get('x-ratelimit-limit'));
  const remaining = Number(headers.get('x-ratelimit-remaining'));
  const reset = Number(headers.get('x-ratelimit-reset'));
  if (!headers.has('x-ratelimit-remaining') || !Number.isFinite(limit) || !Number.isFinite(remaining) || !Number.isFinite(reset)) return undefined;
  return { limit, remaining, resetAt: reset * 1000 };
}
