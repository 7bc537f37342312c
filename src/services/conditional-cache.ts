import { RequestError } from '@octokit/request-error';
import type { GitHubOctokit } from './github-client.js';

/** A remembered answer and the validators to ask with again; plain JSON, so it can be kept in a file. */
export interface CacheEntry {
  readonly etag: string | undefined;
  readonly lastModified: string | undefined;
  readonly data: unknown;
  readonly link: string | undefined;
}
type Entry = CacheEntry;

export interface CachedResponse<T> {
  readonly data: T;
  /** The `link` header, for following pages. */
  readonly link: string | undefined;
  /** False when GitHub answered 304 and the data came from the cache. */
  readonly changed: boolean;
}

/**
 * GET with validators: GitHub does not charge a 304 against the primary rate limit.
 * One cache per client (ETags vary with the token), bounded so a long session cannot grow it forever.
 */
export class ConditionalCache {
  readonly #entries = new Map<string, Entry>();
  readonly #max: number;

  /** `entries`: what an earlier process kept (see github-cache-file.ts), oldest first. */
  constructor(max = 500, entries: Iterable<readonly [string, CacheEntry]> = []) {
    this.#max = max;
    for (const [key, entry] of entries) this.#remember(key, entry);
  }

  /** Every entry, least recently used first: what a later process needs to ask conditionally too. */
  entries(): [string, CacheEntry][] {
    return [...this.#entries];
  }

  async get<T>(octokit: GitHubOctokit, route: string, params: Readonly<Record<string, unknown>> = {}): Promise<CachedResponse<T>> {
    const key = `${route} ${JSON.stringify(params)}`;
    const prev = this.#entries.get(key);
    const headers: Record<string, string> = {};
    // Sent back exactly as received: quotes and any W/ prefix matter.
    if (prev?.etag) headers['if-none-match'] = prev.etag;
    else if (prev?.lastModified) headers['if-modified-since'] = prev.lastModified;
    try {
      const res = await octokit.request(route, { ...params, headers });
      const entry: Entry = { etag: res.headers.etag, lastModified: res.headers['last-modified'], data: res.data, link: res.headers.link };
      if (entry.etag || entry.lastModified) this.#remember(key, entry);
      return { data: res.data as T, link: entry.link, changed: true };
    } catch (err) {
      // Octokit throws on 304. A 304 may omit the etag; keep the old one.
      if (err instanceof RequestError && err.status === 304 && prev) {
        this.#remember(key, prev);
        return { data: prev.data as T, link: prev.link, changed: false };
      }
      throw err;
    }
  }

  get size(): number {
    return this.#entries.size;
  }

  #remember(key: string, entry: Entry): void {
    // Re-insert so Map order doubles as least-recently-used order.
    this.#entries.delete(key);
    this.#entries.set(key, entry);
    if (this.#entries.size > this.#max) {
      const oldest = this.#entries.keys().next().value;
      if (oldest !== undefined) this.#entries.delete(oldest);
    }
  }
}

/** The `rel="next"` URL of a Link header. */
export function nextLink(link: string | undefined): string | undefined {
  if (!link) return undefined;
  for (const part of link.split(',')) {
    const m = /<([^>]+)>\s*;\s*rel="?next"?/.exec(part);
    if (m) return m[1];
  }
  return undefined;
}
