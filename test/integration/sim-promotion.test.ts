import { describe, expect, it } from 'vitest';
import type { AcmeFacts } from '../../src/sim/index.js';
import { advanceSim, useSim } from '../helpers/sim.js';

const sim = useSim({ seed: 3 });
const facts = (): AcmeFacts => sim().world.facts as unknown as AcmeFacts;
const gh = (path: string, init: RequestInit = {}) => fetch(`${sim().url}/github/repos/acme/service${path}`, init);
const send = (path: string, body: unknown, method = 'POST') => gh(path, { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
const json = async <T>(res: Response | Promise<Response>): Promise<T> => (await (await res).json()) as T;
const travis = <T>(path: string) => json<T>(fetch(`${sim().url}/travis${path}`, { headers: { 'travis-api-version': '3' } }));

type Pull = { number: number; mergeable: boolean | null; mergeable_state: string; head: { sha: string }; merged: boolean };
type Job = { id: number; state: string };
type Build = { id: number; state: string; event_type: string; pull_request_number: number | null; branch: { name: string }; commit: { sha: string }; jobs: Job[] };
type CheckRuns = { check_runs: { name: string; status: string; conclusion: string | null; external_id: string }[] };

describe('a promotion through the demo world', () => {
  it('runs the PR build to green, merges, runs the push build and deploys the merge to production', async () => {
    // The cockpit promotes the latest green candidate: a branch at that sha, then a PR into production.
    expect((await send('/git/refs', { ref: 'refs/heads/release-candidate', sha: facts().stagingGreen })).status).toBe(201);
    const opened = await send('/pulls', { title: 'Weekly release', head: 'acme:release-candidate', base: 'production' });
    expect(opened.status).toBe(201);
    const pull = await json<Pull>(opened);
    expect(pull.mergeable).toBeNull();
    expect(pull.head.sha).toBe(facts().stagingGreen);

    const prBuilds = async () => (await travis<{ builds: Build[] }>('/repo/acme%2Fservice/builds?branch.name=production&build.event_type=pull_request&include=build.jobs')).builds.filter((b) => b.pull_request_number === pull.number);
    expect(await prBuilds()).toEqual([]);

    // Step through time and watch the states the cockpit will see; never sleep.
    const buildStates: string[] = [];
    const checkStates: string[] = [];
    let logSizes: number[] = [];
    for (let i = 0; i < 40; i += 1) {
      await advanceSim(sim(), 500);
      const [build] = await prBuilds();
      if (!build) continue;
      if (buildStates.at(-1) !== build.state) buildStates.push(build.state);
      const runs = await json<CheckRuns>(gh(`/commits/${pull.head.sha}/check-runs?check_name=${encodeURIComponent('Travis CI - Pull Request')}`));
      const run = runs.check_runs[0];
      expect(run?.external_id).toBe(String(build.id));
      const runState = `${run?.status}${run?.conclusion ? `:${run.conclusion}` : ''}`;
      if (checkStates.at(-1) !== runState) checkStates.push(runState);
      const firstJob = build.jobs[0] as Job;
      logSizes.push((await (await fetch(`${sim().url}/travis/job/${firstJob.id}/log.txt`)).text()).length);
      if (build.state === 'passed') break;
    }
    expect(buildStates[0]).toMatch(/created|queued/);
    expect(buildStates).toContain('started');
    expect(buildStates.at(-1)).toBe('passed');
    expect(checkStates[0]).toBe('queued');
    expect(checkStates).toContain('in_progress');
    expect(checkStates.at(-1)).toBe('completed:success');
    logSizes = logSizes.filter((n, i) => i === 0 || n !== logSizes[i - 1]);
    expect(logSizes.length).toBeGreaterThan(2);
    expect([...logSizes].sort((a, b) => a - b)).toEqual(logSizes);

    const ready = await json<Pull>(gh(`/pulls/${pull.number}`));
    expect(ready).toMatchObject({ mergeable: true, mergeable_state: 'clean' });

    const stale = await send(`/pulls/${pull.number}/merge`, { sha: facts().stagingHead, merge_method: 'merge' }, 'PUT');
    expect(stale.status).toBe(409);
    expect((await gh(`/pulls/${pull.number}/merge`)).status).toBe(404);
    const merged = await send(`/pulls/${pull.number}/merge`, { sha: pull.head.sha, merge_method: 'merge' }, 'PUT');
    expect(merged.status).toBe(200);
    const { sha: mergeSha } = await json<{ sha: string; merged: boolean }>(merged);
    expect((await gh(`/pulls/${pull.number}/merge`)).status).toBe(204);
    expect((await json<{ object: { sha: string } }>(gh('/git/ref/heads%2Fproduction'))).object.sha).toBe(mergeSha);
    const compare = await json<{ ahead_by: number }>(gh(`/compare/${facts().stagingGreen}...production`));
    expect(compare.ahead_by).toBe(1);

    const site = async () => (await json<{ version: string }>(fetch(`${sim().url}/sites/production/version`))).version;
    expect(await site()).toBe(facts().productionHead);
    let pushState = '';
    for (let i = 0; i < 40 && (await site()) !== mergeSha; i += 1) {
      await advanceSim(sim(), 500);
      const [push] = (await travis<{ builds: Build[] }>('/repo/acme%2Fservice/builds?branch.name=production&build.event_type=push&limit=1')).builds;
      if (push?.commit.sha === mergeSha) pushState = push.state;
    }
    expect(pushState).toBe('passed');
    expect(await site()).toBe(mergeSha);
    expect(sim().stats()).toMatchObject({ prsCreated: 1, merges: 1, refsCreated: 1 });
  });

  it('refuses to merge while the required check is still running', async () => {
    const pull = await json<Pull>(send('/pulls', { title: 'Nightly', head: 'master', base: 'staging' }));
    await advanceSim(sim(), 1_000);
    const blocked = await json<Pull>(gh(`/pulls/${pull.number}`));
    expect(blocked).toMatchObject({ mergeable: true, mergeable_state: 'blocked' });
    const refused = await send(`/pulls/${pull.number}/merge`, { sha: pull.head.sha }, 'PUT');
    expect(refused.status).toBe(405);
    expect(await refused.json()).toMatchObject({ message: expect.stringContaining('Required status check') });
  });
});
