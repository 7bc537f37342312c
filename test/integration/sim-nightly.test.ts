import { describe, expect, it } from 'vitest';
import { advanceSim, useSim } from '../helpers/sim.js';

const sim = useSim({ scenario: 'nightly', seed: 2 });
const json = async <T>(path: string, init: RequestInit = {}): Promise<T> => (await (await fetch(`${sim().url}${path}`, init)).json()) as T;
type Build = { id: number; state: string; pull_request_number: number; jobs: { id: number; state: string }[] };

describe('the nightly scenario', () => {
  it("has last night's master -> staging pull request blocked by one failed job that passes on restart", async () => {
    const [pull] = await json<{ number: number; head: { ref: string; sha: string } }[]>('/github/repos/acme/service/pulls?base=staging');
    expect(pull?.head.ref).toBe('master');
    expect(await json(`/github/repos/acme/service/pulls/${pull?.number}`)).toMatchObject({ mergeable: true, mergeable_state: 'blocked' });
    const { builds } = await json<{ builds: Build[] }>('/travis/repo/acme%2Fservice/builds?branch.name=staging&build.event_type=pull_request&include=build.jobs');
    const build = builds.find((b) => b.pull_request_number === pull?.number) as Build;
    expect(build.state).toBe('failed');
    const failed = build.jobs.filter((j) => j.state === 'failed');
    expect(failed).toHaveLength(1);

    expect((await fetch(`${sim().url}/travis/job/${failed[0]?.id}/restart`, { method: 'POST' })).status).toBe(202);
    await advanceSim(sim(), 12_000);
    expect((await json<Build>(`/travis/build/${build.id}`)).state).toBe('passed');
    expect(await json(`/github/repos/acme/service/pulls/${pull?.number}`)).toMatchObject({ mergeable_state: 'clean' });
  });
});
