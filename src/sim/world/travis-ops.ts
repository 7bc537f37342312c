import { parse as parseYaml } from 'yaml';
import { buildView, currentAttempt, isActive, jobView, type BuildRecord, type JobRecord, type TravisRepo } from './ci.js';
import { pinsOf, serviceJobs, sdkVersionIn } from './service-jobs.js';
import { DELAYS, LIVE_TIMING, REQUEST_FILL_MS, buildDelays } from './timings.js';
import { WorldError, type JobSpec, type RequestRecord, type World } from './world.js';

/** Accepted API requests on a repo within the rolling window ending at `now`. */
export function requestsInWindow(world: World, repo: TravisRepo, now: number): number {
  return world.requests.filter((r) => r.repo === repo && r.createdAt > now - DELAYS.requestWindowMs && r.createdAt <= now).length;
}

export interface TriggerResult {
  readonly request: RequestRecord;
  readonly remaining: number;
  /** Customer ids an update job was created for, in job order. */
  readonly customers: readonly string[];
}

/**
 * POST /repo/{slug}/requests. The body may be `{request: {...}}` or flat. Each `env.jobs` (or `env.matrix`, or a
 * plain `env` list) entry becomes one job, with `env.global` added to each; on the PPC fleet repo a job updates
 * the customer named by CUSTOMER to PPC_REVISION.
 */
export function triggerRequest(world: World, repo: TravisRepo, body: unknown, now: number, by: string): TriggerResult {
  // Counted before the request is created, as travis-api's requests/create.rb does: 10 with none this hour.
  const before = requestsInWindow(world, repo, now);
  if (before >= world.requestLimit) throw new WorldError('request_limit', 'request limit reached for resource');
  const outer = asObject(body);
  const request = asObject(outer['request'] ?? outer);
  const branch = typeof request['branch'] === 'string' && request['branch'] ? request['branch'] : repo.defaultBranch;
  const message = typeof request['message'] === 'string' ? request['message'] : null;
  const config = parseConfig(request['config']);
  if (typeof config === 'string') throw new WorldError('validation', config, 'config');
  const mergeMode = typeof request['merge_mode'] === 'string' ? request['merge_mode'] : 'deep_merge_append';
  const envs = jobEnvs(config);
  const id = world.takeRequestId();
  const filledAt = world.rules.requestsFilledInLater ? now + REQUEST_FILL_MS : now;
  const customers: string[] = [];
  let jobs: JobSpec[];
  let commit: BuildRecord['commit'];
  if (repo === world.fleet) {
    jobs = envs.map((env) => {
      const vars = parseEnv(env);
      const customer = vars.get('CUSTOMER');
      const known = world.customers.some((c) => c.id === customer);
      if (customer && known) customers.push(customer);
      const failOnce = customer !== undefined && world.ppcFailOnce.delete(customer);
      return {
        name: env || 'ppc update',
        stage: 'update',
        kind: { type: 'ppc', customer, revision: vars.get('PPC_REVISION'), known },
        // An unknown customer or a missing revision fails every time; the scripted customer fails once.
        failAttempts: !known || !vars.get('PPC_REVISION') ? Number.MAX_SAFE_INTEGER : failOnce ? 1 : 0,
        config: { language: 'shell', os: 'linux', dist: 'jammy', stage: 'update', env: [env], script: ['acme-sdk ppc update --customer $CUSTOMER --revision $PPC_REVISION'] },
      };
    });
    commit = { sha: repo.headSha, ref: `refs/heads/${branch}`, message: message ?? repo.headMessage, committedAt: now };
  } else {
    const head = world.git.head(branch);
    if (!head) throw new WorldError('not_found', 'branch not found');
    jobs = serviceJobs('api', branch, sdkVersionIn(head.files, world.team), undefined, pinsOf(world.team));
    commit = { sha: head.sha, ref: `refs/heads/${branch}`, message: message ?? head.message, committedAt: head.committedAt };
  }
  const build = world.createBuild({
    repo,
    event: 'api',
    branch,
    commit,
    headSha: commit.sha,
    // Never before Travis has read the request's config.
    createdAt: Math.max(now + buildDelays(world.rules.buildsCreatedLate).requestBuildMs, filledAt + DELAYS.requestBuildMs),
    createdBy: by,
    reporting: repo === world.fleet ? 'none' : 'checks',
    jobs,
    timing: LIVE_TIMING,
    requestId: id,
  });
  const record: RequestRecord = { id, repo, createdAt: now, filledAt, branch, message, config: request['config'] ?? null, mergeMode, by, build };
  world.requests.push(record);
  return { request: record, remaining: world.requestLimit - before, customers };
}

function asObject(v: unknown): Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

function parseConfig(config: unknown): Record<string, unknown> | string {
  if (config === undefined || config === null) return {};
  if (typeof config === 'string') {
    try {
      return asObject(parseYaml(config));
    } catch {
      return 'config is not valid YAML or JSON';
    }
  }
  return asObject(config);
}

function jobEnvs(config: Record<string, unknown>): string[] {
  const env = config['env'];
  const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : typeof v === 'string' ? [v] : []);
  let jobs: string[];
  let global: string[] = [];
  if (Array.isArray(env) || typeof env === 'string') jobs = strings(env);
  else {
    const e = asObject(env);
    jobs = [...strings(e['jobs']), ...strings(e['matrix'])];
    global = strings(e['global']);
  }
  if (jobs.length === 0) return [global.join(' ')];
  return jobs.map((j) => [...global, j].join(' '));
}

/** `A=1 B="two words"` into a map. */
export function parseEnv(env: string): Map<string, string> {
  const vars = new Map<string, string>();
  for (const m of env.matchAll(/([A-Za-z_][A-Za-z0-9_]*)=("([^"]*)"|'([^']*)'|(\S*))/g)) vars.set(m[1] as string, m[3] ?? m[4] ?? m[5] ?? '');
  return vars;
}

export function restartJob(world: World, job: JobRecord, now: number): void {
  if (isActive(jobView(job, now).state)) throw new WorldError('job_already_running', 'job already running, cannot restart');
  world.restartAttempt(job, now, LIVE_TIMING);
}

export function restartBuild(world: World, build: BuildRecord, now: number): void {
  if (isActive(buildView(build, now).state)) throw new WorldError('build_already_running', 'build already running, cannot restart');
  for (const job of build.jobs) world.restartAttempt(job, now, LIVE_TIMING);
  build.restartedAt = now;
}

export function cancelBuild(build: BuildRecord, now: number): void {
  if (!isActive(buildView(build, now).state)) throw new WorldError('not_cancelable', 'build is not running, cannot cancel');
  for (const job of build.jobs) cancelAttempt(job, now);
}

export function cancelJob(job: JobRecord, now: number): void {
  if (!isActive(jobView(job, now).state)) throw new WorldError('not_cancelable', 'job is not running, cannot cancel');
  cancelAttempt(job, now);
}

function cancelAttempt(job: JobRecord, now: number): void {
  const a = currentAttempt(job);
  if (a.finishAt > now && a.canceledAt === undefined) a.canceledAt = now;
}
