import type { Build, BuildEvent, LogChunk } from '../domain/ci.js';
import { HTTPError } from 'got';
import { SourceError } from '../domain/source.js';
import { toSourceError } from './errors.js';
import { createTravisClient } from './travis-client.js';
import {
  buildShape,
  buildsShape,
  joinParts,
  logPartsShape,
  parse,
  requestShape,
  requestsShape,
  toBuild,
  toRequest,
  triggerShape,
  wholeLogShape,
  type TravisRequest,
} from './travis-map.js';

export type { TravisRequest } from './travis-map.js';

export interface TravisServiceOptions {
  readonly baseUrl: string;
  readonly token?: string | undefined;
  /** Per attempt (default 15 s). */
  readonly timeoutMs?: number;
  readonly userAgent?: string;
  /** The web UI root (e.g. https://app.travis-ci.com), for build links. */
  readonly webUrl?: string;
}

export interface BuildQuery {
  /** "owner/name" */
  readonly repo: string;
  readonly branches?: readonly string[];
  readonly events?: readonly BuildEvent[];
  /** Newest first, at most this many. */
  readonly limit: number;
}

export interface TriggerOptions {
  readonly branch: string;
  readonly message: string;
  /** Merged into the repo's .travis.yml according to `mergeMode`. */
  readonly config: Readonly<Record<string, unknown>>;
  readonly mergeMode: 'replace' | 'merge' | 'deep_merge' | 'deep_merge_append' | 'deep_merge_prepend';
}

export interface TriggeredRequest {
  readonly requestId: number;
  /** API-triggered requests left in Travis's rolling hour, when it says. */
  readonly remaining: number | undefined;
}

/** Travis CI API v3: builds, logs and API-triggered requests. Failures are SourceErrors without the token. */
export interface TravisService {
  /** Builds of a repo, newest first, jobs embedded and named: one request per 100 builds. */
  listBuilds(query: BuildQuery): Promise<Build[]>;
  getBuild(id: number): Promise<Build>;
  /**
   * The log text after part number `after`; start with LOG_START and pass back `nextAfter`. Parts are joined in
   * number order up to the first gap (a late part comes next time). Once Travis has aggregated the log, reads
   * log.txt once and returns the rest of it, complete.
   */
  readLog(jobId: number, after: number): Promise<LogChunk>;
  /** Restart and cancel are asynchronous on Travis; refusals (already running, not cancelable) are 'conflict'. */
  restartJob(id: number): Promise<void>;
  restartBuild(id: number): Promise<void>;
  cancelBuild(id: number): Promise<void>;
  /** Starts a build through the API. Never retried: a duplicate costs quota and runs real jobs. Over the hourly limit: 'rate-limited'. */
  triggerRequest(repo: string, trigger: TriggerOptions): Promise<TriggeredRequest>;
  getRequest(repo: string, id: number): Promise<TravisRequest>;
  /** The newest requests of a repo, to reconcile after a trigger whose answer was lost. */
  listRequests(repo: string, limit: number): Promise<TravisRequest[]>;
}

const PAGE = 100;

/** A 429's `max_requests` (the repository's hourly limit) kept on the error, so the rollout learns the limit. */
function withLimit(error: SourceError, cause: unknown): SourceError {
  if (error.kind !== 'rate-limited' || !(cause instanceof HTTPError)) return error;
  const body = cause.response.body as { max_requests?: unknown } | undefined;
  const max = body && typeof body === 'object' ? body.max_requests : undefined;
  if (typeof max !== 'number' || !Number.isInteger(max) || max < 1) return error;
  return new SourceError(error.source, error.kind, error.message, { ...(error.status === undefined ? {} : { status: error.status }), ...(error.retryAt === undefined ? {} : { retryAt: error.retryAt }), limit: max });
}

const isStatus = (error: unknown, status: number): boolean => error instanceof HTTPError && error.response.statusCode === status;

// Jobs embedded in full, with their config: the only place a job's readable name lives.
const JOBS_WITH_NAMES = 'build.jobs,job.config';

/** Pass as `after` for a job's first log read: Travis numbers parts from 0. */
export const LOG_START = -1;

