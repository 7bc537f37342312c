import { describe, expect, it } from 'vitest';
import { CANDIDATE_LIMIT } from '../../src/pollers/candidates-poller.js';
import { readCandidates } from '../../src/pollers/read-candidates.js';
import { createServices } from '../../src/services/index.js';
import type { AcmeFacts } from '../../src/sim/index.js';
import { advanceSim, useSim } from '../helpers/sim.js';

const sim = useSim({ seed: 7 });
const facts = (): AcmeFacts => sim().world.facts as unknown as AcmeFacts;
const send = (path: string, body: unknown, method = 'POST') =>
  fetch(`${sim().url}/github/repos/acme/service${path}`, { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

/** Promotes `sha` the way the cockpit does: a release branch at it, a PR into production, merged (a merge commit). */
async function promote(sha: string): Promise<void> {
  expect((await send('/git/refs', { ref: 'refs/heads/release/test', sha })).status).toBe(201);
  const { number } = (await (await send('/pulls', { title: 'Weekly release', head: 'release/test', base: 'production' })).json()) as { number: number };
  for (let i = 0; i < 60; i += 1) {
    const pull = (await (await fetch(`${sim().url}/github/repos/acme/service/pulls/${number}`)).json()) as { mergeable_state: string };
    if (pull.mergeable_state === 'clean') break;
    await advanceSim(sim(), 500);
  }
  expect((await send(`/pulls/${number}/merge`, {}, 'PUT')).status).toBe(200);
}

describe('the candidate list against the demo world', () => {
  it('offers only commits production lacks, so production head is never a candidate', async () => {
    const services = createServices(sim().config, {});
    const { data: rows } = await readCandidates(services, sim().config, CANDIDATE_LIMIT);
    expect(facts().stagingAheadOfProduction).toBeLessThan(CANDIDATE_LIMIT);
    expect(rows).toHaveLength(facts().stagingAheadOfProduction);
    expect(rows.map((r) => r.commit.sha)).not.toContain(facts().productionHead);
    expect(rows[0]).toMatchObject({ isHead: true, ci: 'failure', commit: { sha: facts().stagingHead } });
    expect(rows.find((r) => r.isLatestGreen)?.commit.sha).toBe(facts().stagingGreen);

    // status reads only down to the latest green.
    const { data: glance } = await readCandidates(services, sim().config, 30, { untilLatestGreen: true });
    expect(glance.map((r) => r.commit.sha)).toEqual([facts().stagingHead, facts().stagingGreen]);
  });

  it('after the green commit was promoted (a merge commit staging never sees), offers only the newer red head', async () => {
    await promote(facts().stagingGreen);
    const services = createServices(sim().config, {});
    const { data: rows } = await readCandidates(services, sim().config, CANDIDATE_LIMIT);
    expect(rows.map((r) => r.commit.sha)).toEqual([facts().stagingHead]);
    expect(rows.some((r) => r.isLatestGreen)).toBe(false);
    const { data: glance } = await readCandidates(services, sim().config, 30, { untilLatestGreen: true });
    expect(glance.map((r) => r.commit.sha)).toEqual([facts().stagingHead]);
  });
});
