import { isoMs, iso } from '../clock.js';
import { hashString } from '../random.js';
import { buildView, jobView, type BuildRecord, type JobRecord, type TravisRepo } from '../world/ci.js';
import type { RequestRecord, World } from '../world/world.js';

/**
 * Travis API v3 representations. `@href`s carry the /travis mount, as Travis's do behind a path prefix
 * (Enterprise's /api): resolve them against the API origin, e.g. `new URL(href, apiUrl)`.
 */
export const HREF = '/travis';
type Json = Record<string, unknown>;

export interface Includes {
  readonly jobs: boolean;
  readonly jobConfig: boolean;
}

export function includesOf(query: URLSearchParams): Includes {
  const include = (query.get('include') ?? '').split(',').map((s) => s.trim());
  return { jobs: include.includes('build.jobs'), jobConfig: include.includes('job.config') };
}

const t = (ms: number | null): string | null => (ms === null ? null : iso(ms));

export function repoMinimal(r: TravisRepo): Json {
  const [owner, name] = r.slug.split('/');
  return { '@type': 'repository', '@href': `${HREF}/repo/${r.id}`, '@representation': 'minimal', id: r.id, name, slug: r.slug, owner_name: owner };
}

export function repoStandard(r: TravisRepo): Json {
  const [owner, name] = r.slug.split('/');
  return {
    ...repoMinimal(r),
    '@representation': 'standard',
    '@permissions': { read: true, admin: false, activate: false, deactivate: false, star: true, unstar: true, create_request: true, create_cron: true, change_settings: false },
    description: null,
    github_id: 40_000_000 + (hashString(r.slug) % 9_000_000),
    vcs_name: name,
    vcs_type: 'GithubRepository',
    owner: { '@type': 'organization', id: 1_200_000 + (hashString(owner ?? '') % 90_000), login: owner, '@href': `${HREF}/org/1` },
    default_branch: { '@type': 'branch', '@href': `${HREF}/repo/${r.id}/branch/${r.defaultBranch}`, '@representation': 'minimal', name: r.defaultBranch },
    starred: false,
    active: true,
    private: true,
    managed_by_installation: true,
  };
}

const userMinimal = (login: string): Json => ({ '@type': 'user', '@href': `${HREF}/user/${hashString(login) % 1_000_000}`, '@representation': 'minimal', id: hashString(login) % 1_000_000, login });

function commitMinimal(b: BuildRecord): Json {
  return {
    '@type': 'commit',
    '@representation': 'minimal',
    id: 900_000_000 + (hashString(b.commit.sha) % 90_000_000),
    sha: b.commit.sha,
    ref: b.commit.ref,
    message: b.commit.message,
    compare_url: `https://github.com/${b.repo.slug}/${b.pullRequest ? `pull/${b.pullRequest.number}` : `commit/${b.commit.sha}`}`,
    committed_at: iso(b.commit.committedAt),
  };
}

function previousState(world: World, b: BuildRecord, now: number): string | null {
  const prev = world
    .visibleBuilds(now)
    .filter((x) => x.repo === b.repo && x.branch === b.branch && x.event === b.event && x.id < b.id)
    .at(-1);
  return prev ? buildView(prev, now).state : null;
}

export function buildMinimal(world: World, b: BuildRecord, now: number): Json {
  const v = buildView(b, now);
  return {
    '@type': 'build',
    '@href': `${HREF}/build/${b.id}`,
    '@representation': 'minimal',
    id: b.id,
    number: b.number,
    state: world.stateShown.get(`build:${b.id}`) ?? v.state,
    duration: v.duration,
    event_type: b.event,
    previous_state: previousState(world, b, now),
    pull_request_title: b.pullRequest?.title ?? null,
    pull_request_number: b.pullRequest?.number ?? null,
    started_at: t(v.startedAt),
    finished_at: t(v.finishedAt),
    private: true,
    priority: false,
  };
}

