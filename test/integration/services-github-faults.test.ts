import { afterEach, describe, expect, it } from 'vitest';
import { createGitHubService, type GitHubServiceOptions } from '../../src/services/github.js';
import { clearFaults, injectFault, useSim } from '../helpers/sim.js';
import { closedPortUrl, hits, sourceErrorOf } from './services-support.js';

const sim = useSim({ scenario: 'weekly', seed: 12 });
const TOKEN = 'sim-dana-w-0123456789abcdef';
const github = (options: Partial<GitHubServiceOptions> = {}) =>
  createGitHubService({ baseUrl: sim().config.github.api_url, repo: sim().config.service.repo, token: TOKEN, timeoutMs: 5_000, ...options });

afterEach(async () => {
  await clearFaults(sim().url);
});

describe('GitHub failures become SourceErrors', () => {
  it('retries a read once the server recovers from a 5xx', async () => {
    const gh = github();
    await injectFault(sim().url, { target: 'github', kind: '5xx', count: 1 });
    const head = await gh.getHead('master');
    expect(head.sha).toMatch(/^[0-9a-f]{40}$/);
    expect(gh.counters().requests).toBe(2);
  });

  it('gives up on a read after its retries and says it was a server error', async () => {
    const gh = github();
    await injectFault(sim().url, { target: 'github', kind: '5xx', status: 503 });
    const { error } = await sourceErrorOf(() => gh.getHead('master'));
    expect(error).toMatchObject({ source: 'github', kind: 'http', status: 503 });
    expect(error.message).toContain('branch master');
    expect(gh.counters().requests).toBe(3);
  });

  it('never retries a write on a 5xx: exactly one attempt reaches GitHub and nothing is created', async () => {
    const gh = github();
    const route = 'POST /github/repos/:owner/:repo/pulls';
    const before = { attempts: hits(sim(), route), created: sim().stats().prsCreated };
    await injectFault(sim().url, { target: 'github', kind: '5xx', method: 'POST', path: '/repos/acme/service/pulls', count: 3 });
    const { error } = await sourceErrorOf(() => gh.createPull({ head: 'staging', base: 'production', title: 'Promote staging', body: '' }));
    expect(error).toMatchObject({ kind: 'http', status: 502 });
    expect(hits(sim(), route)).toBe(before.attempts + 1);
    expect(sim().stats().prsCreated).toBe(before.created);
    expect(await gh.findOpenPull('staging', 'production')).toBeNull();
  });

  it('turns an exhausted primary rate limit into rate-limited with the reset time, without waiting for it', async () => {
    const gh = github();
    await injectFault(sim().url, { target: 'github', kind: 'rate-limit', count: 1, retryAfterSeconds: 120 });
    const { error, ms } = await sourceErrorOf(() => gh.getHead('staging'));
    expect(error).toMatchObject({ source: 'github', kind: 'rate-limited', status: 403 });
    expect(error.retryAt).toBeGreaterThan(Date.now() + 100_000);
    expect(error.retryAt).toBeLessThan(Date.now() + 125_000);
    expect(ms).toBeLessThan(2_000);
    expect(error.message).not.toContain(TOKEN);
    expect(gh.quota()?.remaining).toBe(0);
  });

  it('turns a secondary rate limit into rate-limited with retry-after', async () => {
    const gh = github();
    await injectFault(sim().url, { target: 'github', kind: 'secondary-rate-limit', count: 1, retryAfterSeconds: 90 });
    const { error } = await sourceErrorOf(() => gh.listCommits('master', 5));
    expect(error.kind).toBe('rate-limited');
    expect(error.retryAt).toBeGreaterThan(Date.now() + 80_000);
    expect(error.retryAt).toBeLessThan(Date.now() + 95_000);
  });

  it('waits out a rate limit that resets within a few seconds and then succeeds', async () => {
    const gh = github({ maxRateLimitWaitMs: 3_000 });
    await injectFault(sim().url, { target: 'github', kind: 'secondary-rate-limit', count: 1, retryAfterSeconds: 1 });
    const head = await gh.getHead('production');
    expect(head.sha).toMatch(/^[0-9a-f]{40}$/);
    expect(gh.counters().requests).toBe(2);
  });

  it('times out within the configured timeout when GitHub never answers', async () => {
    const gh = github({ timeoutMs: 300 });
    await injectFault(sim().url, { target: 'github', kind: 'timeout', count: 1 });
    const { error, ms } = await sourceErrorOf(() => gh.getHead('staging'));
    expect(error).toMatchObject({ source: 'github', kind: 'timeout' });
    expect(error.message).toContain('300 ms');
    expect(ms).toBeGreaterThanOrEqual(250);
    expect(ms).toBeLessThan(1_500);
  });

  it('times out a slow answer too', async () => {
    const gh = github({ timeoutMs: 300 });
    const sha = (await github().getHead('master')).sha;
    await injectFault(sim().url, { target: 'github', kind: 'slow', delayMs: 1_500, count: 1 });
    const { error, ms } = await sourceErrorOf(() => gh.getCiSignals(sha));
    expect(error.kind).toBe('timeout');
    expect(ms).toBeLessThan(1_500);
  });

  it('says unreachable when nothing listens, and keeps the token out of the message', async () => {
    const gh = createGitHubService({ baseUrl: `${await closedPortUrl()}/github`, repo: 'acme/service', token: TOKEN, timeoutMs: 1_000 });
    const { error } = await sourceErrorOf(() => gh.getHead('staging'));
    expect(error).toMatchObject({ source: 'github', kind: 'unreachable' });
    expect(error.message).toContain('ECONNREFUSED');
    expect(error.message).not.toContain(TOKEN);
  });
});
