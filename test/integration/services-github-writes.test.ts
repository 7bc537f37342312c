import { describe, expect, it } from 'vitest';
import { createGitHubService } from '../../src/services/github.js';
import { advanceSim, useSim } from '../helpers/sim.js';
import { factsOf, sourceErrorOf } from './services-support.js';

const sim = useSim({ scenario: 'weekly', seed: 13 });
const github = () => createGitHubService({ baseUrl: sim().config.github.api_url, repo: sim().config.service.repo, token: 'sim-dana-w', timeoutMs: 5_000 });

async function review(number: number, user: string, state: string): Promise<void> {
  const res = await fetch(`${sim().url}/_sim/pulls/${number}/reviews`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ user, state }) });
  expect(res.status).toBe(201);
}

describe('GitHub writes against the demo world', () => {
  it('creates a branch once; again at the same sha is fine, at another sha is a conflict', async () => {
    const gh = github();
    const facts = factsOf(sim());
    const refs = sim().stats().refsCreated;
    expect(await gh.createBranch('release/2024-w18', facts.stagingGreen)).toBe('created');
    expect(await gh.createBranch('release/2024-w18', facts.stagingGreen)).toBe('exists');
    expect(sim().stats().refsCreated).toBe(refs + 1);
    expect((await gh.getHead('release/2024-w18')).sha).toBe(facts.stagingGreen);

    const { error } = await sourceErrorOf(() => gh.createBranch('release/2024-w18', facts.productionHead));
    expect(error).toMatchObject({ source: 'github', kind: 'conflict' });
    expect(error.message).toContain(facts.stagingGreen.slice(0, 7));
  });

  it('opens a pull request, finds it by branch name, and refuses a duplicate as a conflict', async () => {
    const gh = github();
    const facts = factsOf(sim());
    await gh.createBranch('promote-a', facts.stagingGreen);
    expect(await gh.findOpenPull('promote-a', 'production')).toBeNull();

    const pr = await gh.createPull({ head: 'promote-a', base: 'production', title: 'Promote staging to production', body: 'Weekly release' });
    expect(pr).toMatchObject({ title: 'Promote staging to production', state: 'open', merged: false, headRef: 'promote-a', headSha: facts.stagingGreen, baseRef: 'production' });

    expect((await gh.findOpenPull('promote-a', 'production'))?.number).toBe(pr.number);
    expect((await gh.findOpenPull('acme:promote-a', 'production'))?.number).toBe(pr.number);
    expect((await gh.listPulls({ base: 'production' })).map((p) => p.number)).toContain(pr.number);
    expect(await gh.isMerged(pr.number)).toBe(false);

    const created = sim().stats().prsCreated;
    const { error } = await sourceErrorOf(() => gh.createPull({ head: 'promote-a', base: 'production', title: 'again', body: '' }));
    expect(error).toMatchObject({ kind: 'conflict', status: 422 });
    expect(error.message).toMatch(/already exists/i);
    expect(sim().stats().prsCreated).toBe(created);
  });

  it('refuses a merge with a stale sha as a conflict, then merges with the checked head', async () => {
    const gh = github();
    const facts = factsOf(sim());
    await gh.createBranch('promote-b', facts.stagingGreen);
    const pr = await gh.createPull({ head: 'promote-b', base: 'production', title: 'Promote b', body: '' });
    // Let GitHub compute mergeability and the pull request's Travis build finish.
    await advanceSim(sim(), 120_000);
    const ready = await gh.getPull(pr.number);
    expect(ready.mergeable).toBe(true);
    expect(ready.mergeableState).toBe('clean');

    const merges = sim().stats().merges;
    // Fresh clients skip the throttle's 3 s spacing between notifying writes; the behaviour under test is the same.
    const stale = await sourceErrorOf(() => github().mergePull(pr.number, { sha: facts.productionHead }));
    expect(stale.error).toMatchObject({ source: 'github', kind: 'conflict', status: 409 });
    expect(stale.error.message).toMatch(/head moved/);
    expect(sim().stats().merges).toBe(merges);

    const merged = await github().mergePull(pr.number, { sha: ready.headSha });
    expect(merged.sha).toMatch(/^[0-9a-f]{40}$/);
    expect(await gh.isMerged(pr.number)).toBe(true);
    expect(await gh.getPull(pr.number)).toMatchObject({ merged: true, state: 'closed', mergeCommitSha: merged.sha });
    expect((await gh.getHead('production')).sha).toBe(merged.sha);

    const again = await sourceErrorOf(() => github().mergePull(pr.number, { sha: ready.headSha }));
    expect(again.error).toMatchObject({ kind: 'conflict', status: 405 });
  });

  it('comments on a pull request and reads comments and reviews back', async () => {
    const gh = github();
    await gh.createBranch('promote-c', factsOf(sim()).masterHead);
    const pr = await gh.createPull({ head: 'promote-c', base: 'staging', title: 'Promote c', body: '' });
    const comment = await gh.addComment(pr.number, 'Release checklist: all green.');
    expect(comment).toMatchObject({ body: 'Release checklist: all green.', user: 'dana-w' });
    expect((await gh.listComments(pr.number)).map((c) => c.body)).toEqual(['Release checklist: all green.']);

    expect(await gh.listReviews(pr.number)).toEqual([]);
    await review(pr.number, 'maria-s', 'APPROVED');
    const reviews = await gh.listReviews(pr.number);
    expect(reviews).toHaveLength(1);
    expect(reviews[0]).toMatchObject({ user: 'maria-s', state: 'APPROVED' });
  });
});
