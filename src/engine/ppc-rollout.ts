import { isActive } from '../domain/ci-verdict.js';
import { sameRevision, shortSha, targetRevision } from '../domain/gates.js';
import type { CustomerPpc } from '../domain/ppc.js';
import { SourceError } from '../domain/source.js';
import type { EngineOptions } from './ports.js';
import { beginStep, errorText, stepOfType } from './steps.js';

type Context = Pick<EngineOptions, 'store' | 'services' | 'config' | 'now' | 'notify' | 'refresh'> & {
  readonly watchMs: number;
  readonly rateLimitWaitMs: number;
};

/** The customer PPC rollout, one PPC at a time in config order. */
export interface Rollout {
  /** The user confirmed "update the PPCs": pin the target, start the step, trigger the first PPC. */
  start(): Promise<void>;
  /** The user confirmed retrying a failed PPC. */
  retry(id: string): Promise<void>;
  /** Called on every store change: verified PPCs become done, and the next one is triggered when none is in flight. */
  pump(): void;
  stop(): void;
}

/** A triggered update: its Travis request, and the build Travis made of it once known. */
interface Tracked {
  readonly requestId: number | undefined;
  buildId?: number;
}

const IN_FLIGHT: ReadonlySet<CustomerPpc['state']> = new Set(['queued', 'updating', 'verifying']);

