import type { components } from '@octokit/openapi-types';
import { iso } from '../clock.js';
import { buildView, type BuildRecord, type TravisState } from '../world/ci.js';
import type { GitRepo } from '../world/git.js';
import type { PullRecord } from '../world/pulls.js';
import { nodeId, type GithubLinks } from './links.js';
import { simpleUser } from './shapes-repo.js';
import type { StatusInput } from './shapes-git.js';

type S = components['schemas'];

/** Travis CI's GitHub App, as check runs name it. */
function travisApp(l: GithubLinks): S['nullable-integration'] {
  return travisAppShape(l);
}

function travisAppShape(l: GithubLinks): NonNullable<S['nullable-integration']> {
  return {
    id: 67,
    slug: 'travis-ci',
    node_id: nodeId('Integration', 67),
    owner: simpleUser(l, 'travis-ci'),
    name: 'Travis CI',
    description: 'Test and deploy with confidence',
    external_url: 'https://travis-ci.com',
    html_url: 'https://github.com/apps/travis-ci',
    created_at: '2016-09-26T17:59:30Z',
    updated_at: '2021-06-15T10:32:14Z',
    permissions: { checks: 'write', contents: 'read', metadata: 'read', pull_requests: 'read', statuses: 'write' },
    events: ['check_run', 'check_suite', 'create', 'delete', 'pull_request', 'push', 'repository'],
  };
}

type Conclusion = S['check-run']['conclusion'];

/** travis-tasks' mapping: errored is action_required, canceled is cancelled (two l's on GitHub). */
const CONCLUSIONS: Partial<Record<TravisState, Conclusion>> = { passed: 'success', failed: 'failure', errored: 'action_required', canceled: 'cancelled' };
const TITLES: Partial<Record<TravisState, string>> = { passed: 'Build Passed', failed: 'Build Failed', errored: 'Build Errored', canceled: 'Build Canceled', started: 'Build In Progress' };

export const buildUrl = (l: GithubLinks, build: BuildRecord): string => `${l.travisWeb}/github/${build.repo.slug}/builds/${build.id}`;

export function checkRun(l: GithubLinks, repo: GitRepo, build: BuildRecord, pull: PullRecord | undefined, now: number): S['check-run'] {
  const view = buildView(build, now);
  const status = view.finishedAt !== null ? 'completed' : view.state === 'started' ? 'in_progress' : 'queued';
  const api = `${l.api}/repos/${repo.fullName}`;
  const repoRef = { id: build.repo.id, url: api, name: repo.name };
  return {
    id: build.checkRunId,
    head_sha: build.headSha,
    node_id: nodeId('CheckRun', build.checkRunId),
    external_id: String(build.id),
    url: `${api}/check-runs/${build.checkRunId}`,
    html_url: `${l.web}/${repo.fullName}/runs/${build.checkRunId}`,
    details_url: buildUrl(l, build),
    status,
    conclusion: status === 'completed' ? (CONCLUSIONS[view.state] ?? 'neutral') : null,
    started_at: iso(view.startedAt ?? build.createdAt),
    completed_at: view.finishedAt !== null ? iso(view.finishedAt) : null,
    output: {
      title: TITLES[view.state] ?? 'Build Created',
      summary: `The build **${view.state}**. This is a ${build.event === 'pull_request' ? 'pull request' : 'normal branch'} build.`,
      text: null,
      annotations_count: 0,
      annotations_url: `${api}/check-runs/${build.checkRunId}/annotations`,
    },
    name: build.event === 'pull_request' ? 'Travis CI - Pull Request' : 'Travis CI - Branch',
    check_suite: { id: build.checkSuiteId },
    app: travisApp(l),
    pull_requests: pull
      ? [{ id: pull.number * 1009, number: pull.number, url: `${api}/pulls/${pull.number}`, head: { ref: pull.headRef, sha: pull.headSha, repo: repoRef }, base: { ref: pull.baseRef, sha: pull.baseSha, repo: repoRef } }]
      : [],
  } satisfies S['check-run'];
}

/** The legacy commit status a pre-App Travis posts: pending while running, canceled counts as error. */
export function legacyStatus(l: GithubLinks, build: BuildRecord, now: number): StatusInput {
  const view = buildView(build, now);
  const map: Record<TravisState, StatusInput['state']> = { created: 'pending', queued: 'pending', received: 'pending', started: 'pending', passed: 'success', failed: 'failure', errored: 'error', canceled: 'error' };
  const words: Partial<Record<TravisState, string>> = { passed: 'The Travis CI build passed', failed: 'The Travis CI build failed', errored: 'The Travis CI build could not complete due to an error', canceled: 'The Travis CI build was canceled' };
  return {
    id: build.checkRunId,
    state: map[view.state],
    context: build.event === 'pull_request' ? 'continuous-integration/travis-ci/pr' : 'continuous-integration/travis-ci/push',
    description: words[view.state] ?? 'The Travis CI build is in progress',
    targetUrl: buildUrl(l, build),
    createdAt: build.createdAt,
    updatedAt: view.updatedAt,
  };
}

/** A third-party app that is not required: its check run never leaves the queue (rule optionalChecks). */
export function lintBotRun(l: GithubLinks, repo: GitRepo, sha: string, createdAt: number): S['check-run'] {
  const id = 9_000_000 + (parseInt(sha.slice(0, 6), 16) % 900_000);
  const api = `${l.api}/repos/${repo.fullName}`;
  return {
    id,
    head_sha: sha,
    node_id: nodeId('CheckRun', id),
    external_id: null,
    url: `${api}/check-runs/${id}`,
    html_url: `${l.web}/${repo.fullName}/runs/${id}`,
    details_url: `${l.web}/apps/lint-bot`,
    status: 'queued',
    conclusion: null,
    started_at: iso(createdAt),
    completed_at: null,
    output: { title: 'Queued', summary: 'Waiting for a free runner.', text: null, annotations_count: 0, annotations_url: `${api}/check-runs/${id}/annotations` },
    name: 'Lint bot',
    check_suite: { id: id + 1 },
    app: { ...travisAppShape(l), id: 901, slug: 'lint-bot', node_id: nodeId('Integration', 901), name: 'Lint Bot', description: 'Style nits', owner: simpleUser(l, 'lint-bot[bot]'), external_url: `${l.web}/apps/lint-bot`, html_url: `${l.web}/apps/lint-bot` },
    pull_requests: [],
  } satisfies S['check-run'];
}

/** A coverage service's status that fails on every commit CI ran on (rule optionalChecks). */
export function coverageStatus(createdAt: number): StatusInput {
  return { id: 8_000_000 + (createdAt % 1_000_000), state: 'failure', context: 'codecov/patch', description: '61.20% of diff hit (target 80.00%)', targetUrl: 'https://codecov.example/acme/service', createdAt, updatedAt: createdAt };
}
