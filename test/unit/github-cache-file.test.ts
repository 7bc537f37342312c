import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cacheDir, githubCacheFile, readGitHubCache, writeGitHubCache } from '../../src/services/github-cache-file.js';
import { ConditionalCache } from '../../src/services/conditional-cache.js';

const dirs: string[] = [];
const scratch = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'cockpit-cache-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const entry = (etag: string, data: unknown) => ({ etag, lastModified: undefined, data, link: undefined });

describe('the GitHub answers kept between glances', () => {
  it('lives in COCKPIT_CACHE_DIR, else an absolute XDG_CACHE_HOME, else ~/.cache', () => {
    expect(cacheDir({ COCKPIT_CACHE_DIR: '/tmp/c', XDG_CACHE_HOME: '/x' }, '/home/d')).toBe('/tmp/c');
    expect(cacheDir({ XDG_CACHE_HOME: '/x' }, '/home/d')).toBe('/x/release-cockpit');
    expect(cacheDir({ XDG_CACHE_HOME: 'relative' }, '/home/d')).toBe('/home/d/.cache/release-cockpit');
  });

  it('keeps one file per API and repository', () => {
    const a = githubCacheFile('/c', 'https://api.github.com', 'acme/service');
    expect(githubCacheFile('/c', 'https://api.github.com/', 'acme/service')).toBe(a);
    expect(githubCacheFile('/c', 'https://github.example.com/api/v3', 'acme/service')).not.toBe(a);
    expect(githubCacheFile('/c', 'https://api.github.com', 'acme/other')).not.toBe(a);
  });

  it('reads back what was written, oldest first', () => {
    const file = join(scratch(), 'deeper', 'github.json');
    writeGitHubCache(file, new ConditionalCache(10, [['GET /a', entry('"1"', { n: 1 })], ['GET /b', entry('W/"2"', [2])]]));
    expect(readGitHubCache(file).entries()).toEqual([
      ['GET /a', { etag: '"1"', data: { n: 1 } }],
      ['GET /b', { etag: 'W/"2"', data: [2] }],
    ]);
  });

  it('treats a missing, damaged or foreign file as empty, and drops entries it cannot ask with', () => {
    const dir = scratch();
    expect(readGitHubCache(join(dir, 'none.json')).size).toBe(0);
    writeFileSync(join(dir, 'cut.json'), '{"version":1,"entries":[["GET /a",');
    expect(readGitHubCache(join(dir, 'cut.json')).size).toBe(0);
    writeFileSync(join(dir, 'v2.json'), JSON.stringify({ version: 2, entries: [['GET /a', entry('"1"', 1)]] }));
    expect(readGitHubCache(join(dir, 'v2.json')).size).toBe(0);
    writeFileSync(join(dir, 'mixed.json'), JSON.stringify({ version: 1, entries: [['GET /a', entry('"1"', 1)], ['GET /b', { data: 2 }], 'junk', ['GET /c']] }));
    expect(readGitHubCache(join(dir, 'mixed.json')).entries().map(([key]) => key)).toEqual(['GET /a']);
  });

  it('keeps at most 200 answers, the most recently used', () => {
    const file = join(scratch(), 'github.json');
    const many = Array.from({ length: 250 }, (_, i) => [`GET /${i}`, entry(`"${i}"`, i)] as const);
    writeFileSync(file, JSON.stringify({ version: 1, entries: many }));
    const keys = readGitHubCache(file).entries().map(([key]) => key);
    expect(keys).toHaveLength(200);
    expect(keys[0]).toBe('GET /50');
    expect(keys.at(-1)).toBe('GET /249');
  });

  it('a cache that cannot be written is skipped without a word', () => {
    const dir = scratch();
    writeFileSync(join(dir, 'file'), 'not a directory');
    expect(() => writeGitHubCache(join(dir, 'file', 'github.json'), new ConditionalCache())).not.toThrow();
    expect(readFileSync(join(dir, 'file'), 'utf8')).toBe('not a directory');
  });
});
