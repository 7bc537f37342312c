import { describe, expect, it } from 'vitest';
import { createGitHubService } from '../../src/services/github.js';
import { useSim } from '../helpers/sim.js';
import { factsOf, hits, sourceErrorOf } from './services-support.js';

const sim = useSim({ scenario: 'weekly', seed: 11 });
const github = (pageSize?: number) =>
  createGitHubService({ baseUrl: sim().config.github.api_url, repo: sim().config.service.repo, token: 'sim-dana-w', timeoutMs: 5_000, ...(pageSize ? { pageSize } : {}) });

describe('GitHub reads against the demo world', () => {
  it('reads a branch head with its message, author and date in one request', async () => {
    const gh = github();
    const head = await gh.getHead('staging');
    expect(head.sha).toBe(factsOf(sim()).stagingHead);
    expect(head.message.length).toBeGreaterThan(0);
    expect(head.author).not.toBe('unknown');
    expect(Number.isNaN(Date.parse(head.date))).toBe(false);
    expect(gh.counters()).toEqual({ requests: 1, notModified: 0 });
  });

  it('asks again with the ETag and gets a 304 that costs no rate limit', async () => {
    const gh = github();
    const first = await gh.getHead('production');
    const quotaBefore = gh.quota();
    const simNotModified = sim().stats().notModified;
    const routeHits = hits(sim(), 'GET /github/repos/:owner/:repo/branches/*');

    const second = await gh.getHead('production');

    expect(second).toEqual(first);
    expect(gh.counters()).toEqual({ requests: 2, notModified: 1 });
    expect(sim().stats().notModified).toBe(simNotModified + 1);
    expect(hits(sim(), 'GET /github/repos/:owner/:repo/branches/*')).toBe(routeHits + 1);
    expect(quotaBefore).toBeDefined();
    expect(gh.quota()?.remaining).toBe(quotaBefore?.remaining);
  });

  it('pages through commits newest first, and revalidates every page when warm', async () => {
    const gh = github(10);
    const commits = await gh.listCommits('master', 25);
    expect(commits).toHaveLength(25);
    expect(commits[0]?.sha).toBe(factsOf(sim()).masterHead);
    expect(new Set(commits.map((c) => c.sha)).size).toBe(25);
    const dates = commits.map((c) => Date.parse(c.date));
    expect(dates).toEqual([...dates].sort((a, b) => b - a));
    expect(gh.counters()).toEqual({ requests: 3, notModified: 0 });

    const again = await gh.listCommits('master', 25);
    expect(again).toEqual(commits);
    expect(gh.counters()).toEqual({ requests: 6, notModified: 3 });
  });

  it('returns fewer commits than asked when the branch is short, without asking past the last page', async () => {
    const gh = github();
    const all = await gh.listCommits('production', 100);
    expect(all.length).toBeGreaterThan(5);
    expect(all.length).toBeLessThan(100);
    expect(gh.counters().requests).toBe(1);
  });

  it('reads CI from check runs and from legacy commit statuses', async () => {
    const gh = github();
    const facts = factsOf(sim());
    const green = await gh.getCiSignals(facts.stagingGreen);
    expect(green.sha).toBe(facts.stagingGreen);
    expect(green.checkRuns.length).toBeGreaterThan(0);
    expect(green.checkRuns.map((r) => r.name)).toContain('Travis CI - Branch');
    const run = green.checkRuns.find((r) => r.name === 'Travis CI - Branch');
    expect(run).toMatchObject({ status: 'completed', conclusion: 'success' });
    expect(run?.externalId).toMatch(/^\d+$/);

    const legacySha = facts.legacyStatusShas[0] as string;
    const legacy = await gh.getCiSignals(legacySha);
    expect(legacy.statuses.map((s) => s.context)).toContain('continuous-integration/travis-ci/push');
    expect(legacy.checkRuns).toEqual([]);
    expect(gh.counters()).toEqual({ requests: 4, notModified: 0 });

    // Unchanged CI costs two 304s.
    await gh.getCiSignals(facts.stagingGreen);
    expect(gh.counters()).toEqual({ requests: 6, notModified: 2 });
  });

  it('reports a red head as a failed check run', async () => {
    const gh = github();
    const red = await gh.getCiSignals(factsOf(sim()).stagingHead);
    expect(red.checkRuns.some((r) => r.status === 'completed' && r.conclusion === 'failure')).toBe(true);
  });

  it('compares two branches: ahead, behind and the commits newest first', async () => {
    const gh = github();
    const facts = factsOf(sim());
    const diff = await gh.compare('production', 'staging');
    expect(diff.aheadBy).toBe(facts.stagingAheadOfProduction);
    expect(diff.behindBy).toBe(0);
    expect(diff.commits).toHaveLength(facts.stagingAheadOfProduction);
    expect(diff.commits[0]?.sha).toBe(facts.stagingHead);
    const reverse = await gh.compare('staging', 'production');
    expect(reverse).toMatchObject({ aheadBy: 0, behindBy: facts.stagingAheadOfProduction });
  });

  it('reads a file at a ref as text, conditionally', async () => {
    const gh = github();
    const facts = factsOf(sim());
    const lock = await gh.getFile('Gopkg.lock', 'production');
    expect(lock).toContain(`revision = "${facts.ppcRevision.production}"`);
    const travisYml = await gh.getFile('.travis.yml', 'staging');
    expect(travisYml).toContain(`SDK_VERSION=${facts.sdkVersion.staging}`);
    await gh.getFile('Gopkg.lock', 'production');
    expect(gh.counters()).toEqual({ requests: 3, notModified: 1 });
  });

  it('says not-found for a missing file or branch, naming what it was reading', async () => {
    const gh = github();
    const file = await sourceErrorOf(() => gh.getFile('no/such/file.txt', 'master'));
    expect(file.error).toMatchObject({ source: 'github', kind: 'not-found', status: 404 });
    expect(file.error.message).toContain('no/such/file.txt');
    const branch = await sourceErrorOf(() => gh.getHead('no-such-branch'));
    expect(branch.error.kind).toBe('not-found');
    expect(branch.error.message).toContain('no-such-branch');
  });
});