export function createTravisService(options: TravisServiceOptions): TravisService {
  const http = createTravisClient({
    baseUrl: options.baseUrl,
    token: options.token,
    timeoutMs: options.timeoutMs ?? 15_000,
    userAgent: options.userAgent ?? 'release-cockpit',
  });
  const slug = (repo: string): string => encodeURIComponent(repo);
  // Characters of log text handed out per job, so an aggregated log can continue where the parts stopped.
  const delivered = new Map<number, { after: number; length: number }>();

  async function run<T>(doing: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      throw toSourceError(err, { source: 'travis', doing, secrets: [options.token] });
    }
  }

  const getJson = async (path: string, searchParams?: Record<string, string | number>): Promise<unknown> =>
    (await http.get(path, searchParams ? { searchParams } : {})).body;

  /** Set once the server answered 404 for log_parts: it reads whole logs from /job/{id}/log. */
  let hasNoParts = false;

  /**
   * GET /job/{id}/log: the log so far as one text. `after` counts characters already handed out here (the parts'
   * numbers mean nothing to it). A job that has no log yet answers 404, or 500 on the real API: "no log yet".
   */
  async function readWholeLog(jobId: number, after: number, doing: string): Promise<LogChunk> {
    const sofar = Math.max(0, after);
    let answer: unknown;
    try {
      answer = await getJson(`job/${jobId}/log`);
    } catch (error) {
      if (isStatus(error, 404) || isStatus(error, 500)) return { text: '', nextAfter: after, isComplete: false, noLogYet: true };
      throw error;
    }
    const log = parse(wholeLogShape, answer, doing);
    const content = log.content ?? '';
    const isComplete = (log.log_parts ?? []).some((p) => p.final === true);
    return { text: content.slice(sofar), nextAfter: Math.max(sofar, content.length), isComplete };
  }

  const postJson = async (path: string, json?: unknown): Promise<unknown> => (await http.post(path, json === undefined ? {} : { json })).body;

  return {
    listBuilds(query: BuildQuery): Promise<Build[]> {
      const doing = `listing builds of ${query.repo}`;
      return run(doing, async () => {
        const builds: Build[] = [];
        for (let offset = 0; builds.length < query.limit; offset += PAGE) {
          const limit = Math.min(PAGE, query.limit - builds.length);
          const params: Record<string, string | number> = { limit, offset, include: JOBS_WITH_NAMES };
          if (query.branches?.length) params['branch.name'] = query.branches.join(',');
          if (query.events?.length) params['build.event_type'] = query.events.join(',');
          const page = parse(buildsShape, await getJson(`repo/${slug(query.repo)}/builds`, params), doing);
          builds.push(...page.builds.map((b) => toBuild(b, options.webUrl)));
          if (page.builds.length < limit || page['@pagination']?.is_last !== false) break;
        }
        return builds.slice(0, query.limit);
      });
    },

    getBuild(id: number): Promise<Build> {
      const doing = `reading build ${id}`;
      return run(doing, async () => toBuild(parse(buildShape, await getJson(`build/${id}`, { include: JOBS_WITH_NAMES }), doing), options.webUrl));
    },

    readLog(jobId: number, after: number): Promise<LogChunk> {
      const doing = `reading the log of job ${jobId}`;
      return run(doing, async () => {
        if (hasNoParts) return readWholeLog(jobId, after, doing);
        const seen = delivered.get(jobId);
        const sofar = after < 0 ? 0 : seen?.after === after ? seen.length : undefined;
        let answer: unknown;
        try {
          answer = await getJson(`job/${jobId}/log_parts`, after < 0 ? undefined : { after });
        } catch (error) {
          // An older Travis Enterprise has no log_parts endpoint: its 404 sends us to /log from now on.
          if (!isStatus(error, 404)) throw error;
          hasNoParts = true;
          return readWholeLog(jobId, after, doing);
        }
        const parts = parse(logPartsShape, answer, doing).log_parts;
        const outcome = joinParts(parts, after);
        if (outcome.kind === 'unavailable') return { text: '', nextAfter: after, isComplete: false };
        if (outcome.kind === 'chunk') {
          if (outcome.chunk.isComplete) delivered.delete(jobId);
          else if (sofar !== undefined) delivered.set(jobId, { after: outcome.chunk.nextAfter, length: sofar + outcome.chunk.text.length });
          return outcome.chunk;
        }
        const full = (await http.get(`job/${jobId}/log.txt`, { responseType: 'text' })).body;
        delivered.delete(jobId);
        // Without a record of what the caller already has, the whole log is the honest answer.
        return { text: sofar === undefined ? full : full.slice(sofar), nextAfter: after, isComplete: true };
      });
    },

    restartJob(id: number): Promise<void> {
      return run(`restarting job ${id}`, async () => void (await postJson(`job/${id}/restart`)));
    },

    restartBuild(id: number): Promise<void> {
      return run(`restarting build ${id}`, async () => void (await postJson(`build/${id}/restart`)));
    },

    cancelBuild(id: number): Promise<void> {
      return run(`cancelling build ${id}`, async () => void (await postJson(`build/${id}/cancel`)));
    },

    triggerRequest(repo: string, trigger: TriggerOptions): Promise<TriggeredRequest> {
      const doing = `triggering a build of ${repo} on ${trigger.branch}`;
      return run(doing, async () => {
        const body = { request: { branch: trigger.branch, message: trigger.message, config: trigger.config, merge_mode: trigger.mergeMode } };
        let answer: unknown;
        try {
          answer = await postJson(`repo/${slug(repo)}/requests`, body);
        } catch (error) {
          throw withLimit(toSourceError(error, { source: 'travis', doing, secrets: [options.token] }), error);
        }
        const res = parse(triggerShape, answer, doing);
        // Counted before this request was created: with none this hour Travis says 10, this one included.
        return { requestId: res.request.id, remaining: res.remaining_requests ?? undefined };
      });
    },

    getRequest(repo: string, id: number): Promise<TravisRequest> {
      const doing = `reading request ${id} of ${repo}`;
      return run(doing, async () => toRequest(parse(requestShape, await getJson(`repo/${slug(repo)}/request/${id}`), doing)));
    },

    listRequests(repo: string, limit: number): Promise<TravisRequest[]> {
      const doing = `listing requests of ${repo}`;
      return run(doing, async () => parse(requestsShape, await getJson(`repo/${slug(repo)}/requests`, { limit: Math.min(Math.max(limit, 1), PAGE) }), doing).requests.map(toRequest));
    },
  };
}