export function createRollout(ctx: Context): Rollout {
  const { store } = ctx;
  const tracked = new Map<string, Tracked>();
  /** The failed job of each failed PPC: a retry restarts it, which costs none of Travis's hourly request budget. */
  const failedJobs = new Map<string, { readonly buildId: number; readonly jobId: number }>();
  const holds = new Set<ReturnType<typeof setTimeout>>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let isWatching = false;
  let isStopped = false;

  const stepId = () => stepOfType(store, 'update-ppcs')?.id ?? stepOfType(store, 'wait-ppcs')?.id;
  const isRunning = () => {
    const id = stepId();
    return store.getState().checklist.steps.find((s) => s.id === id)?.status === 'running';
  };
  const patch = (id: string, change: Partial<Omit<CustomerPpc, 'id'>>) => store.getState().patchPpcs([{ id, ...change }]);

  function failPpc(id: string, detail: string): void {
    tracked.delete(id);
    patch(id, { state: 'failed', detail });
    store.getState().setNotice({ text: `PPC ${id} failed: ${detail}. Press r on it in the rollout pane to retry.`, tone: 'error' });
    ctx.notify('failure', `PPC ${id} failed: ${detail}`);
  }

  /** Marks `id` updating at once (so nothing triggers it twice), then asks Travis for its update build. */
  function trigger(id: string, target: string): Promise<void> {
    patch(id, { state: 'updating', target, detail: 'asking Travis for an update build' });
    const fleet = ctx.config.ppcs;
    if (!fleet) {
      failPpc(id, 'the config has no ppcs.trigger to update PPCs with');
      return Promise.resolve();
    }
    const { repo, branch } = fleet.trigger;
    return ctx.services.travis
      .triggerRequest(repo, {
        branch,
        message: `release-cockpit: update ${id} to PPC ${shortSha(target)}`,
        config: { env: { jobs: [`CUSTOMER=${id} PPC_REVISION=${target}`] } },
        mergeMode: 'deep_merge_append',
      })
      .then(
        ({ requestId, remaining }) => {
          tracked.set(id, { requestId });
          patch(id, { detail: `Travis request ${requestId}` });
          if (remaining !== undefined && remaining < 3) {
            store.getState().setNotice({ text: `Travis allows ${remaining} more API-triggered build${remaining === 1 ? '' : 's'} this hour`, tone: 'warning' });
          }
          schedule();
        },
        (error: unknown) => {
          if (error instanceof SourceError && error.kind === 'rate-limited') hold(id, error.retryAt);
          else failPpc(id, errorText(error));
        },
      );
  }

  /**
   * Travis allows only so many API-triggered builds an hour: that is a wait, not a failed update. The PPC stays
   * queued (so nothing else is triggered meanwhile) and goes back to pending when it may be tried again.
   */
  function hold(id: string, retryAt: number | undefined): void {
    const wait = Math.max(1_000, retryAt === undefined ? ctx.rateLimitWaitMs : retryAt - ctx.now());
    const at = new Date(ctx.now() + wait).toISOString().slice(11, 19);
    patch(id, { state: 'queued', detail: `Travis's hourly limit of API-triggered builds is reached; trying again at ${at} UTC` });
    store.getState().setNotice({ text: `Travis's hourly limit of API-triggered builds is reached: the rollout waits until ${at} UTC`, tone: 'warning' });
    if (isStopped) return;
    const handle = setTimeout(() => {
      holds.delete(handle);
      if (!isStopped) patch(id, { state: 'pending', detail: 'trying again' });
    }, wait);
    holds.add(handle);
  }

  /** Restarts the failed job of a failed update when there is one; otherwise a new request. */
  async function retryUpdate(id: string, target: string): Promise<void> {
    const failed = failedJobs.get(id);
    if (!failed) return trigger(id, target);
    patch(id, { state: 'updating', target, detail: `restarting job ${failed.jobId}` });
    try {
      await ctx.services.travis.restartJob(failed.jobId);
      failedJobs.delete(id);
      tracked.set(id, { requestId: undefined, buildId: failed.buildId });
      schedule();
    } catch {
      failedJobs.delete(id);
      return trigger(id, target);
    }
  }

  function schedule(): void {
    if (isStopped || timer || tracked.size === 0) return;
    timer = setTimeout(() => {
      timer = undefined;
      void watch();
    }, ctx.watchMs);
  }

  /** Follows each triggered request to its build and the build to its end. */
  async function watch(): Promise<void> {
    if (isWatching || !ctx.config.ppcs) return;
    isWatching = true;
    const repo = ctx.config.ppcs.trigger.repo;
    try {
      for (const [id, t] of [...tracked]) {
        try {
          if (t.buildId === undefined) {
            if (t.requestId === undefined) continue;
            const request = await ctx.services.travis.getRequest(repo, t.requestId);
            if (request.result === 'rejected') {
              failPpc(id, `Travis rejected update request ${t.requestId}`);
              continue;
            }
            t.buildId = request.buildIds[0];
            if (t.buildId === undefined) continue;
          }
          const build = await ctx.services.travis.getBuild(t.buildId);
          if (isActive(build.state)) {
            patch(id, { detail: `update build ${build.number} ${build.state}` });
          } else if (build.state === 'passed') {
            tracked.delete(id);
            patch(id, { state: 'verifying', detail: `update build ${build.number} passed; waiting for ${id} to report the new revision` });
            ctx.refresh?.('fleet');
          } else {
            const job = build.jobs.find((j) => !j.allowFailure && j.state !== 'passed');
            if (job) failedJobs.set(id, { buildId: build.id, jobId: job.id });
            failPpc(id, `update ${job ? `job ${job.number}` : `build ${build.number}`} ${job?.state ?? build.state}`);
          }
        } catch (error) {
          // A failed read is not a failed update: say so, and look again next time.
          patch(id, { detail: `cannot read its update build: ${errorText(error)}` });
        }
      }
    } finally {
      isWatching = false;
      schedule();
    }
  }

  return {
    async start() {
      const id = stepId();
      const state = store.getState();
      const target = targetRevision(state);
      if (!id) return;
      if (!target && state.rollout.ppcs.length > 0) {
        state.setNotice({ text: `The new PPC revision is not known yet (${state.checklist.playbook.to}'s lock file has not been read at the release)`, tone: 'error' });
        return;
      }
      if (target) {
        state.setRolloutTarget(target);
        state.patchPpcs(state.rollout.ppcs.filter((p) => p.target !== target).map((p) => ({ id: p.id, target })));
      }
      const refused = beginStep(store, id, ctx.now());
      if (refused) state.setNotice({ text: `Nothing done: ${refused}`, tone: 'warning' });
    },

    async retry(id) {
      const state = store.getState();
      const ppc = state.rollout.ppcs.find((p) => p.id === id);
      const target = targetRevision(state);
      if (!ppc || ppc.state !== 'failed' || !target) {
        state.setNotice({ text: `Nothing done: ${ppc ? `${id} has not failed` : `there is no PPC ${id}`}`, tone: 'warning' });
        return;
      }
      const update = retryUpdate(id, target);
      const step = stepId();
      if (step) beginStep(store, step, ctx.now());
      await update;
    },

    pump() {
      if (isStopped || !isRunning()) return;
      const state = store.getState();
      const target = state.rollout.target;
      if (!target) return;
      const ppcs = state.rollout.ppcs;
      // Verified by the PPC's own version endpoint, which the fleet poller writes; one already there needs nothing.
      const verified = ppcs.filter((p) => (p.state === 'pending' || IN_FLIGHT.has(p.state)) && sameRevision(p.current, target));
      if (verified.length > 0) {
        for (const p of verified) tracked.delete(p.id);
        state.patchPpcs(verified.map((p) => ({ id: p.id, state: 'done', detail: `reports ${shortSha(target)}` })));
        return;
      }
      const { failed, queued, updating, verifying } = state.rollout.counts;
      // A failure pauses the rollout: the next customer waits until it is retried or the step is skipped.
      if (failed > 0 || queued + updating + verifying > 0) return;
      const next = ppcs.find((p) => p.state === 'pending');
      if (next) void trigger(next.id, target);
    },

    stop() {
      isStopped = true;
      for (const handle of holds) clearTimeout(handle);
      holds.clear();
      if (timer) clearTimeout(timer);
      timer = undefined;
    },
  };
}
