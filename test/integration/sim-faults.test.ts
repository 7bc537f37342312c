import { afterEach, describe, expect, it } from 'vitest';
import { startSim } from '../../src/sim/index.js';
import { clearFaults, injectFault, useSim } from '../helpers/sim.js';

const sim = useSim({ seed: 9 });
const url = () => sim().url;
const REF = '/github/repos/acme/service/git/ref/heads%2Fmaster';

afterEach(async () => {
  await clearFaults(url());
});

describe('fault injection', () => {
  it('answers 5xx for the next N matching requests, then recovers', async () => {
    await injectFault(url(), { target: 'github', kind: '5xx', count: 2 });
    expect((await fetch(`${url()}${REF}`)).status).toBe(502);
    expect((await fetch(`${url()}${REF}`)).status).toBe(502);
    expect((await fetch(`${url()}${REF}`)).status).toBe(200);
    await injectFault(url(), { target: 'travis', kind: '5xx', count: 1, status: 500 });
    const travis = await fetch(`${url()}/travis/repo/acme%2Fservice/builds?limit=1`);
    expect(travis.status).toBe(500);
    expect(await travis.json()).toMatchObject({ '@type': 'error' });
  });

  it('narrows a fault to a path and leaves other requests alone', async () => {
    await injectFault(url(), { target: 'github', kind: '5xx', path: '/repos/acme/service/pulls' });
    expect((await fetch(`${url()}/github/repos/acme/service/pulls`)).status).toBe(502);
    expect((await fetch(`${url()}${REF}`)).status).toBe(200);
  });

  it('hits roughly the given share of requests with a rate', async () => {
    await injectFault(url(), { target: 'sites', kind: '5xx', rate: 0.5 });
    const statuses = await Promise.all(Array.from({ length: 60 }, () => fetch(`${url()}/sites/staging/version`).then((r) => r.status)));
    const failed = statuses.filter((s) => s === 503).length;
    expect(failed).toBeGreaterThan(10);
    expect(failed).toBeLessThan(50);
  });

  it('exhausts the primary rate limit: 403 with remaining 0 and a reset time', async () => {
    await injectFault(url(), { target: 'github', kind: 'rate-limit', count: 1, retryAfterSeconds: 30 });
    const res = await fetch(`${url()}${REF}`);
    expect(res.status).toBe(403);
    expect(res.headers.get('x-ratelimit-remaining')).toBe('0');
    const reset = Number(res.headers.get('x-ratelimit-reset'));
    expect(reset - Date.now() / 1000).toBeGreaterThan(25);
    expect(reset - Date.now() / 1000).toBeLessThan(35);
    expect(await res.json()).toMatchObject({ message: expect.stringContaining('API rate limit exceeded') });
    await injectFault(url(), { target: 'travis', kind: 'rate-limit', count: 1 });
    expect((await fetch(`${url()}/travis/build/1`)).status).toBe(429);
  });

  it('trips the secondary rate limit: 403 naming it, with retry-after', async () => {
    await injectFault(url(), { target: 'github', kind: 'secondary-rate-limit', count: 1, retryAfterSeconds: 7 });
    const res = await fetch(`${url()}${REF}`);
    expect(res.status).toBe(403);
    expect(res.headers.get('retry-after')).toBe('7');
    expect(Number(res.headers.get('x-ratelimit-remaining'))).toBeGreaterThan(0);
    expect(((await res.json()) as { message: string }).message).toMatch(/secondary rate limit/);
  });

  it('holds a timed-out request open without answering', async () => {
    await injectFault(url(), { target: 'ppcs', kind: 'timeout', count: 1 });
    const outcome = await fetch(`${url()}/ppcs/acme/version`, { signal: AbortSignal.timeout(300) }).then(
      (r) => `answered ${r.status}`,
      (e: Error) => e.name,
    );
    expect(outcome).toBe('TimeoutError');
    expect((await fetch(`${url()}/ppcs/acme/version`)).status).toBe(200);
  });

  it('answers slowly, but correctly, with the slow fault', async () => {
    await injectFault(url(), { target: 'all', kind: 'slow', delayMs: 300, count: 1 });
    const started = performance.now();
    const res = await fetch(`${url()}/sites/production/version`);
    expect(res.status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
  });

  it('loses an answer after the effect: the comment exists although the client got no answer', async () => {
    await injectFault(url(), { target: 'github', kind: 'lost', method: 'POST', count: 1 });
    const comments = `${url()}/github/repos/acme/service/issues/1/comments`;
    const before = await (await fetch(comments)).json();
    await expect(fetch(comments, { method: 'POST', body: JSON.stringify({ body: 'lost on the way back' }) })).rejects.toThrow();
    const after = (await (await fetch(comments)).json()) as { body: string }[];
    expect(after.length).toBe((before as unknown[]).length + 1);
    expect(after.at(-1)?.body).toBe('lost on the way back');
  });

  it('lists its rules, changes them all or nothing, and names a bad one', async () => {
    const listed = (await (await fetch(`${url()}/_sim/rules`)).json()) as { rules: Record<string, boolean>; known: Record<string, string> };
    expect(Object.keys(listed.rules).sort()).toEqual(Object.keys(listed.known).sort());
    expect(Object.values(listed.rules).every((on) => on === false)).toBe(true);
    const bad = await fetch(`${url()}/_sim/rules`, { method: 'POST', body: JSON.stringify({ noSuchRule: true }) });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toMatch(/unknown rule "noSuchRule"/);
    const strict = await startSim({ scenario: 'strict', seed: 9 });
    try {
      const on = (await (await fetch(`${strict.url}/_sim/rules`)).json()) as { rules: Record<string, boolean> };
      expect(Object.values(on.rules).every((v) => v === true)).toBe(true);
    } finally {
      await strict.close();
    }
  });

  it('rejects a malformed fault with a message naming the field, and counts injected faults', async () => {
    const res = await fetch(`${url()}/_sim/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ target: 'github', kind: 'meteor' }) });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toMatch(/^"kind" must be one of 5xx, timeout/);
    const stats = (await (await fetch(`${url()}/_sim/stats`)).json()) as { faultsInjected: number; requests: Record<string, number> };
    expect(stats.faultsInjected).toBeGreaterThan(5);
    expect(stats.requests['GET /github/repos/:owner/:repo/git/ref/*']).toBeGreaterThan(3);
  });

  it('closes with nothing left behind, even with a request held open and one answering slowly', async () => {
    const count = (kind: string) => process.getActiveResourcesInfo().filter((r) => r === kind).length;
    const kinds = ['TCPServerWrap', 'TCPSocketWrap', 'Timeout'];
    const before = kinds.map(count);
    const other = await startSim({ seed: 1 });
    await injectFault(other.url, { target: 'github', kind: 'timeout', count: 1 });
    await injectFault(other.url, { target: 'travis', kind: 'slow', delayMs: 60_000, count: 1 });
    const held = fetch(`${other.url}${REF}`).catch((e: Error) => e.name);
    const slow = fetch(`${other.url}/travis/build/1`).catch((e: Error) => e.name);
    await expect.poll(() => other.stats().faultsInjected).toBe(2);
    await other.close();
    expect(await held).toBe('TypeError');
    expect(await slow).toBe('TypeError');
    // Earlier tests' idle keep-alive sockets may close meanwhile, so "no more than before" is the honest check.
    await expect.poll(() => kinds.every((k, i) => count(k) <= (before[i] as number))).toBe(true);
  });
});
