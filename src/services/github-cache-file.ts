import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { ConditionalCache, type CacheEntry } from './conditional-cache.js';

/**
 * GitHub's answers kept between `cockpit status` runs, so that each run asks with the ETags of the last and an
 * unchanged repository costs no rate limit (a 304 is free; 20 fresh reads a glance would spend a whole hour's
 * 5,000 points in a few minutes of `watch cockpit status`). The file holds response bodies (commits, pull
 * requests, two pinned files), never a token or a header that carries one, and only its owner can read it.
 * Any problem with it is a cache miss: a glance never fails for its cache.
 */
const VERSION = 1;
const MAX_ENTRIES = 200;

/** `COCKPIT_CACHE_DIR`, else `$XDG_CACHE_HOME/release-cockpit`, else `~/.cache/release-cockpit`. */
export function cacheDir(env: NodeJS.ProcessEnv, home: string = homedir()): string {
  const own = env['COCKPIT_CACHE_DIR']?.trim();
  if (own) return own;
  const xdg = env['XDG_CACHE_HOME']?.trim();
  // The XDG spec says a relative XDG_CACHE_HOME is invalid and must be ignored.
  return join(xdg && xdg.startsWith('/') ? xdg : join(home, '.cache'), 'release-cockpit');
}

/** One file per API and repository: ETags are only worth sending back to the server that made them. */
export function githubCacheFile(dir: string, apiUrl: string, repo: string): string {
  const id = createHash('sha256').update(`${apiUrl.replace(/\/+$/, '')} ${repo}`).digest('hex').slice(0, 16);
  return join(dir, `github-${id}.json`);
}

export function readGitHubCache(path: string): ConditionalCache {
  try {
    const file = JSON.parse(readFileSync(path, 'utf8')) as { version?: unknown; entries?: unknown };
    if (file.version !== VERSION || !Array.isArray(file.entries)) return new ConditionalCache(MAX_ENTRIES);
    return new ConditionalCache(MAX_ENTRIES, file.entries.filter(isEntry));
  } catch {
    return new ConditionalCache(MAX_ENTRIES);
  }
}

/** Written whole and renamed into place, so a glance running beside this one reads the old file or the new. */
export function writeGitHubCache(path: string, cache: ConditionalCache): void {
  const dir = join(path, '..');
  const temp = `${path}.${process.pid}.tmp`;
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    writeFileSync(temp, JSON.stringify({ version: VERSION, entries: cache.entries() }), { mode: 0o600 });
    renameSync(temp, path);
  } catch {
    // A read-only or full disk costs the next glance its 304s, nothing more.
    try {
      rmSync(temp, { force: true });
    } catch {
      // Its directory could not be made either: there is nothing to remove.
    }
  }
}

function isEntry(value: unknown): value is readonly [string, CacheEntry] {
  if (!Array.isArray(value) || value.length !== 2 || typeof value[0] !== 'string') return false;
  const entry = value[1] as Partial<CacheEntry> | null;
  return typeof entry === 'object' && entry !== null && (typeof entry.etag === 'string' || typeof entry.lastModified === 'string') && 'data' in entry;
}
