import { describe, expect, it } from 'vitest';
import { useSim } from '../helpers/sim.js';

const sim = useSim({ seed: 7 });
const gh = (path: string, init: RequestInit = {}) => fetch(`${sim().url}/github/repos/acme/service${path}`, init);
const post = (path: string, body: unknown, method = 'POST') => gh(path, { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('the demo world speaks GitHub REST', () => {
  it('answers a repeated GET with 304 when If-None-Match matches, and 304s spend no rate limit', async () => {
    const first = await gh('/git/ref/heads%2Fstaging');
    expect(first.status).toBe(200);
    const etag = first.headers.get('etag');
    expect(etag).toMatch(/^"[0-9a-f]{40}"$/);
    const remaining = Number(first.headers.get('x-ratelimit-remaining'));
    expect(first.headers.get('x-ratelimit-limit')).toBe('5000');
    expect(first.headers.get('x-ratelimit-resource')).toBe('core');
    expect(Number(first.headers.get('x-ratelimit-reset'))).toBeGreaterThan(Date.now() / 1000);

    const notModified = await gh('/git/ref/heads%2Fstaging', { headers: { 'if-none-match': etag as string } });
    expect(notModified.status).toBe(304);
    expect(await notModified.text()).toBe('');
    expect(Number(notModified.headers.get('x-ratelimit-remaining'))).toBe(remaining);

    const unquoted = await gh('/git/ref/heads%2Fstaging', { headers: { 'if-none-match': (etag as string).replace(/"/g, '') } });
    expect(unquoted.status).toBe(200);
    expect(Number(unquoted.headers.get('x-ratelimit-remaining'))).toBe(remaining - 1);
    expect(sim().stats().notModified).toBeGreaterThanOrEqual(1);
  });

  it('pages commits with a Link header whose next and last lead through the whole branch', async () => {
    const seen: string[] = [];
    let url: string | undefined = `${sim().url}/github/repos/acme/service/commits?sha=master&per_page=7`;
    let lastPage: string | undefined;
    while (url) {
      const res: Response = await fetch(url);
      expect(res.status).toBe(200);
      const page = (await res.json()) as { sha: string }[];
      seen.push(...page.map((c) => c.sha));
      const link = res.headers.get('link') ?? '';
      lastPage ??= /<([^>]+)>; rel="last"/.exec(link)?.[1];
      url = /<([^>]+)>; rel="next"/.exec(link)?.[1];
    }
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen[0]).toBe(sim().world.git.branches.get('master'));
    expect(seen.length).toBe(sim().world.git.log(sim().world.git.branches.get('master') as string).length);
    expect(lastPage).toContain(`page=${Math.ceil(seen.length / 7)}`);
  });

  it('serves files as base64 JSON and as raw text', async () => {
    const json = (await (await gh('/contents/Gopkg.lock?ref=production')).json()) as { encoding: string; content: string; sha: string };
    const raw = await (await gh('/contents/Gopkg.lock?ref=production', { headers: { accept: 'application/vnd.github.v3.raw' } })).text();
    expect(json.encoding).toBe('base64');
    expect(Buffer.from(json.content, 'base64').toString('utf8')).toBe(raw);
    expect(raw).toContain('name = "github.com/acme/ppc"');
    expect((await gh('/contents/nope.txt?ref=production')).status).toBe(404);
  });

  it('says Not Found the way GitHub does for unknown repos and refs', async () => {
    const repo = await fetch(`${sim().url}/github/repos/acme/other/branches/master`);
    expect(repo.status).toBe(404);
    expect(await repo.json()).toMatchObject({ message: 'Not Found', documentation_url: expect.stringContaining('docs.github.com') });
    expect((await gh('/git/ref/heads%2Fno-such-branch')).status).toBe(404);
  });

  it('creates a branch once and refuses the same ref again with 422', async () => {
    const sha = sim().world.git.branches.get('staging');
    const created = await post('/git/refs', { ref: 'refs/heads/release-test', sha });
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({ ref: 'refs/heads/release-test', object: { sha } });
    const again = await post('/git/refs', { ref: 'refs/heads/release-test', sha });
    expect(again.status).toBe(422);
    expect(await again.json()).toMatchObject({ message: 'Reference already exists' });
    expect(sim().stats().refsCreated).toBe(1);
  });

  it('refuses a second pull request for the same head and base, and one with no commits', async () => {
    const first = await post('/pulls', { title: 'Promote', head: 'acme:staging', base: 'production' });
    expect(first.status).toBe(201);
    const dup = await post('/pulls', { title: 'Promote again', head: 'acme:staging', base: 'production' });
    expect(dup.status).toBe(422);
    expect(JSON.stringify(await dup.json())).toContain('A pull request already exists for acme:staging.');
    const empty = await post('/pulls', { title: 'Nothing', head: 'production', base: 'staging' });
    expect(empty.status).toBe(422);
    expect(JSON.stringify(await empty.json())).toContain('No commits between staging and production');
    const open = (await (await gh('/pulls?state=open&head=acme:staging&base=production')).json()) as { number: number }[];
    expect(open.map((p) => p.number)).toEqual([((await first.json()) as { number: number }).number]);
  });
});
