// Travis as the real service behaves, through the real client against the demo world with its rules on: builds
// created late, requests listed before Travis has read them, no log_parts endpoint, states the cockpit does not
// know, and a repository whose hourly request limit is not ten.
import { afterEach, describe, expect, it } from 'vitest';
import { travisStateToCi } from '../../src/domain/ci-verdict.js';
import { createTravisService, LOG_START, type TravisService } from '../../src/services/travis.js';
import { advanceSim, useSim } from '../helpers/sim.js';
import { sourceErrorOf } from './services-support.js';

const sim = useSim({ scenario: 'weekly', seed: 21 });
const travis = (): TravisService => createTravisService({ baseUrl: sim().config.ci.api_url, timeoutMs: 5_000 });
const SERVICE = 'acme/service';
const FLEET = 'acme/ppc-fleet';
const post = (path: string, body: unknown) => fetch(`${sim().url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
const rules = (set: Record<string, boolean>) => post('/_sim/rules', set);

afterEach(async () => {
  await rules({ buildsCreatedLate: false, requestsFilledInLater: false, noLogParts: false });
  await post('/_sim/travis', { requestLimit: 10 });
});

async function buildOf(t: TravisService, repo: string, requestId: number): Promise<number | undefined> {
  return (await t.getRequest(repo, requestId)).buildIds[0];
}

describe('the demo world as strict as Travis', () => {
  it('creates a build tens of seconds after the API request, and lists the request without its message or config until Travis has read it', async () => {
    await rules({ buildsCreatedLate: true, requestsFilledInLater: true });
    const t = travis();
    const marker = 'COCKPIT_BATCH=strict.1.x';
    const { requestId } = await t.triggerRequest(FLEET, { branch: 'master', message: 'release-cockpit: update acme', config: { env: { global: [marker], jobs: ['CUSTOMER=acme PPC_REVISION=abc'] } }, mergeMode: 'deep_merge_append' });
    const bare = (await t.listRequests(FLEET, 5)).find((r) => r.id === requestId);
    expect(bare).toMatchObject({ state: 'pending', message: null, configText: expect.not.stringContaining(marker), buildIds: [] });
    await advanceSim(sim(), 8_000);
    const read = (await t.listRequests(FLEET, 5)).find((r) => r.id === requestId);
    expect(read).toMatchObject({ message: 'release-cockpit: update acme', configText: expect.stringContaining(marker), buildIds: [] });
    await advanceSim(sim(), 15_000);
    expect(await buildOf(t, FLEET, requestId)).toBeUndefined();
    await advanceSim(sim(), 10_000);
    expect(await buildOf(t, FLEET, requestId)).toBeDefined();
  });

  it('reads logs from /job/{id}/log where there is no log_parts endpoint, and "no log yet" before the job has written any', async () => {
    await rules({ noLogParts: true });
    const t = travis();
    const { requestId } = await t.triggerRequest(SERVICE, { branch: 'master', message: 'rebuild', config: {}, mergeMode: 'deep_merge_append' });
    await advanceSim(sim(), 1_000);
    const build = await t.getBuild((await buildOf(t, SERVICE, requestId)) ?? -1);
    const job = build.jobs[0];
    if (!job) throw new Error('the build has no jobs');
    expect((await fetch(`${sim().config.ci.api_url}/job/${job.id}/log_parts`)).status).toBe(404);
    expect(await t.readLog(job.id, LOG_START)).toEqual({ text: '', nextAfter: LOG_START, isComplete: false, noLogYet: true });

    await advanceSim(sim(), 600_000);
    let chunk = await t.readLog(job.id, LOG_START);
    const full = await (await fetch(`${sim().config.ci.api_url}/job/${job.id}/log.txt`)).text();
    expect(chunk).toEqual({ text: full, nextAfter: full.length, isComplete: true });
    // Read on from where it stopped: nothing more.
    chunk = await t.readLog(job.id, chunk.nextAfter);
    expect(chunk).toEqual({ text: '', nextAfter: full.length, isComplete: true });
  });

  it('reads a build or job state it does not know as "unknown", without failing the page of builds, and judges it neither green nor red', async () => {
    const t = travis();
    const [latest] = await t.listBuilds({ repo: SERVICE, events: ['push'], limit: 1 });
    const job = latest?.jobs[0];
    if (!latest || !job) throw new Error('no push build');
    await post('/_sim/travis', { state: 'booting', build: latest.id });
    await post('/_sim/travis', { state: 'booting', job: job.id });
    try {
      const builds = await t.listBuilds({ repo: SERVICE, events: ['push'], limit: 5 });
      expect(builds.length).toBeGreaterThan(1);
      expect(builds[0]).toMatchObject({ id: latest.id, state: 'unknown' });
      expect(builds[0]?.jobs[0]).toMatchObject({ id: job.id, state: 'unknown' });
      expect(builds.slice(1).every((b) => b.state !== 'unknown')).toBe(true);
      expect(travisStateToCi('unknown')).toBe('pending');
    } finally {
      await post('/_sim/travis', { state: null, build: latest.id });
      await post('/_sim/travis', { state: null, job: job.id });
    }
  });

  it("answers remaining_requests counted before the request, and a 429 naming the repository's own hourly limit", async () => {
    await advanceSim(sim(), 3_600_000);
    await post('/_sim/travis', { requestLimit: 3 });
    const t = travis();
    const answers: (number | undefined)[] = [];
    for (let i = 0; i < 3; i++) answers.push((await t.triggerRequest(FLEET, { branch: 'master', message: `n${i}`, config: {}, mergeMode: 'deep_merge_append' })).remaining);
    expect(answers).toEqual([3, 2, 1]);
    const { error } = await sourceErrorOf(() => t.triggerRequest(FLEET, { branch: 'master', message: 'one too many', config: {}, mergeMode: 'deep_merge_append' }));
    expect(error).toMatchObject({ kind: 'rate-limited', status: 429, limit: 3 });
  });
});
