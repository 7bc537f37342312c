import type { Random } from '../random.js';

export type Outcome = 'passed' | 'failed' | 'errored';
export type TravisState = 'created' | 'queued' | 'received' | 'started' | 'passed' | 'failed' | 'errored' | 'canceled';
export type BuildEvent = 'push' | 'pull_request' | 'api' | 'cron';
export const FINISHED: ReadonlySet<TravisState> = new Set(['passed', 'failed', 'errored', 'canceled']);

/** One run of a job. A restart appends a new attempt; state is always computed from the last one and the clock. */
export interface Attempt {
  readonly createdAt: number;
  readonly startAt: number;
  readonly finishAt: number;
  readonly outcome: Outcome;
  canceledAt?: number;
  /** Seeds this attempt's log so the same attempt always prints the same lines. */
  readonly seed: number;
}

export type ServiceTask = 'lint' | 'unit' | 'integration' | 'image';
export type JobKind =
  | { readonly type: 'service'; readonly task: ServiceTask }
  | { readonly type: 'ppc'; readonly customer: string | undefined; readonly revision: string | undefined; readonly known: boolean };

export interface JobRecord {
  readonly id: number;
  readonly buildId: number;
  readonly number: string;
  readonly name: string;
  readonly stage: string;
  readonly config: Readonly<Record<string, unknown>>;
  readonly allowFailure: boolean;
  readonly kind: JobKind;
  /** Attempts with an index below this fail (the scripted flaky job fails once: 1). */
  readonly failAttempts: number;
  readonly attempts: Attempt[];
  restartedAt?: number;
}

export interface TravisRepo {
  readonly id: number;
  readonly slug: string;
  readonly defaultBranch: string;
  /** The commit api builds run on (repos only on Travis have no git history in the sim). */
  readonly headSha: string;
  readonly headMessage: string;
}

export interface BuildCommit {
  readonly sha: string;
  readonly ref: string;
  readonly message: string;
  readonly committedAt: number;
}

export interface BuildRecord {
  readonly id: number;
  readonly number: string;
  readonly repo: TravisRepo;
  readonly event: BuildEvent;
  /** For pull-request builds, the base branch (TRAVIS_BRANCH semantics). */
  readonly branch: string;
  readonly commit: BuildCommit;
  /** The sha GitHub check runs and statuses attach to: the pushed commit, or the PR head. */
  readonly headSha: string;
  readonly pullRequest?: { readonly number: number; readonly title: string };
  readonly createdAt: number;
  readonly createdBy: string;
  readonly jobs: readonly JobRecord[];
  /** How this build reports to GitHub: a check run (Travis's GitHub App), a legacy status, or not at all. */
  readonly reporting: 'checks' | 'status' | 'none';
  readonly checkRunId: number;
  readonly checkSuiteId: number;
  readonly requestId?: number;
  restartedAt?: number;
}

/** Ranges in sim milliseconds. */
export interface Timing {
  readonly queueMs: readonly [number, number];
  readonly runMs: readonly [number, number];
}

export interface JobView {
  readonly state: TravisState;
  readonly startedAt: number | null;
  readonly finishedAt: number | null;
  readonly updatedAt: number;
}

export interface BuildView extends JobView {
  /** Sum of job durations once every job finished (what Travis reports), else null. */
  readonly duration: number | null;
}

export function currentAttempt(job: JobRecord): Attempt {
  const last = job.attempts[job.attempts.length - 1];
  if (!last) throw new Error(`job ${job.id} has no attempt`);
  return last;
}

export function planAttempt(random: Random, createdAt: number, timing: Timing, outcome: Outcome): Attempt {
  const startAt = createdAt + random.int(timing.queueMs[0], timing.queueMs[1]);
  return { createdAt, startAt, finishAt: startAt + random.int(timing.runMs[0], timing.runMs[1]), outcome, seed: random.int(1, 2 ** 31) };
}

export function jobView(job: JobRecord, now: number): JobView {
  const a = currentAttempt(job);
  if (a.canceledAt !== undefined && a.canceledAt <= now && a.canceledAt < a.finishAt) {
    return { state: 'canceled', startedAt: a.startAt < a.canceledAt ? a.startAt : null, finishedAt: a.canceledAt, updatedAt: a.canceledAt };
  }
  if (now < a.startAt) {
    const queued = now >= a.createdAt + (a.startAt - a.createdAt) / 2;
    return { state: queued ? 'queued' : 'created', startedAt: null, finishedAt: null, updatedAt: a.createdAt };
  }
  if (now < a.finishAt) return { state: 'started', startedAt: a.startAt, finishedAt: null, updatedAt: a.startAt };
  return { state: a.outcome, startedAt: a.startAt, finishedAt: a.finishAt, updatedAt: a.finishAt };
}

export function buildView(build: BuildRecord, now: number): BuildView {
  const views = build.jobs.map((j) => ({ job: j, view: jobView(j, now) }));
  const updatedAt = Math.max(build.createdAt, ...views.map((v) => v.view.updatedAt));
  const starts = views.map((v) => v.view.startedAt).filter((t): t is number => t !== null);
  const startedAt = starts.length > 0 ? Math.min(...starts) : null;
  if (views.every((v) => FINISHED.has(v.view.state))) {
    const finishedAt = Math.max(...views.map((v) => v.view.finishedAt ?? 0));
    const duration = Math.round(views.reduce((sum, v) => sum + ((v.view.finishedAt ?? 0) - (v.view.startedAt ?? v.view.finishedAt ?? 0)), 0) / 1000);
    const counted = views.filter((v) => !v.job.allowFailure);
    const state: TravisState = views.some((v) => v.view.state === 'canceled')
      ? 'canceled'
      : counted.some((v) => v.view.state === 'errored')
        ? 'errored'
        : counted.some((v) => v.view.state === 'failed')
          ? 'failed'
          : 'passed';
    return { state, startedAt, finishedAt, duration, updatedAt };
  }
  const state: TravisState = startedAt !== null ? 'started' : views.some((v) => v.view.state === 'queued') ? 'queued' : 'created';
  return { state, startedAt, finishedAt: null, duration: null, updatedAt };
}

export const isActive = (state: TravisState): boolean => !FINISHED.has(state);
