import { describe, expect, it } from 'vitest';
import type { Build } from '../../src/domain/ci.js';
import { createTravisService, LOG_START, type TravisService } from '../../src/services/travis.js';
import { advanceSim, useSim } from '../helpers/sim.js';
import { sourceErrorOf } from './services-support.js';

const sim = useSim({ scenario: 'weekly', seed: 14 });
const travis = () => createTravisService({ baseUrl: sim().config.ci.api_url, token: 'travis-test-token', timeoutMs: 5_000, webUrl: sim().config.ci.web_url });
const SERVICE = 'acme/service';

/** Triggers an API build on master and returns it once Travis has created it. */
async function triggeredBuild(t: TravisService): Promise<Build> {
  const { requestId, remaining } = await t.triggerRequest(SERVICE, { branch: 'master', message: 'cockpit: rebuild master', config: {}, mergeMode: 'deep_merge_append' });
  expect(remaining).toBeGreaterThanOrEqual(0);
  for (let i = 0; i < 10; i += 1) {
    const request = await t.getRequest(SERVICE, requestId);
    const id = request.buildIds[0];
    if (id !== undefined) return t.getBuild(id);
    await advanceSim(sim(), 500);
  }
  throw new Error(`request ${requestId} never produced a build`);
}

async function logTxt(jobId: number): Promise<string> {
  return (await fetch(`${sim().config.ci.api_url}/job/${jobId}/log.txt`, { headers: { 'travis-api-version': '3' } })).text();
}

describe('Travis builds and jobs', () => {
  it('lists push builds of several branches newest first, with named jobs and a web link', async () => {
    const builds = await travis().listBuilds({ repo: SERVICE, branches: ['staging', 'production'], events: ['push'], limit: 5 });
    expect(builds.length).toBeGreaterThan(1);
    expect(builds.length).toBeLessThanOrEqual(5);
    for (const b of builds) {
      expect(['staging', 'production']).toContain(b.branch);
      expect(b.event).toBe('push');
      expect(b.sha).toMatch(/^[0-9a-f]{40}$/);
      expect(b.jobs.length).toBeGreaterThan(0);
      expect(b.url).toBe(`${sim().config.ci.web_url}/github/${SERVICE}/builds/${b.id}`);
    }
    expect(builds.map((b) => b.id)).toEqual([...builds.map((b) => b.id)].sort((a, b) => b - a));
    const names = builds.flatMap((b) => b.jobs.map((j) => j.name));
    expect(names).toContain('lint');
    expect(names).toContain('unit tests');
  });

  it('reads one build with the same jobs the list showed', async () => {
    const t = travis();
    const [listed] = await t.listBuilds({ repo: SERVICE, branches: ['master'], limit: 1 });
    expect(listed).toBeDefined();
    const build = await t.getBuild(listed?.id ?? 0);
    expect(build).toMatchObject({ id: listed?.id, number: listed?.number, state: listed?.state, branch: 'master', sha: listed?.sha });
    expect(build.jobs.map((j) => [j.id, j.name])).toEqual(listed?.jobs.map((j) => [j.id, j.name]));
  });

  it('says not-found for a build that does not exist', async () => {
    const { error } = await sourceErrorOf(() => travis().getBuild(1));
    expect(error).toMatchObject({ source: 'travis', kind: 'not-found', status: 404 });
    expect(error.message).toContain('build 1');
  });
});

