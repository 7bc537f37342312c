import { afterEach, describe, expect, it } from 'vitest';
import { createHttpProbe } from '../../src/services/http-probe.js';
import { clearFaults, injectFault, useSim } from '../helpers/sim.js';
import { closedPortUrl, factsOf } from './services-support.js';

const sim = useSim({ scenario: 'weekly', seed: 16 });
const probe = createHttpProbe({ timeoutMs: 500 });
const JSON_VERSION = { format: 'json', field: 'version' } as const;

afterEach(async () => {
  await clearFaults(sim().url);
});

async function setHealth(body: Record<string, unknown>): Promise<void> {
  const res = await fetch(`${sim().url}/_sim/health`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  expect(res.status).toBe(204);
}

describe('site and PPC probe', () => {
  it('reads the version a healthy site serves', async () => {
    const staging = sim().config.environments.find((e) => e.name === 'staging');
    const report = await probe.readVersion(staging?.site.url ?? '', JSON_VERSION);
    expect(report).toEqual({ version: factsOf(sim()).stagingGreen, healthy: true });
    expect(await probe.checkHealth(staging?.site.health_url ?? '')).toEqual({ healthy: true });
  });

  it('reads a PPC revision from its own field', async () => {
    const customer = sim().config.ppcs?.customers[0];
    const report = await probe.readVersion(customer?.url ?? '', { format: 'json', field: 'revision' });
    expect(report).toEqual({ version: factsOf(sim()).ppcRevision.production, healthy: true });
  });

  it('follows a dotted field path and says which field is missing', async () => {
    const url = `${sim().url}/_sim/clock`;
    const nested = await probe.readVersion(`${sim().url}/_sim/state`, { format: 'json', field: 'facts.masterHead' });
    expect(nested).toEqual({ version: factsOf(sim()).masterHead, healthy: true });
    const missing = await probe.readVersion(url, { format: 'json', field: 'build.version' });
    expect(missing).toEqual({ version: undefined, healthy: false, detail: 'no "build.version" in the answer' });
  });

  it('reads a plain-text version as the trimmed body', async () => {
    const report = await probe.readVersion(`${sim().url}/web/version`, { format: 'text', field: 'version' });
    expect(report.healthy).toBe(true);
    expect(report.version).toMatch(/^release-cockpit demo world/);
    expect(report.version?.endsWith('\n')).toBe(false);
  });

  it('reports a site that answers 503 as unhealthy, without throwing', async () => {
    await setHealth({ site: 'production', healthy: false });
    try {
      const production = sim().config.environments.find((e) => e.name === 'production');
      expect(await probe.readVersion(production?.site.url ?? '', JSON_VERSION)).toEqual({ version: undefined, healthy: false, detail: expect.stringContaining('HTTP 503') });
      expect(await probe.checkHealth(production?.site.health_url ?? '')).toEqual({ healthy: false, detail: expect.stringContaining('HTTP 503') });
    } finally {
      await setHealth({ site: 'production', healthy: true });
    }
  });

  it('reports an unreachable site as data, not an exception', async () => {
    const base = await closedPortUrl();
    const report = await probe.readVersion(`${base}/version`, JSON_VERSION);
    expect(report).toEqual({ version: undefined, healthy: false, detail: 'cannot connect (ECONNREFUSED)' });
    expect(await probe.checkHealth(`${base}/health`)).toEqual({ healthy: false, detail: 'cannot connect (ECONNREFUSED)' });
  });

  it('gives up on a site that never answers within its timeout', async () => {
    await injectFault(sim().url, { target: 'sites', kind: 'timeout', count: 1 });
    const staging = sim().config.environments.find((e) => e.name === 'staging');
    const started = performance.now();
    const report = await probe.readVersion(staging?.site.url ?? '', JSON_VERSION);
    expect(report).toEqual({ version: undefined, healthy: false, detail: 'no answer within 500 ms' });
    expect(performance.now() - started).toBeLessThan(1_500);
  });
});
