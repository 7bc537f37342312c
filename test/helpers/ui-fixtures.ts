import type { Build, Job } from '../../src/domain/ci.js';
import type { Commit } from '../../src/domain/commit.js';
import type { EnvironmentDiff, EnvironmentStatus } from '../../src/domain/environment.js';
import type { Playbook } from '../../src/domain/playbook.js';
import type { CustomerPpc } from '../../src/domain/ppc.js';
import type { PullRequest } from '../../src/domain/pull.js';
import { createCockpitStore, type CockpitStoreApi, type CreateStoreOptions } from '../../src/store/create-cockpit-store.js';
import type { CandidateRow } from '../../src/store/state.js';

/** Tuesday 2026-06-09 14:00 UTC: every fixture's "now". */
export const NOW = Date.UTC(2026, 5, 9, 14, 0, 0);
const MINUTE = 60_000;

/** A deterministic 40-hex sha from a short seed ("a1" -> "a1a1a1…"). */
export function sha(seed: string): string {
  return seed.repeat(Math.ceil(40 / seed.length)).slice(0, 40);
}

export function iso(msBeforeNow: number): string {
  return new Date(NOW - msBeforeNow).toISOString();
}

export const FIXTURE_PLAYBOOK: Playbook = {
  name: 'Weekly production release',
  id: 'weekly',
  label: 'Weekly release',
  from: 'staging',
  to: 'production',
  steps: [
    { id: 'review', type: 'review-changes', kind: 'manual', title: 'Review what changes', who: 'primary', description: 'Read the commits staging has that production lacks.' },
    { id: 'choose', type: 'choose-candidate', kind: 'choose', title: 'Choose the release candidate', who: 'primary', description: 'Pick the staging commit to promote.' },
    { id: 'open-pr', type: 'open-promotion-pr', kind: 'action', title: 'Open the promotion pull request', who: 'cockpit', description: 'Opens staging -> production for the candidate.' },
    { id: 'pr-ci', type: 'wait-pr-ci', kind: 'gate', title: "Wait for the pull request's CI", who: 'CI', description: "Travis runs the pull request's jobs." },
    { id: 'merge', type: 'merge-promotion-pr', kind: 'action', title: 'Merge the promotion pull request', who: 'cockpit', description: 'Merges at the checked head.' },
    { id: 'deploy', type: 'wait-deploy', kind: 'gate', title: 'Wait for the production deploy', who: 'CI', description: 'The push build deploys production.' },
    { id: 'update', type: 'update-ppcs', kind: 'action', title: 'Update the customer PPCs', who: 'cockpit', description: 'One customer at a time.' },
    { id: 'done', type: 'release-complete', kind: 'gate', title: 'Release complete', who: 'cockpit', description: 'Nothing left to do this week.' },
  ],
};

export function freshStore(options: Partial<CreateStoreOptions> = {}): CockpitStoreApi {
  return createCockpitStore({
    playbook: FIXTURE_PLAYBOOK,
    now: NOW,
    ...options,
    meta: { mode: 'demo', releaseId: '2026-06-09', repo: 'acme/service', roles: { primary: 'alice', secondary: 'bob' }, ...options.meta },
  });
}

export function commit(overrides: Partial<Commit> = {}): Commit {
  return { sha: sha('c0ffee'), message: 'Fix the login redirect\n\nLong body.', author: 'alice', date: iso(2 * 60 * MINUTE), ...overrides };
}

export function environment(name: string, overrides: Partial<EnvironmentStatus> = {}): EnvironmentStatus {
  const head = overrides.head ?? commit({ sha: sha(name.slice(0, 2) + '1') });
  return {
    name,
    branch: name === 'testing' ? 'master' : name,
    head,
    headCi: 'success',
    site: { version: head.sha.slice(0, 7), healthy: true },
    siteMatchesHead: true,
    components: { service: head.sha, ppcRevision: sha('a1b2c3'), sdkVersion: '0.11.3', problems: [] },
    ...overrides,
  };
}

export function diff(from: string, to: string, overrides: Partial<EnvironmentDiff> = {}): EnvironmentDiff {
  return {
    from,
    to,
    aheadBy: 14,
    behindBy: 0,
    ppc: { from: sha('d4e5f6'), to: sha('a1b2c3'), changed: true },
    sdk: { from: '0.11.3', to: '0.11.2', changed: true },
    ...overrides,
  };
}

export function job(n: number, overrides: Partial<Job> = {}): Job {
  return { id: 5000 + n, number: `1234.${n}`, name: `job ${n}`, state: 'passed', allowFailure: false, startedAt: iso(10 * MINUTE), finishedAt: iso(7 * MINUTE), ...overrides };
}

export function build(overrides: Partial<Build> = {}): Build {
  return {
    id: 1234,
    number: '1234',
    state: 'started',
    event: 'pull_request',
    branch: 'production',
    sha: sha('c0ffee'),
    message: 'Promote staging to production',
    pullRequestNumber: 42,
    startedAt: iso(10 * MINUTE),
    finishedAt: null,
    updatedAt: iso(MINUTE),
    jobs: [job(1), job(2, { name: 'integration', state: 'started', finishedAt: null }), job(3, { name: 'lint', state: 'created', startedAt: null, finishedAt: null })],
    ...overrides,
  };
}

export function pull(overrides: Partial<PullRequest> = {}): PullRequest {
  return {
    number: 42,
    title: 'Promote staging to production',
    url: 'https://github.com/acme/service/pull/42',
    state: 'open',
    merged: false,
    mergeable: true,
    mergeableState: 'clean',
    headRef: 'staging',
    headSha: sha('c0ffee'),
    baseRef: 'production',
    mergeCommitSha: null,
    createdAt: iso(12 * MINUTE),
    mergedAt: null,
    ...overrides,
  };
}

/** `count` PPCs named ppc-0001…, all pending on the old revision. */
export function ppcs(count: number, overrides: (i: number) => Partial<CustomerPpc> = () => ({})): CustomerPpc[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `ppc-${String(i + 1).padStart(4, '0')}`,
    name: `customer-${String(i + 1).padStart(4, '0')}`,
    current: sha('a1b2c3'),
    target: sha('d4e5f6'),
    state: 'pending' as const,
    ...overrides(i),
  }));
}

/** Newest first: a red head, then the latest green, then older ones. */
export function candidates(): CandidateRow[] {
  return [
    { commit: commit({ sha: sha('bad1'), message: 'Nightly merge: flaky cache' }), ci: 'failure', isLatestGreen: false, isHead: true },
    { commit: commit({ sha: sha('900d'), message: 'Speed up the search index' }), ci: 'success', isLatestGreen: true, isHead: false },
    { commit: commit({ sha: sha('01d1'), message: 'Tidy the settings page' }), ci: 'success', isLatestGreen: false, isHead: false },
    { commit: commit({ sha: sha('5107'), message: 'Retry webhooks' }), ci: 'pending', isLatestGreen: false, isHead: false },
  ];
}
