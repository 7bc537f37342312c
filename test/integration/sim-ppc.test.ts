import { describe, expect, it } from 'vitest';
import type { AcmeFacts } from '../../src/sim/index.js';
import { advanceSim, useSim } from '../helpers/sim.js';

const sim = useSim({ seed: 5 });
const facts = (): AcmeFacts => sim().world.facts as unknown as AcmeFacts;
const TARGET = 'c0ffee0000000000000000000000000000c0ffee';
const travis = (path: string, init: RequestInit = {}) => fetch(`${sim().url}/travis${path}`, { ...init, headers: { 'travis-api-version': '3', 'content-type': 'application/json', ...init.headers } });
const json = async <T>(res: Response | Promise<Response>): Promise<T> => (await (await res).json()) as T;
const trigger = (customers: readonly string[], revision = TARGET) =>
  travis('/repo/acme%2Fppc-fleet/requests', {
    method: 'POST',
    body: JSON.stringify({ request: { branch: 'master', message: `cockpit: PPC ${revision.slice(0, 7)} for ${customers.join(', ')}`, merge_mode: 'deep_merge_append', config: { env: { jobs: customers.map((c) => `CUSTOMER=${c} PPC_REVISION=${revision}`) } } } }),
  });
const revision = async (id: string) => (await json<{ revision: string }>(fetch(`${sim().url}/ppcs/${id}/version`))).revision;

type Job = { id: number; state: string; config?: { env: string[] } };
type Request = { id: number; state: string; builds: { id: number }[] };
type Build = { id: number; state: string; event_type: string; jobs: Job[] };

describe('customer PPC updates through Travis API requests', () => {
  it('moves each customer when its job passes; the scripted customer fails first and succeeds on restart', async () => {
    const failing = facts().failingCustomer;
    const batch = [facts().canary, failing, ...facts().customers.filter((c) => c !== failing && c !== facts().canary).slice(0, 2)];
    const res = await trigger(batch);
    expect(res.status).toBe(202);
    const pending = await json<{ '@type': string; remaining_requests: number; request: { id: number } }>(res);
    expect(pending['@type']).toBe('pending');
    // Counted before the request was created, as travis-api does: the first of the hour answers 10.
    expect(pending.remaining_requests).toBe(10);

    const request = () => json<Request>(travis(`/repo/acme%2Fppc-fleet/request/${pending.request.id}`));
    expect((await request()).builds).toEqual([]);
    await advanceSim(sim(), 1_000);
    const [created] = (await request()).builds;
    expect(created).toBeDefined();

    await advanceSim(sim(), 15_000);
    const build = await json<Build>(travis(`/build/${created?.id}?include=build.jobs,job.config`));
    expect(build).toMatchObject({ event_type: 'api', state: 'failed' });
    expect(build.jobs.map((j) => j.config?.env[0])).toEqual(batch.map((c) => `CUSTOMER=${c} PPC_REVISION=${TARGET}`));
    const failed = build.jobs.filter((j) => j.state === 'failed');
    expect(failed.map((j) => j.config?.env[0])).toEqual([`CUSTOMER=${failing} PPC_REVISION=${TARGET}`]);
    for (const c of batch) expect(await revision(c)).toBe(c === failing ? facts().ppcRevision.production : TARGET);
    expect(await revision(facts().customers.find((c) => !batch.includes(c)) as string)).toBe(facts().ppcRevision.production);

    const log = await (await travis(`/job/${failed[0]?.id}/log.txt`)).text();
    expect(log).toContain('health check failed');
    expect(log).toContain('Done. Your build exited with 1.');

    expect((await travis(`/job/${failed[0]?.id}/restart`, { method: 'POST' })).status).toBe(202);
    expect((await travis(`/job/${failed[0]?.id}/restart`, { method: 'POST' })).status).toBe(409);
    await advanceSim(sim(), 10_000);
    expect(await revision(failing)).toBe(TARGET);
    expect((await json<Build>(travis(`/build/${created?.id}`))).state).toBe('passed');
    expect(sim().stats().ppcTriggers[failing]).toBe(1);
  });

  it('tails a log in parts, then answers with the "log aggregated" placeholder', async () => {
    const pending = await json<{ request: { id: number } }>(trigger(['globex']));
    await advanceSim(sim(), 1_000);
    const { builds } = await json<Request>(travis(`/repo/acme%2Fppc-fleet/request/${pending.request.id}`));
    const job = (await json<Build>(travis(`/build/${builds[0]?.id}?include=build.jobs`))).jobs[0] as Job;
    let after = -1;
    let text = '';
    let final = false;
    for (let i = 0; i < 60 && !final; i += 1) {
      await advanceSim(sim(), 250);
      const { log_parts: parts } = await json<{ log_parts: { number: number; content: string; final: boolean }[] }>(travis(`/job/${job.id}/log_parts?after=${after}`));
      for (const p of parts) {
        expect(p.number).toBe(after + 1);
        after = p.number;
        text += p.content;
        final ||= p.final;
      }
    }
    expect(final).toBe(true);
    expect(text).toBe(await (await travis(`/job/${job.id}/log.txt`)).text());
    expect(text).toContain('travis_fold:start:worker_info');
    expect(text).toContain('\u001b[');
    await advanceSim(sim(), 11_000);
    expect(await json(travis(`/job/${job.id}/log_parts?after=${after}`))).toEqual({ '@type': 'log_parts', log_parts: [{ number: 0, content: 'log aggregated', final: true }] });
  });

  it('allows 10 requests per repo per rolling hour of sim time, then answers 429', async () => {
    const remaining: number[] = [];
    const before = sim().stats().travisRequests;
    let res: Response | undefined;
    for (let i = 0; i < 20; i += 1) {
      res = await trigger(['hooli']);
      if (res.status !== 202) break;
      remaining.push((await json<{ remaining_requests: number }>(res)).remaining_requests);
    }
    // Each answer counts the requests before it (travis-api services/requests/create.rb): down to 1.
    expect(remaining).toEqual(Array.from({ length: 10 - before }, (_, i) => 10 - before - i));
    expect(remaining.at(-1)).toBe(1);
    expect(res?.status).toBe(429);
    expect(await json(res as Response)).toMatchObject({ '@type': 'error', error_type: 'request_limit_reached', max_requests: 10, per_seconds: 3600 });
    expect(sim().stats().travisRequests).toBe(10);
    await advanceSim(sim(), 3_600_000);
    expect((await trigger(['hooli'])).status).toBe(202);
  });

  it('cancels a running build once and refuses to cancel it again', async () => {
    const pending = await json<{ request: { id: number } }>(trigger(['wayne']));
    await advanceSim(sim(), 3_000);
    const { builds } = await json<Request>(travis(`/repo/acme%2Fppc-fleet/request/${pending.request.id}`));
    expect((await travis(`/build/${builds[0]?.id}/cancel`, { method: 'POST' })).status).toBe(202);
    expect((await json<Build>(travis(`/build/${builds[0]?.id}`))).state).toBe('canceled');
    const again = await travis(`/build/${builds[0]?.id}/cancel`, { method: 'POST' });
    expect(again.status).toBe(409);
    expect(await again.json()).toMatchObject({ error_type: 'build_not_cancelable' });
  });
});
