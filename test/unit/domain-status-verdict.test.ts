import { describe, expect, it } from 'vitest';
import type { Build, CiState, TravisState } from '../../src/domain/ci.js';
import type { EnvironmentStatus, SiteReport } from '../../src/domain/environment.js';
import type { CustomerPpc, PpcState } from '../../src/domain/ppc.js';
import type { PullRequest } from '../../src/domain/pull.js';
import type { SourceHealth } from '../../src/domain/source.js';
import { EXIT } from '../../src/exit-codes.js';
import {
  statusFacts,
  statusVerdict,
  type EnvironmentFacts,
  type StatusFacts,
  type StatusInputs,
} from '../../src/domain/status-verdict.js';
import { verdictWithCode } from '../../src/modes/status/verdict-code.js';

describe('statusVerdict', () => {
  const f = (unreachable: string[], failures: string[], inProgress: string[]): StatusFacts => ({ unreachable, failures, inProgress });
  it.each<[string, StatusFacts, number, string[]]>([
    ['all quiet', f([], [], []), 0, []],
    ['only work in progress', f([], [], ['build running']), 8, ['build running']],
    ['a failure beats work in progress', f([], ['PPC failed'], ['build running']), 1, ['PPC failed']],
    ['an unreachable source beats a failure', f(['github unreachable'], ['PPC failed'], ['build running']), 3, ['github unreachable']],
    ['an unreachable source alone', f(['travis unreachable', 'sites unreachable'], [], []), 3, ['travis unreachable', 'sites unreachable']],
  ])('%s -> %i', (_label, facts, code, reasons) => {
    expect(verdictWithCode(facts)).toEqual({ code, reasons });
  });

  it('names the verdict, not its exit code: the status mode numbers it', () => {
    expect(statusVerdict(f(['github unreachable'], ['PPC failed'], []))).toEqual({ verdict: 'unreachable', reasons: ['github unreachable'] });
    expect(statusVerdict(f([], [], ['build running'])).verdict).toBe('inProgress');
  });

  it('uses the codes the CLI documents', () => {
    expect([EXIT.ok, EXIT.needsHuman, EXIT.unreachable, EXIT.inProgress]).toEqual([0, 1, 3, 8]);
  });
});

const NOW = Date.parse('2026-03-03T14:00:00Z');
const HEAD = 'd4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0c1d2e3';
const OLD = 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678';
const site = (over: Partial<SiteReport> = {}): SiteReport => ({ version: HEAD, healthy: true, ...over });
const env = (name: string, over: Partial<EnvironmentStatus> = {}, pushBuild?: Build): EnvironmentFacts => ({
  status: {
    name,
    branch: name,
    head: { sha: HEAD, message: 'm', author: 'a', date: '2026-03-03T10:00:00Z' },
    headCi: 'success',
    site: site(),
    siteMatchesHead: true,
    components: { service: HEAD, ppcRevision: undefined, sdkVersion: undefined, problems: [] },
    ...over,
  },
  pushBuild,
});
const build = (state: TravisState, over: Partial<Build> = {}): Build => ({
  id: 1,
  number: '1234',
  state,
  event: 'push',
  branch: 'staging',
  sha: HEAD,
  message: 'm',
  pullRequestNumber: null,
  startedAt: '2026-03-03T13:00:00Z',
  finishedAt: '2026-03-03T13:10:00Z',
  updatedAt: '2026-03-03T13:10:00Z',
  jobs: [],
  ...over,
});
const pr = (ci: CiState, over: Partial<PullRequest> = {}) => ({
  ci,
  pull: {
    number: 12,
    title: 'Promote',
    url: 'u',
    state: 'open',
    merged: false,
    mergeable: true,
    mergeableState: 'clean',
    headRef: 'staging',
    headSha: HEAD,
    baseRef: 'production',
    mergeCommitSha: null,
    createdAt: '2026-03-03T13:00:00Z',
    mergedAt: null,
    ...over,
  } satisfies PullRequest,
});
const ppcs = (...states: PpcState[]): CustomerPpc[] =>
  states.map((state, i) => ({ id: `c${i}`, name: `Customer ${i}`, current: OLD, target: HEAD, state }));
const src = (source: SourceHealth['source'], state: SourceHealth['state'], detail?: string): SourceHealth => ({ source, state, detail });

const quiet: StatusInputs = {
  sources: [src('github', 'ok'), src('travis', 'ok'), src('sites', 'ok'), src('ppcs', 'ok')],
  environments: [env('testing'), env('staging', {}, build('passed')), env('production', {}, build('passed'))],
  promotions: [],
  ppcs: ppcs('done', 'done'),
};
const facts = (over: Partial<StatusInputs>, now = NOW) => statusFacts({ ...quiet, ...over }, now);

