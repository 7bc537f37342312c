import type { RateQuota } from '../domain/source.js';
import type { ConditionalCache } from './conditional-cache.js';
import { createGitHubClient, type RequestCounters } from './github-client.js';
import { createGitHubContext } from './github-context.js';
import { createGitHubReads, type GitHubReads } from './github-reads.js';
import { createGitHubWrites, type GitHubWrites } from './github-writes.js';

export type { RequestCounters } from './github-client.js';
export type { PullComment } from './github-map.js';
export type { Comparison, GitHubReads, PullFilter } from './github-reads.js';
export type { GitHubWrites, MergeOptions, NewPull } from './github-writes.js';

export interface GitHubServiceOptions {
  /** The REST root, e.g. https://api.github.com or the sim's http://127.0.0.1:PORT/github. */
  readonly baseUrl: string;
  /** "owner/name" */
  readonly repo: string;
  readonly token?: string | undefined;
  /** Per HTTP attempt (default 15 s). */
  readonly timeoutMs?: number;
  readonly userAgent?: string;
  /** A rate limit that resets within this is waited out once inside the call (default 5 s); longer ones surface. */
  readonly maxRateLimitWaitMs?: number;
  /** Items per page for list endpoints (default and maximum 100); smaller only to exercise paging. */
  readonly pageSize?: number;
  /** Answers remembered from earlier (`cockpit status` keeps them between runs); a new, empty one by default. */
  readonly cache?: ConditionalCache;
}

export interface GitHubService extends GitHubReads, GitHubWrites {
  /** The primary rate-limit budget from the latest response, once one has been seen. */
  quota(): RateQuota | undefined;
  /** What this client has sent so far. */
  counters(): RequestCounters;
}

/**
 * Everything the cockpit asks of GitHub for one repository. Reads are conditional (ETag) and retried on
 * server errors; writes are never retried. Every failure is a SourceError whose message has no token.
 */
export function createGitHubService(options: GitHubServiceOptions): GitHubService {
  const client = createGitHubClient({
    baseUrl: options.baseUrl,
    token: options.token,
    timeoutMs: options.timeoutMs ?? 15_000,
    userAgent: options.userAgent ?? 'release-cockpit',
    ...(options.maxRateLimitWaitMs === undefined ? {} : { maxRateLimitWaitMs: options.maxRateLimitWaitMs }),
  });
  const ctx = createGitHubContext(client, options.repo, options.baseUrl, options.token, options.pageSize, options.cache);
  return {
    ...createGitHubReads(ctx),
    ...createGitHubWrites(ctx),
    quota: client.quota,
    counters: client.counters,
  };
}
