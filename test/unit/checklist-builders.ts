// Builders for the checklist, gate, key and engine unit tests: domain objects with readable defaults.
import type { Build, Job, TravisState } from '../../src/domain/ci.js';
import type { EnvironmentStatus } from '../../src/domain/environment.js';
import type { CustomerPpc } from '../../src/domain/ppc.js';
import type { PullRequest } from '../../src/domain/pull.js';
import type { HeadVerdict } from '../../src/domain/required-checks.js';
import { WEEKLY_PLAYBOOK } from '../../src/domain/weekly-playbook.js';
import { createCockpitStore, type CockpitStoreApi } from '../../src/store/create-cockpit-store.js';
import { selectStep } from '../helpers/store-state.js';

export const CANDIDATE = '1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d';
export const MERGE = '5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f';
export const OLD = '9f8e7d6c5b4a39281706f5e4d3c2b1a098765432';
export const TARGET_REV = 'd4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0c1d2e3';
export const OLD_REV = 'a1b2c3d4e5f60718293a4b5c6d7e8f9a0b1c2d3e';

export function freshStore(now = 1_000_000): CockpitStoreApi {
  return createCockpitStore({ playbook: WEEKLY_PLAYBOOK, now });
}

export function job(number: string, state: TravisState, allowFailure = false): Job {
  return { id: Number(number.replace('.', '')), number, name: `job ${number}`, state, allowFailure, startedAt: null, finishedAt: null };
}

export function build(number: string, jobs: readonly Job[], overrides: Partial<Build> = {}): Build {
  return {
    id: Number(number),
    number,
    state: 'started',
    event: 'pull_request',
    branch: 'production',
    sha: CANDIDATE,
    message: 'Release',
    pullRequestNumber: 42,
    startedAt: null,
    finishedAt: null,
    updatedAt: null,
    jobs,
    ...overrides,
  };
}

export function pull(overrides: Partial<PullRequest> = {}): PullRequest {
  return {
    number: 42,
    title: 'Release',
    url: 'http://example.test/pull/42',
    state: 'open',
    merged: false,
    mergeable: true,
    mergeableState: 'clean',
    headRef: 'staging',
    headSha: CANDIDATE,
    baseRef: 'production',
    mergeCommitSha: null,
    createdAt: '2026-01-01T00:00:00Z',
    mergedAt: null,
    ...overrides,
  };
}

export function environment(name: string, version: string | undefined, healthy = true, headSha = version ?? OLD): EnvironmentStatus {
  return {
    name,
    branch: name,
    head: { sha: headSha, message: 'head', author: 'dev', date: '2026-01-01T00:00:00Z' },
    headCi: 'success',
    site: { version, healthy, ...(healthy ? {} : { detail: 'HTTP 503' }) },
    siteMatchesHead: version !== undefined && headSha.startsWith(version),
    components: { service: headSha, ppcRevision: undefined, sdkVersion: undefined, problems: [] },
  };
}

export function ppc(id: string, state: CustomerPpc['state'], current = OLD_REV, target: string | undefined = TARGET_REV): CustomerPpc {
  return { id, name: id.toUpperCase(), current, target, state };
}

/** Marks every step before `stepId` done and makes `stepId` the active one. */
export function jumpTo(store: CockpitStoreApi, stepId: string, now = 1_000_000): void {
  const steps = store.getState().checklist.steps;
  const index = steps.findIndex((s) => s.id === stepId);
  if (index < 0) throw new Error(`no step ${stepId}`);
  store.getState().stepsAdvanced(
    steps.map((s, i) => (i < index ? { id: s.id, status: 'done', finishedAt: now } : i === index ? { id: s.id, status: 'active', startedAt: now } : { id: s.id, status: 'pending' })),
  );
  selectStep(store, index);
}

export function statusOf(store: CockpitStoreApi, stepId: string): string | undefined {
  return store.getState().checklist.steps.find((s) => s.id === stepId)?.status;
}

/**
 * The verdict of a pull request's head as Travis's check run on it reports `b`: in progress while a job runs,
 * failed when a job not allowed to fail failed, else passed. The gate reads this, the CI pane the build.
 */
export function headCiOf(b: Build, sha = CANDIDATE): HeadVerdict {
  const counted = b.jobs.filter((j) => !j.allowFailure);
  const state = counted.some((j) => ['failed', 'errored', 'canceled'].includes(j.state)) && b.jobs.every((j) => !['created', 'queued', 'received', 'started'].includes(j.state))
    ? 'failure'
    : b.jobs.some((j) => ['created', 'queued', 'received', 'started'].includes(j.state))
      ? 'pending'
      : counted.some((j) => j.state !== 'passed')
        ? 'failure'
        : 'success';
  return { sha, state, gating: [{ name: 'Travis CI - Pull Request', state, required: true }], optional: [], why: "Travis CI's own checks (nothing else is required)" };
}

/** A pull request build and its head's verdict together, as the promotion poller writes them. */
export function prCi(b: Build, sha = CANDIDATE): { prBuild: Build; prCi: HeadVerdict } {
  return { prBuild: b, prCi: headCiOf(b, sha) };
}