describe('statusFacts', () => {
  it('finds nothing when all is green and idle', () => {
    expect(facts({})).toEqual({ unreachable: [], failures: [], inProgress: [] });
    expect(verdictWithCode(facts({})).code).toBe(0);
  });

  it.each<[string, Partial<StatusInputs>, keyof StatusFacts, string]>([
    ['a source down', { sources: [src('travis', 'down', 'connection refused')] }, 'unreachable', 'travis unreachable: connection refused'],
    ['the promotion PR CI failed', { promotions: [pr('failure')] }, 'failures', 'pull request #12 staging -> production: CI failed'],
    ['the promotion PR CI pending', { promotions: [pr('pending')] }, 'inProgress', 'pull request #12 staging -> production: CI running'],
    ['a push build failed on staging', { environments: [env('testing'), env('staging', {}, build('failed'))] }, 'failures', 'staging push build #1234 of head d4e5f6a failed'],
    ['a push build errored on production', { environments: [env('testing'), env('production', {}, build('errored'))] }, 'failures', 'production push build #1234 of head d4e5f6a errored'],
    ['a push build canceled', { environments: [env('testing'), env('staging', {}, build('canceled'))] }, 'failures', 'staging push build #1234 of head d4e5f6a canceled'],
    ['a push build running', { environments: [env('testing'), env('staging', {}, build('started'))] }, 'inProgress', 'staging push build #1234 running'],
    ['a push build just created', { environments: [env('testing'), env('staging', {}, build('created'))] }, 'inProgress', 'staging push build #1234 running'],
    ['a site unhealthy', { environments: [env('testing'), env('production', { site: site({ healthy: false, detail: 'HTTP 503' }) }, build('passed'))] }, 'failures', 'production site unhealthy: HTTP 503'],
    ['the testing site unhealthy', { environments: [env('testing', { site: site({ healthy: false }) })] }, 'failures', 'testing site unhealthy'],
    [
      'a site not serving the head long after its build passed',
      { environments: [env('testing'), env('production', { site: site({ version: OLD }), siteMatchesHead: false }, build('passed'))] },
      'failures',
      'production site serves a1b2c3d, not the branch head d4e5f6a, though its push build passed',
    ],
    [
      'a site not serving the head right after its build passed',
      { environments: [env('testing'), env('production', { site: site({ version: OLD }), siteMatchesHead: false }, build('passed', { finishedAt: '2026-03-03T13:59:00Z' }))] },
      'inProgress',
      'production deploying d4e5f6a',
    ],
    [
      'a site reporting no version after its build passed',
      { environments: [env('testing'), env('staging', { site: site({ version: undefined }), siteMatchesHead: false }, build('passed'))] },
      'failures',
      'staging site reports no version, not the branch head d4e5f6a, though its push build passed',
    ],
    ['no push build and a red head', { environments: [env('testing'), env('staging', { headCi: 'failure' })] }, 'failures', 'staging head d4e5f6a CI failed'],
    ['no push build and a pending head', { environments: [env('testing'), env('staging', { headCi: 'pending' })] }, 'inProgress', 'staging head d4e5f6a CI running'],
    [
      'a red head whose site serves an older green commit with the latest push build (the weekly demo)',
      { environments: [env('testing'), { ...env('staging', { headCi: 'failure', site: site({ version: OLD }), siteMatchesHead: false }, build('passed', { sha: OLD })), latestGreen: OLD }] },
      'failures',
      'staging head d4e5f6a CI failed (the latest push build #1234 is of a1b2c3d); latest green candidate a1b2c3d',
    ],
    [
      'a red head whose own push build failed, with a green commit behind it',
      { environments: [env('testing'), { ...env('staging', { headCi: 'failure', site: site({ version: OLD }), siteMatchesHead: false }, build('failed')), latestGreen: OLD }] },
      'failures',
      'staging push build #1234 of head d4e5f6a failed; latest green candidate a1b2c3d',
    ],
    [
      'an older push build passed while the head has no CI yet, site on the old one',
      { environments: [env('testing'), env('staging', { headCi: 'none', site: site({ version: OLD }), siteMatchesHead: false }, build('passed', { sha: OLD }))] },
      'inProgress',
      'staging head d4e5f6a has no CI result yet (the latest push build #1234 is of a1b2c3d)',
    ],
    [
      'an older push build passed while the head\'s CI runs',
      { environments: [env('testing'), env('production', { headCi: 'pending', site: site({ version: OLD }), siteMatchesHead: false }, build('passed', { sha: OLD }))] },
      'inProgress',
      'production head d4e5f6a CI running',
    ],
    [
      'a green head without its push build, its site on an older commit',
      { environments: [env('testing'), env('staging', { site: site({ version: OLD }), siteMatchesHead: false })] },
      'inProgress',
      'staging head d4e5f6a passed CI; its site still serves a1b2c3d',
    ],
    ['one PPC failed', { ppcs: ppcs('done', 'failed') }, 'failures', '1 customer PPC failed to update: c1'],
    ['many PPCs failed', { ppcs: ppcs(...Array<PpcState>(7).fill('failed')) }, 'failures', '7 customer PPCs failed to update: c0, c1, c2, c3, c4 and 2 more'],
    ['a PPC updating', { ppcs: ppcs('updating', 'pending') }, 'inProgress', 'rollout under way: 0 of 2 customer PPCs done'],
    ['a PPC verifying', { ppcs: ppcs('done', 'verifying') }, 'inProgress', 'rollout under way: 1 of 2 customer PPCs done'],
    ['a PPC queued', { ppcs: ppcs('queued') }, 'inProgress', 'rollout under way: 0 of 1 customer PPCs done'],
    ['some PPCs done and some pending', { ppcs: ppcs('done', 'done', 'pending') }, 'inProgress', 'rollout under way: 2 of 3 customer PPCs done'],
  ])('%s', (_label, over, kind, sentence) => {
    const found = facts(over);
    expect(found[kind]).toEqual([sentence]);
    const others = (['unreachable', 'failures', 'inProgress'] as const).filter((k) => k !== kind);
    for (const k of others) expect(found[k]).toEqual([]);
  });

  it.each<[string, Partial<StatusInputs>]>([
    ['a degraded source', { sources: [src('github', 'degraded', 'slow')] }],
    ['the testing push build failing', { environments: [env('testing', { headCi: 'failure' }, build('failed'))] }],
    ['the testing push build running', { environments: [env('testing', {}, build('started'))] }],
    ['a merged promotion PR whose CI had failed', { promotions: [pr('failure', { state: 'closed', merged: true })] }],
    ['an open promotion PR with green CI (waiting for a person to merge)', { promotions: [pr('success')] }],
    ['an open promotion PR without CI', { promotions: [pr('none')] }],
    ['all PPCs pending before the rollout starts', { ppcs: ppcs('pending', 'pending') }],
    ['PPCs done and skipped', { ppcs: ppcs('done', 'skipped') }],
    ['no PPCs at all', { ppcs: [] }],
    ['an older push build passed and the head passed CI and is served', { environments: [env('testing'), env('staging', {}, build('passed', { sha: OLD }))] }],
  ])('finds nothing for %s', (_label, over) => {
    expect(facts(over)).toEqual({ unreachable: [], failures: [], inProgress: [] });
  });

  it('a rate-limited GitHub is degraded, not down, yet every part it could not give makes the glance incomplete (3)', () => {
    const found = facts({
      sources: [src('github', 'degraded', 'rate limited'), src('travis', 'ok')],
      environments: [],
      unread: [
        { source: 'github', what: 'the environments', why: 'rate limited', resets: 'Tue 14:05 CET (in 5m)' },
        { source: 'github', what: 'the promotion pull request', why: 'rate limited', resets: 'Tue 14:05 CET (in 5m)' },
      ],
    });
    expect(verdictWithCode(found)).toEqual({ code: 3, reasons: ['GitHub not read (rate limited): the environments; the promotion pull request; the limit resets at Tue 14:05 CET (in 5m)'] });
  });

  it('says once per source what could not be read, instead of also calling it unreachable', () => {
    const found = facts({
      sources: [src('github', 'ok'), src('travis', 'down', 'cannot connect (ECONNREFUSED)')],
      unread: [{ source: 'travis', what: "production's push build", why: 'cannot connect' }, { source: 'ppcs', what: 'what one runs (acme not answering)' }],
    });
    expect(found.unreachable).toEqual(["Travis CI not read (cannot connect): production's push build", 'customer PPCs not read: what one runs (acme not answering)']);
    expect(verdictWithCode(found).code).toBe(3);
  });

  it('customers without a revision to judge them by (production\'s pin unreadable) make the glance incomplete', () => {
    const noTarget = ppcs('pending', 'pending').map((p) => ({ ...p, target: undefined }));
    const broken = env('production', { components: { service: HEAD, ppcRevision: undefined, sdkVersion: undefined, problems: ['Gopkg.lock: no [[projects]] entry for github.com/acme/ppc'] } }, build('passed'));
    const found = facts({ environments: [env('testing'), env('staging', {}, build('passed')), broken], ppcs: noTarget });
    expect(found.unreachable).toEqual(['customer PPCs not judged: the PPC revision production pins is not known (Gopkg.lock: no [[projects]] entry for github.com/acme/ppc)']);
    expect(verdictWithCode(found).code).toBe(3);
  });

  it('does not report a mismatch on top of an unhealthy site', () => {
    const found = facts({ environments: [env('testing'), env('staging', { site: site({ healthy: false, version: undefined }), siteMatchesHead: false }, build('passed'))] });
    expect(found.failures).toEqual(['staging site unhealthy']);
  });

  it('feeds statusVerdict: a down source hides nothing but decides the code', () => {
    const found = facts({ sources: [src('github', 'down')], ppcs: ppcs('failed', 'updating') });
    expect(found.failures).toHaveLength(1);
    expect(found.inProgress).toHaveLength(1);
    expect(verdictWithCode(found)).toEqual({ code: 3, reasons: ['github unreachable'] });
  });

  it('accepts now as a Date', () => {
    const over = { environments: [env('testing'), env('production', { siteMatchesHead: false, site: site({ version: OLD }) }, build('passed', { finishedAt: '2026-03-03T13:59:00Z' }))] };
    expect(statusFacts({ ...quiet, ...over }, new Date(NOW)).inProgress).toEqual(['production deploying d4e5f6a']);
  });
});
