import { afterEach, describe, expect, it } from 'vitest';
import { createTravisService } from '../../src/services/travis.js';
import { clearFaults, injectFault, useSim } from '../helpers/sim.js';
import { closedPortUrl, hits, sourceErrorOf } from './services-support.js';

const sim = useSim({ scenario: 'weekly', seed: 15 });
const TOKEN = 'travis-secret-0123456789';
const travis = (timeoutMs = 5_000) => createTravisService({ baseUrl: sim().config.ci.api_url, token: TOKEN, timeoutMs });
const SERVICE = 'acme/service';

afterEach(async () => {
  await clearFaults(sim().url);
});

describe('Travis failures become SourceErrors', () => {
  it('retries a read after a 5xx', async () => {
    await injectFault(sim().url, { target: 'travis', kind: '5xx', count: 1 });
    const builds = await travis().listBuilds({ repo: SERVICE, limit: 3 });
    expect(builds).toHaveLength(3);
    expect(hits(sim(), 'GET /travis/repo/:slug/builds')).toBeGreaterThanOrEqual(2);
  });

  it('never retries a trigger on a 5xx: one attempt, no request accepted', async () => {
    const route = 'POST /travis/repo/:slug/requests';
    const before = { attempts: hits(sim(), route), accepted: sim().stats().travisRequests };
    await injectFault(sim().url, { target: 'travis', kind: '5xx', method: 'POST', count: 3 });
    const { error } = await sourceErrorOf(() => travis().triggerRequest(SERVICE, { branch: 'master', message: 'x', config: {}, mergeMode: 'deep_merge_append' }));
    expect(error).toMatchObject({ source: 'travis', kind: 'http', status: 503 });
    expect(error.message).toContain('server_error');
    expect(hits(sim(), route)).toBe(before.attempts + 1);
    expect(sim().stats().travisRequests).toBe(before.accepted);
  });

  it('turns a throttled (429) answer into rate-limited', async () => {
    await injectFault(sim().url, { target: 'travis', kind: 'rate-limit', count: 1 });
    const { error } = await sourceErrorOf(() => travis().getBuild(1));
    expect(error).toMatchObject({ kind: 'rate-limited', status: 429 });
  });

  it('times out within the configured timeout and does not retry the timeout', async () => {
    await injectFault(sim().url, { target: 'travis', kind: 'timeout', count: 1 });
    const { error, ms } = await sourceErrorOf(() => travis(300).listBuilds({ repo: SERVICE, limit: 1 }));
    expect(error).toMatchObject({ source: 'travis', kind: 'timeout' });
    expect(error.message).toContain('300 ms');
    expect(ms).toBeLessThan(1_500);
  });

  it('says unreachable when nothing listens, without the token', async () => {
    const t = createTravisService({ baseUrl: `${await closedPortUrl()}/travis`, token: TOKEN, timeoutMs: 1_000 });
    const { error } = await sourceErrorOf(() => t.getBuild(5));
    expect(error).toMatchObject({ source: 'travis', kind: 'unreachable' });
    expect(error.message).toContain('ECONNREFUSED');
    expect(error.message).not.toContain(TOKEN);
    expect(error.cause).toBeUndefined();
  });
});