describe('Travis logs', () => {
  it('reads a running log incrementally, then finishes it from log.txt once aggregated', async () => {
    const t = travis();
    const job = (await triggeredBuild(t)).jobs[0];
    if (!job) throw new Error('the build has no jobs');

    let first = await t.readLog(job.id, LOG_START);
    for (let i = 0; i < 40 && first.text === ''; i += 1) {
      await advanceSim(sim(), 250);
      first = await t.readLog(job.id, LOG_START);
    }
    expect(first.text).not.toBe('');
    expect(first.isComplete).toBe(false);
    expect(first.nextAfter).toBeGreaterThanOrEqual(0);

    // Nothing new yet: an empty chunk at the same place.
    const idle = await t.readLog(job.id, first.nextAfter);
    expect(idle).toEqual({ text: '', nextAfter: first.nextAfter, isComplete: false });

    let second = idle;
    for (let i = 0; i < 40 && second.text === ''; i += 1) {
      await advanceSim(sim(), 250);
      second = await t.readLog(job.id, first.nextAfter);
    }
    expect(second.nextAfter).toBeGreaterThan(first.nextAfter);
    expect((await logTxt(job.id)).startsWith(first.text + second.text)).toBe(true);
    expect(first.text).not.toContain(second.text);

    // Long after the job: Travis answers log_parts with the "log aggregated" placeholder.
    await advanceSim(sim(), 120_000);
    const parts = (await (await fetch(`${sim().config.ci.api_url}/job/${job.id}/log_parts?after=${second.nextAfter}`)).json()) as { log_parts: unknown[] };
    expect(parts.log_parts).toEqual([{ number: 0, content: 'log aggregated', final: true }]);
    const rest = await t.readLog(job.id, second.nextAfter);
    expect(rest.isComplete).toBe(true);
    const full = await logTxt(job.id);
    expect(first.text + second.text + rest.text).toBe(full);
    expect(full).toMatch(/Done\. Your build exited with \d/);

    // A reader that starts after aggregation gets the whole log at once.
    const fresh = await travis().readLog(job.id, LOG_START);
    expect(fresh).toMatchObject({ text: full, isComplete: true });
  });
});

describe('Travis actions', () => {
  it('restarting a running build is a conflict naming build_already_running; cancelling it works once', async () => {
    const t = travis();
    const build = await triggeredBuild(t);
    const restart = await sourceErrorOf(() => t.restartBuild(build.id));
    expect(restart.error).toMatchObject({ source: 'travis', kind: 'conflict', status: 409 });
    expect(restart.error.message).toContain('build_already_running');

    await t.cancelBuild(build.id);
    await advanceSim(sim(), 100);
    expect((await t.getBuild(build.id)).state).toBe('canceled');
    const again = await sourceErrorOf(() => t.cancelBuild(build.id));
    expect(again.error).toMatchObject({ kind: 'conflict', status: 409 });
    expect(again.error.message).toContain('build_not_cancelable');

    await t.restartBuild(build.id);
    expect(['created', 'queued', 'received', 'started']).toContain((await t.getBuild(build.id)).state);
  });

  it('lists the requests it triggered', async () => {
    const t = travis();
    const { requestId } = await t.triggerRequest(SERVICE, { branch: 'master', message: 'cockpit: list me', config: {}, mergeMode: 'deep_merge_append' });
    const requests = await t.listRequests(SERVICE, 5);
    expect(requests[0]?.id).toBe(requestId);
  });

  it('answers the eleventh trigger within the hour with rate-limited', async () => {
    const t = travis();
    const fleet = 'acme/ppc-fleet';
    const config = { env: { jobs: ['CUSTOMER=nobody PPC_REVISION=abc'] } };
    const accepted = sim().stats().travisRequests;
    let remaining: number | undefined = 10;
    let triggered = 0;
    // remaining_requests counts before the request is created: the tenth of the hour answers 1.
    while (remaining !== undefined && remaining > 1 && triggered < 11) {
      remaining = (await t.triggerRequest(fleet, { branch: 'master', message: `batch ${triggered}`, config, mergeMode: 'replace' })).remaining;
      triggered += 1;
    }
    expect(remaining).toBe(1);
    const { error } = await sourceErrorOf(() => t.triggerRequest(fleet, { branch: 'master', message: 'one too many', config, mergeMode: 'replace' }));
    expect(error).toMatchObject({ source: 'travis', kind: 'rate-limited', status: 429, limit: 10 });
    expect(error.message).toContain('request_limit_reached');
    expect(sim().stats().travisRequests).toBe(accepted + triggered);
  });
});
