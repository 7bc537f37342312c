import { describe, expect, it } from 'vitest';
import type { Build } from '../../src/domain/ci.js';
import { candidateRows } from '../../src/domain/candidate.js';
import type { Commit } from '../../src/domain/commit.js';
import type { EnvironmentStatus } from '../../src/domain/environment.js';
import type { CustomerPpc } from '../../src/domain/ppc.js';
import { statusFacts } from '../../src/domain/status-verdict.js';
import { verdictWithCode } from '../../src/modes/status/verdict-code.js';
import { statusJson } from '../../src/format/status-json.js';
import { formatStatusText, type StatusReport } from '../../src/format/status-text.js';

const NOW = Date.parse('2026-05-05T12:00:00Z');
const LONG = 'Send payment webhooks through the new delivery queue so that retries are spread out and the billing service stops hammering customers during incidents';

const sha = (c: string): string => c.repeat(40).slice(0, 40);
const commit = (c: string, message: string, hoursAgo: number): Commit => ({
  sha: sha(c),
  message,
  author: 'priya-natarajan-with-a-very-long-login',
  date: new Date(NOW - hoursAgo * 3_600_000).toISOString(),
});

function env(name: string, branch: string, head: Commit, over: Partial<EnvironmentStatus> = {}): EnvironmentStatus {
  return {
    name,
    branch,
    head,
    headCi: 'success',
    site: { version: head.sha.slice(0, 7), healthy: true },
    siteMatchesHead: true,
    components: { service: head.sha, ppcRevision: 'd4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0c1d2e3', sdkVersion: '0.11.3', problems: [] },
    ...over,
  };
}

const redHead = commit('c', LONG, 9);
const green = commit('b', 'Fix duplicate webhook delivery on retry', 30);

function build(over: Partial<Build> = {}): Build {
  return {
    id: 7,
    number: '412',
    state: 'started',
    event: 'pull_request',
    branch: 'production',
    sha: sha('c'),
    message: LONG,
    pullRequestNumber: 42,
    startedAt: new Date(NOW - 90_000).toISOString(),
    finishedAt: null,
    updatedAt: null,
    jobs: [
      { id: 1, number: '412.1', name: 'test: unit', state: 'passed', allowFailure: false, startedAt: null, finishedAt: new Date(NOW).toISOString() },
      { id: 2, number: '412.2', name: 'test: integration', state: 'started', allowFailure: false, startedAt: null, finishedAt: null },
    ],
    ...over,
  };
}

function report(over: Partial<StatusReport> = {}): StatusReport {
  const environments = [
    env('testing', 'master', commit('a', LONG, 1)),
    env('staging', 'staging', redHead, { headCi: 'failure', siteMatchesHead: false, site: { version: green.sha.slice(0, 7), healthy: true } }),
    env('production', 'production', commit('e', 'Release 2026-04-28', 170), {
      components: { service: sha('e'), ppcRevision: 'a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0', sdkVersion: '0.11.2', problems: [] },
    }),
  ];
  const ppcs: CustomerPpc[] = [
    { id: 'acme', name: 'Acme', current: 'a1b2c3d', target: 'a1b2c3d', state: 'done' },
    { id: 'globex', name: 'Globex', current: undefined, target: 'a1b2c3d', state: 'pending', detail: 'unreachable: cannot connect (ECONNREFUSED) to a host with a remarkably long name' },
  ];
  const sources = [
    { source: 'github' as const, state: 'ok' as const },
    { source: 'travis' as const, state: 'ok' as const },
    { source: 'sites' as const, state: 'ok' as const },
    { source: 'ppcs' as const, state: 'degraded' as const, detail: 'globex: cannot connect' },
  ];
  const facts = statusFacts({ sources, environments: [], promotions: [], ppcs }, NOW);
  return {
    repo: 'acme/service',
    now: NOW,
    environments,
    sites: environments.map((e) => ({ name: e.name, branch: e.branch, site: e.site })),
    diffs: [
      {
        from: 'staging',
        to: 'production',
        aheadBy: 9,
        behindBy: 0,
        ppc: { from: 'd4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0c1d2e3', to: 'a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0', changed: true },
        sdk: { from: '0.11.3', to: '0.11.2', changed: true },
      },
    ],
    promotion: { from: 'staging', to: 'production', pull: null, prBuild: null, deployBuild: build({ event: 'push', state: 'passed', pullRequestNumber: null, finishedAt: new Date(NOW - 7_200_000).toISOString() }) },
    candidates: candidateRows([redHead, green], new Map([[redHead.sha, 'failure'], [green.sha, 'success']])),
    fleet: { target: 'a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0', ppcs },
    windows: { timezone: 'Europe/Berlin', nightly: new Date(NOW + 12 * 3_600_000), weekly: new Date(NOW + 2 * 3_600_000) },
    sources,
    quota: { limit: 5000, remaining: 4987, resetAt: NOW + 3_600_000 },
    facts,
    verdict: verdictWithCode(facts),
    ...over,
  };
}

