import { ConditionalCache, nextLink, type CachedResponse } from './conditional-cache.js';
import { SourceError } from '../domain/source.js';
import { toSourceError } from './errors.js';
import type { GitHubClient } from './github-client.js';

/** What the read and write halves of the GitHub service share. */
export interface GitHubContext {
  readonly client: GitHubClient;
  readonly owner: string;
  readonly repo: string;
  /** Items per page asked of list endpoints (GitHub allows at most 100). */
  readonly pageSize: number;
  /** Runs one operation and turns any failure into a SourceError about `doing`. */
  run<T>(doing: string, fn: () => Promise<T>): Promise<T>;
  /** A conditional GET with `{owner}` and `{repo}` filled in. */
  get<T>(route: string, params?: Readonly<Record<string, unknown>>): Promise<CachedResponse<T>>;
  /** Conditional GETs following `rel="next"` until `max` items are collected. */
  pages<T>(route: string, params: Readonly<Record<string, unknown>>, pick: (data: unknown) => readonly T[], max: number): Promise<T[]>;
}

export function createGitHubContext(
  client: GitHubClient,
  fullRepo: string,
  baseUrl: string,
  token: string | undefined,
  pageSize = 100,
  cache: ConditionalCache = new ConditionalCache(),
): GitHubContext {
  const [owner, repo] = fullRepo.split('/');
  if (!owner || !repo) throw new Error(`expected the repository as "owner/name", got "${fullRepo}"`);
  const api = new URL(baseUrl);
  const origin = api.origin;
  const root = api.pathname.replace(/\/+$/, '');

  /**
   * The next page on our own API host. A proxy or alias in front of GitHub Enterprise names the host GitHub
   * sees; the token goes only to api_url, so such a link is followed there when it is under the same API
   * path, and otherwise the list stops with a reason rather than quietly short.
   */
  const sameApi = (next: string): string => {
    const url = new URL(next);
    if (url.origin === origin) return next;
    if (url.pathname.startsWith(`${root}/`)) return `${origin}${url.pathname}${url.search}`;
    throw new SourceError('github', 'invalid-response', `GitHub: the next page is at ${url.origin}${url.pathname}, outside ${baseUrl}; not followed, as the token goes only to api_url`);
  };

  const get = <T>(route: string, params: Readonly<Record<string, unknown>> = {}): Promise<CachedResponse<T>> =>
    cache.get<T>(client.octokit, route, { owner, repo, ...params });

  return {
    client,
    owner,
    repo,
    pageSize: Math.min(Math.max(Math.trunc(pageSize), 1), 100),
    async run<T>(doing: string, fn: () => Promise<T>): Promise<T> {
      try {
        return await fn();
      } catch (err) {
        throw toSourceError(err, { source: 'github', doing, secrets: [token] });
      }
    },
    get,
    async pages<T>(route: string, params: Readonly<Record<string, unknown>>, pick: (data: unknown) => readonly T[], max: number): Promise<T[]> {
      const items: T[] = [];
      let res = await get<unknown>(route, params);
      items.push(...pick(res.data));
      for (let next = nextLink(res.link); next && items.length < max; next = nextLink(res.link)) {
        res = await cache.get<unknown>(client.octokit, `GET ${sameApi(next)}`);
        const more = pick(res.data);
        if (more.length === 0) break;
        items.push(...more);
      }
      return items.slice(0, max);
    },
  };
}
