import { describe, expect, it } from 'vitest';
import type { AcmeFacts } from '../../src/sim/index.js';
import { startSim } from '../../src/sim/index.js';
import { UsageError } from '../../src/exit-codes.js';
import { useSim } from '../helpers/sim.js';

const sim = useSim({ seed: 11 });
const facts = (): AcmeFacts => sim().world.facts as unknown as AcmeFacts;
const get = async <T>(path: string, headers: Record<string, string> = {}): Promise<T> => {
  const res = await fetch(`${sim().url}${path}`, { headers });
  expect(res.status, path).toBe(200);
  return (await res.json()) as T;
};
const gh = <T>(path: string) => get<T>(`/github/repos/acme/service${path}`);
type CheckRuns = { total_count: number; check_runs: { name: string; status: string; conclusion: string | null; external_id: string }[] };
const raw = async (path: string, ref: string) => (await fetch(`${sim().url}/github/repos/acme/service/contents/${path}?ref=${ref}`, { headers: { accept: 'application/vnd.github.v3.raw' } })).text();

describe('the weekly scenario', () => {
  it("has staging's head red on Travis and the commit before it green", async () => {
    const head = await gh<{ object: { sha: string } }>('/git/ref/heads%2Fstaging');
    expect(head.object.sha).toBe(facts().stagingHead);
    const [latest, previous] = await gh<{ sha: string; parents: { sha: string }[] }[]>('/commits?sha=staging&per_page=2');
    expect(latest?.parents[0]?.sha).toBe(previous?.sha);
    expect(previous?.sha).toBe(facts().stagingGreen);

    const red = await gh<CheckRuns>(`/commits/${facts().stagingHead}/check-runs`);
    expect(red.check_runs).toEqual([expect.objectContaining({ name: 'Travis CI - Branch', status: 'completed', conclusion: 'failure' })]);
    const green = await gh<CheckRuns>(`/commits/${facts().stagingGreen}/check-runs`);
    expect(green.check_runs).toEqual([expect.objectContaining({ name: 'Travis CI - Branch', status: 'completed', conclusion: 'success' })]);

    const build = await get<{ state: string; event_type: string; branch: { name: string }; commit: { sha: string } }>(`/travis/build/${red.check_runs[0]?.external_id}`);
    expect(build).toMatchObject({ state: 'failed', event_type: 'push', commit: { sha: facts().stagingHead } });
  });

  it('reports older commits through the legacy combined status instead of check runs', async () => {
    const sha = facts().legacyStatusShas[0] as string;
    const combined = await gh<{ state: string; total_count: number; statuses: { context: string }[] }>(`/commits/${sha}/status`);
    expect(combined).toMatchObject({ state: 'success', total_count: 1, statuses: [{ context: 'continuous-integration/travis-ci/push' }] });
    expect((await gh<CheckRuns>(`/commits/${sha}/check-runs`)).total_count).toBe(0);
    const newer = await gh<{ state: string; total_count: number }>(`/commits/${facts().stagingGreen}/status`);
    expect(newer).toMatchObject({ state: 'pending', total_count: 0 });
  });

  it('has master ahead of staging and production several commits behind staging', async () => {
    const staging = await gh<{ status: string; ahead_by: number; behind_by: number }>('/compare/production...staging');
    expect(staging.status).toBe('ahead');
    expect(staging.behind_by).toBe(0);
    expect(staging.ahead_by).toBeGreaterThanOrEqual(6);
    expect(staging.ahead_by).toBeLessThanOrEqual(14);
    const master = await gh<{ status: string; ahead_by: number }>('/compare/staging...master');
    expect(master.status).toBe('ahead');
    expect(master.ahead_by).toBe(facts().masterAheadOfStaging);
  });

  it('pins a different PPC revision and SDK version on production than on the green staging candidate', async () => {
    const ppc = (text: string) => /name = "github\.com\/acme\/ppc"[\s\S]*?revision = "([0-9a-f]{40})"/.exec(text)?.[1];
    const sdk = (text: string) => /SDK_VERSION=(\S+)/.exec(text)?.[1];
    expect(ppc(await raw('Gopkg.lock', 'production'))).toBe(facts().ppcRevision.production);
    expect(ppc(await raw('Gopkg.lock', facts().stagingGreen))).toBe(facts().ppcRevision.staging);
    expect(facts().ppcRevision.production).not.toBe(facts().ppcRevision.staging);
    expect(sdk(await raw('.travis.yml', 'production'))).toBe('0.11.2');
    expect(sdk(await raw('.travis.yml', facts().stagingGreen))).toBe('0.11.3');
  });

  it('has each site serve what its branch deployed: staging serves the green commit, not the red head', async () => {
    expect(await get('/sites/staging/version')).toEqual({ version: facts().stagingGreen, environment: 'staging' });
    expect(await get('/sites/production/version')).toEqual({ version: facts().productionHead, environment: 'production' });
    expect(await get('/sites/testing/version')).toEqual({ version: facts().masterHead, environment: 'testing' });
    expect(await get('/sites/production/health')).toEqual({ status: 'ok' });
  });

  it("runs a dozen customer PPCs, all on production's PPC revision", async () => {
    expect(facts().customers.length).toBe(12);
    for (const id of facts().customers) expect(await get(`/ppcs/${id}/version`)).toEqual({ revision: facts().ppcRevision.production, customer: id });
    expect(sim().config.ppcs?.customers.map((c) => c.id)).toEqual(facts().customers);
  });

  it('hands out a config whose URLs all point at the sim', () => {
    const text = JSON.stringify(sim().config);
    const urls = text.match(/https?:\/\/[^"]+/g) ?? [];
    expect(urls.length).toBeGreaterThan(10);
    for (const u of urls) expect(u.startsWith(sim().url)).toBe(true);
  });

  it('builds the same world for the same seed and a different one for another seed', async () => {
    const again = await startSim({ seed: 11 });
    const other = await startSim({ seed: 12 });
    try {
      expect(again.world.facts).toEqual(sim().world.facts);
      expect(other.world.facts['stagingHead']).not.toBe(facts().stagingHead);
    } finally {
      await Promise.all([again.close(), other.close()]);
    }
  });

  it('refuses an unknown scenario with a UsageError naming the known ones', async () => {
    await expect(startSim({ scenario: 'monthly' })).rejects.toThrow(UsageError);
    await expect(startSim({ scenario: 'monthly' })).rejects.toThrow(/weekly, nightly/);
  });
});