export function buildStandard(world: World, b: BuildRecord, now: number, inc: Includes): Json {
  const v = buildView(b, now);
  const stage = { '@type': 'stage', '@representation': 'minimal', id: b.id * 2, number: 1, name: b.jobs[0]?.stage ?? 'test', state: v.state, started_at: t(v.startedAt), finished_at: t(v.finishedAt) };
  return {
    ...buildMinimal(world, b, now),
    '@representation': 'standard',
    '@permissions': { read: true, cancel: true, restart: true },
    repository: repoMinimal(b.repo),
    branch: { '@type': 'branch', '@href': `${HREF}/repo/${b.repo.id}/branch/${b.branch}`, '@representation': 'minimal', name: b.branch },
    tag: null,
    commit: commitMinimal(b),
    jobs: b.jobs.map((j) => (inc.jobs ? jobStandard(b, j, now, inc, world.stateShown) : { '@type': 'job', '@href': `${HREF}/job/${j.id}`, '@representation': 'minimal', id: j.id })),
    stages: [stage],
    created_by: userMinimal(b.createdBy),
    updated_at: isoMs(v.updatedAt),
  };
}

/** `shown`: states reported instead of the real one (World.stateShown). */
export function jobStandard(b: BuildRecord, j: JobRecord, now: number, inc: Pick<Includes, 'jobConfig'>, shown?: ReadonlyMap<string, string>): Json {
  const v = jobView(j, now);
  return {
    '@type': 'job',
    '@href': `${HREF}/job/${j.id}`,
    '@representation': 'standard',
    '@permissions': { read: true, delete_log: false, cancel: true, restart: true, debug: false },
    id: j.id,
    allow_failure: j.allowFailure,
    number: j.number,
    state: shown?.get(`job:${j.id}`) ?? v.state,
    started_at: t(v.startedAt),
    finished_at: t(v.finishedAt),
    build: { '@type': 'build', '@href': `${HREF}/build/${b.id}`, '@representation': 'minimal', id: b.id, number: b.number, state: buildView(b, now).state },
    queue: 'builds.gce-oss',
    repository: repoMinimal(b.repo),
    commit: commitMinimal(b),
    owner: userMinimal(b.repo.slug.split('/')[0] ?? 'acme'),
    stage: { '@type': 'stage', '@representation': 'minimal', id: b.id * 2, number: 1, name: j.stage },
    created_at: isoMs(j.attempts[0]?.createdAt ?? b.createdAt),
    updated_at: isoMs(v.updatedAt),
    private: true,
    restarted_at: j.restartedAt !== undefined ? iso(j.restartedAt) : null,
    restarted_by: j.restartedAt !== undefined ? userMinimal(b.createdBy) : null,
    ...(inc.jobConfig ? { config: { '@type': 'job_config', '@representation': 'standard', ...j.config } } : {}),
  };
}

export function requestStandard(world: World, r: RequestRecord, now: number): Json {
  const built = r.build.createdAt <= now;
  // Before Travis has processed it, a request is a bare row: pending, no message, no config.
  const filled = r.filledAt <= now;
  return {
    '@type': 'request',
    '@href': `${HREF}/repo/${r.repo.id}/request/${r.id}`,
    '@representation': 'standard',
    id: r.id,
    state: built ? 'finished' : filled ? 'received' : 'pending',
    result: built ? 'approved' : null,
    message: filled ? r.message : null,
    repository: repoMinimal(r.repo),
    branch_name: r.branch,
    commit: built ? { '@type': 'commit', '@representation': 'minimal', sha: r.build.commit.sha, ref: r.build.commit.ref, message: r.build.commit.message } : null,
    builds: built ? [buildMinimal(world, r.build, now)] : [],
    owner: userMinimal(r.by),
    created_at: isoMs(r.createdAt),
    event_type: 'api',
    base_commit: null,
    head_commit: null,
    messages: [],
    config: filled ? r.config : null,
    raw_configs: [],
    merge_mode: r.mergeMode,
  };
}

/** Travis's @pagination block; hrefs keep the query and move offset. */
export function pagination(path: string, query: URLSearchParams, limit: number, offset: number, count: number): Json {
  const href = (o: number): Json => {
    const q = new URLSearchParams(query);
    q.set('limit', String(limit));
    q.set('offset', String(o));
    return { '@href': `${path}?${q.toString()}`, offset: o, limit };
  };
  const lastOffset = count === 0 ? 0 : Math.floor((count - 1) / limit) * limit;
  return {
    limit,
    offset,
    count,
    is_first: offset === 0,
    is_last: offset + limit >= count,
    next: offset + limit < count ? href(offset + limit) : null,
    prev: offset > 0 ? href(Math.max(0, offset - limit)) : null,
    first: href(0),
    last: href(lastOffset),
  };
}