describe('formatStatusText', () => {
  it('fits every line in 80 columns, even with very long commit messages, logins and error details', () => {
    const pull = { number: 42, title: LONG, url: 'http://x/pull/42', state: 'open' as const, merged: false, mergeable: null, mergeableState: 'unknown', headRef: 'release/2026-05-05-with-a-long-name', headSha: sha('b'), baseRef: 'production', mergeCommitSha: null, createdAt: new Date(NOW).toISOString(), mergedAt: null };
    const text = formatStatusText(report({ promotion: { from: 'staging', to: 'production', pull, prBuild: build(), deployBuild: build({ event: 'push', number: '123456', pullRequestNumber: null }) }, verdict: { code: 1, reasons: [`staging site unhealthy: ${LONG}`] } }));
    for (const line of text.split('\n')) expect(line.length, line).toBeLessThanOrEqual(80);
    expect(text).toContain('PR #42 release/2026-05-05');
    expect(text).toContain('CI: #412 running, 1 of 2 jobs done, 1m 30s');
    expect(text).toContain('deploy        ccccccc push build #123456 running, 1 of 2 jobs done, 1m 30s\n');
    // The long reason is wrapped, not cut: its last word is still there.
    expect(text).toContain('incidents');
  });

  it('shows the latest green candidate and that the staging head is red', () => {
    const text = formatStatusText(report());
    expect(text).toMatch(/latest green {2}bbbbbbb Fix duplicate webhook delivery on retry +\(30h ago\)/);
    expect(text).toContain('staging head ccccccc is red; 1 newer commit not promotable');
    // Too long for one line with its indent: it breaks between clauses, never inside "SDK 0.11.2 -> 0.11.3".
    expect(text).toContain('  staging is 9 commits ahead of production; PPC a1b2c3d -> d4e5f6a;\n    SDK 0.11.2 -> 0.11.3\n');
  });

  it('warns when the open PR promotes a red commit', () => {
    const pull = { number: 7, title: 'Weekly release', url: 'http://x/pull/7', state: 'open' as const, merged: false, mergeable: null, mergeableState: 'unknown', headRef: 'staging', headSha: redHead.sha, baseRef: 'production', mergeCommitSha: null, createdAt: new Date(NOW).toISOString(), mergedAt: null };
    const text = formatStatusText(report({ promotion: { from: 'staging', to: 'production', pull, prBuild: null, deployBuild: null } }));
    expect(text).toContain('CI: waiting for Travis to start the build');
    expect(text).toContain('its head ccccccc is RED on staging, not the latest green');
  });

  it('says when the head itself is the candidate', () => {
    const rows = candidateRows([green], new Map([[green.sha, 'success']]));
    const text = formatStatusText(report({ candidates: rows }));
    expect(text).toMatch(/latest green {2}bbbbbbb .*\(the head, 30h ago\)/);
    expect(text).not.toContain('is red');
  });

  it('says there is nothing to promote when production has staging head, and when no commit production lacks is green', () => {
    expect(formatStatusText(report({ candidates: [] }))).toContain("latest green: nothing to promote, production has staging's head\n");
    const text = formatStatusText(report({ candidates: candidateRows([redHead], new Map([[redHead.sha, 'failure']])) }));
    expect(text).toContain('latest green: none among 1 commit production lacks\n');
    expect(text).toContain('staging head ccccccc is red\n');
  });

  it('shows each environment with its site, health and pins, and the PPC counts and schedule', () => {
    const text = formatStatusText(report());
    expect(text).toContain('staging · CI FAILED · site serves bbbbbbb (NOT the head), healthy');
    expect(text).toContain('production · CI passed · site serves eeeeeee (the head), healthy');
    expect(text).toContain('PPC a1b2c3d · SDK 0.11.2');
    expect(text).toContain('CUSTOMER PPCs (2, target a1b2c3d)');
    expect(text).toContain('1 pending · 1 done');
    expect(text).toContain('not answering: globex');
    expect(text).toMatch(/weekly {3}Tue 16:00 CEST \(in 2h 00m\)/);
    expect(text).toContain('deploy        ccccccc push build #412 passed 2h ago');
  });

  it('when GitHub is unreachable, still prints what it can plus one clear line', () => {
    const sources = [{ source: 'github' as const, state: 'down' as const, detail: 'GitHub: reading the head of branch master failed: cannot connect (ECONNREFUSED)' }];
    const facts = statusFacts({ sources, environments: [], promotions: [], ppcs: [] }, NOW);
    const text = formatStatusText(report({ environments: undefined, diffs: [], candidates: undefined, promotion: { from: 'staging', to: 'production', pull: undefined, prBuild: undefined, deployBuild: undefined }, sources, facts, verdict: verdictWithCode(facts) }));
    expect(text.split('\n')[0]).toBe('acme/service: incomplete: a source could not be reached (exit 3)');
    expect(text.match(/GitHub could not be reached/g)).toHaveLength(1);
    // The sites were still read: what each serves is shown without the branch.
    expect(text).toContain('  production  production not read · site serves eeeeeee, healthy');
    expect(text).toContain('CUSTOMER PPCs');
    expect(text).toContain('SCHEDULE (Europe/Berlin)');
    for (const line of text.split('\n')) expect(line.length, line).toBeLessThanOrEqual(80);
  });
});

describe('statusJson', () => {
  it('has the schema version and stable snake_case keys', () => {
    const json = statusJson(report());
    expect(json['schema']).toBe(1);
    expect(Object.keys(json)).toEqual([
      'schema', 'repo', 'generated_at', 'exit_code', 'verdict', 'reasons', 'facts', 'sources', 'github_quota',
      'environments', 'sites', 'diffs', 'promotion', 'candidate', 'ppcs', 'windows',
    ]);
    expect(json['candidate']).toMatchObject({ head: { sha: sha('c'), ci: 'failure' }, latest_green: { sha: sha('b') }, head_is_latest_green: false, newer_than_latest_green: 1 });
    expect(json['ppcs']).toMatchObject({ total: 2, counts: { done: 1, pending: 1 }, not_answering: ['globex'] });
  });
});
