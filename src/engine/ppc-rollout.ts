import { sameRevision, shortSha, targetRevision } from '../domain/gates.js';
import type { CustomerPpc } from '../domain/ppc.js';
import { SourceError } from '../domain/source.js';
import { nextBatch, queueDetails, updateRequest } from './ppc-batch.js';
import { settleFlight, type FailedJob, type Flight, type PpcPatch } from './ppc-flight.js';
import type { EngineOptions } from './ports.js';
import { beginStep, errorText, stepOfType } from './steps.js';

type Context = Pick<EngineOptions, 'store' | 'services' | 'config' | 'now' | 'notify' | 'refresh'> & {
  readonly watchMs: number;
  readonly rateLimitWaitMs: number;
};

/**
 * The customer PPC rollout: batches of `ppcs.trigger.per_request` customers in config order, one Travis request
 * per batch and one batch in flight at a time. A failed PPC pauses the rollout before the next batch.
 */
export interface Rollout {
  /** The user confirmed "update the PPCs": pin the target and start the step; the pump queues and sends. */
  start(): Promise<void>;
  /** The user confirmed retrying a failed PPC: its failed job is restarted, or it is queued for the next batch. */
  retry(id: string): Promise<void>;
  /** Called on every store change: verified PPCs become done, the queue is kept, and the next batch is sent when it may go. */
  pump(): void;
  stop(): void;
}

const MOVING: ReadonlySet<CustomerPpc['state']> = new Set(['pending', 'queued', 'updating', 'verifying']);
const utcTime = (ms: number) => new Date(ms).toISOString().slice(11, 19);

export function createRollout(ctx: Context): Rollout {
  const { store } = ctx;
  const flights: Flight[] = [];
  /** A retry restarts these instead of sending a new request. */
  const failedJobs = new Map<string, FailedJob>();
  /** Customers whose request never ran (refused, rejected), by batch: a retry of one re-queues them all. */
  const unsent = new Map<string, readonly string[]>();
  const holds = new Set<ReturnType<typeof setTimeout>>();
  let heldUntil: number | undefined;
  /** Batches sent or being sent; one Travis never ran (refused, held) gives its number back. */
  let batches = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let isWatching = false;
  let isStopped = false;

  const stepId = () => stepOfType(store, 'update-ppcs')?.id ?? stepOfType(store, 'wait-ppcs')?.id;
  const stepStatus = () => {
    const id = stepId();
    return store.getState().checklist.steps.find((s) => s.id === id)?.status;
  };
  const perRequest = () => ctx.config.ppcs?.trigger.per_request ?? 1;
  const patch = (patches: readonly PpcPatch[]) => store.getState().patchPpcs(patches);
  const stillIn = (ids: readonly string[], state: CustomerPpc['state']) => {
    const set = new Set(ids);
    return store.getState().rollout.ppcs.filter((p) => set.has(p.id) && p.state === state).map((p) => p.id);
  };

  function announce(failed: readonly { readonly id: string; readonly detail: string }[]): void {
    const [first] = failed;
    if (!first) return;
    const text = failed.length === 1 ? `PPC ${first.id} failed: ${first.detail}` : `${failed.length} PPCs failed: ${failed.map((f) => `${f.id} (${f.detail})`).join(', ')}`;
    store.getState().setNotice({ text: `${text}. Press r on ${failed.length === 1 ? 'it' : 'each'} in the rollout pane to retry.`, tone: 'error' });
    ctx.notify('failure', text);
  }

  /** A batch whose request never ran fails as a whole, and is retried as a whole. */
  function failUnsent(ids: readonly string[], detail: string): void {
    for (const id of ids) unsent.set(id, ids);
    patch(ids.map((id) => ({ id, state: 'failed', detail })));
    announce([{ id: ids.join(', '), detail }]);
  }

  /** Marks the batch updating at once (so nothing sends it twice), then asks Travis for one build of it. */
  async function send(ids: readonly string[], target: string, label: string): Promise<void> {
    batches += 1;
    patch(ids.map((id) => ({ id, state: 'updating', detail: `asking Travis for an update build (${label})` })));
    const fleet = ctx.config.ppcs;
    if (!fleet) return failUnsent(ids, 'the config has no ppcs.trigger to update PPCs with');
    try {
      const { requestId, remaining } = await ctx.services.travis.triggerRequest(fleet.trigger.repo, updateRequest(ids, target, fleet.trigger.branch));
      const flight: Flight = { label: `Travis request ${requestId}`, customers: ids, waiting: new Set(ids), requestId };
      flights.push(flight);
      patch(stillIn(ids, 'updating').map((id) => ({ id, detail: `in ${flight.label}` })));
      if (remaining !== undefined && remaining < 3) {
        store.getState().setNotice({ text: `Travis allows ${remaining} more API-triggered build${remaining === 1 ? '' : 's'} this hour`, tone: 'warning' });
      }
      schedule();
    } catch (error) {
      batches -= 1;
      if (error instanceof SourceError && error.kind === 'rate-limited') hold(ids, error.retryAt);
      else failUnsent(ids, errorText(error));
    }
  }

  /**
   * Travis allows only so many API-triggered requests an hour: that is a wait, not a failed update. The batch
   * goes back to the queue, and nothing is sent until it may be tried again.
   */
  function hold(ids: readonly string[], retryAt: number | undefined): void {
    const wait = Math.max(1_000, retryAt === undefined ? ctx.rateLimitWaitMs : retryAt - ctx.now());
    heldUntil = ctx.now() + wait;
    const at = utcTime(heldUntil);
    patch(ids.map((id) => ({ id, state: 'queued' })));
    store.getState().setNotice({ text: `Travis's hourly limit of API-triggered builds is reached: the rollout waits until ${at} UTC`, tone: 'warning' });
    if (isStopped) return;
    const handle = setTimeout(() => {
      holds.delete(handle);
      heldUntil = undefined;
      // Rewriting the queue's rows is a store change, and so a pump: the held batch goes again.
      if (!isStopped) syncQueue();
    }, wait);
    holds.add(handle);
  }

  /** Keeps each queued row's "queued: batch 2 of 3" current; true when it wrote. */
  function syncQueue(): boolean {
    const state = store.getState();
    const note =
      heldUntil !== undefined
        ? `Travis's hourly request limit is reached; trying again at ${utcTime(heldUntil)} UTC`
        : state.rollout.counts.failed > 0
          ? 'paused while a PPC has failed'
          : undefined;
    const details = queueDetails(state.rollout.ppcs, perRequest(), batches, note);
    const changed = state.rollout.ppcs.filter((p) => details.has(p.id) && p.detail !== details.get(p.id)).map((p) => ({ id: p.id, detail: details.get(p.id) }));
    patch(changed);
    return changed.length > 0;
  }

  /** The step was skipped: nothing more will be sent, so the queue goes back to pending. */
  function dropQueue(ppcs: readonly CustomerPpc[]): void {
    heldUntil = undefined;
    patch(ppcs.filter((p) => p.state === 'queued').map((p) => ({ id: p.id, state: 'pending', detail: undefined })));
  }

  async function restart(id: string, job: FailedJob): Promise<void> {
    patch([{ id, state: 'updating', detail: `restarting job ${job.number}` }]);
    const watchIt = () => {
      failedJobs.delete(id);
      flights.push({ label: `restarted job ${job.number}`, customers: [id], waiting: new Set([id]), buildId: job.buildId, restarted: job });
      schedule();
    };
    try {
      await ctx.services.travis.restartJob(job.jobId);
      watchIt();
    } catch (error) {
      const kind = error instanceof SourceError ? error.kind : undefined;
      // Refused because it runs already (restarted in Travis meanwhile): follow that run.
      if (kind === 'conflict') return watchIt();
      // Gone: only a new request can update it.
      if (kind === 'not-found') {
        failedJobs.delete(id);
        patch([{ id, state: 'queued' }]);
        return;
      }
      patch([{ id, state: 'failed', detail: `could not restart job ${job.number}: ${errorText(error)}` }]);
    }
  }

  function schedule(): void {
    if (isStopped || timer || flights.length === 0) return;
    timer = setTimeout(() => {
      timer = undefined;
      void watch();
    }, ctx.watchMs);
  }

  /** Follows each flight's request to its build, and each customer's job in it to its end. */
  async function watch(): Promise<void> {
    if (isWatching || !ctx.config.ppcs) return;
    isWatching = true;
    const repo = ctx.config.ppcs.trigger.repo;
    let anyPassed = false;
    try {
      for (const flight of [...flights]) {
        try {
          if (flight.buildId === undefined && flight.requestId !== undefined) {
            const request = await ctx.services.travis.getRequest(repo, flight.requestId);
            if (request.result === 'rejected') {
              flights.splice(flights.indexOf(flight), 1);
              failUnsent(stillIn([...flight.waiting], 'updating'), `Travis rejected update request ${flight.requestId}`);
              continue;
            }
            flight.buildId = request.buildIds[0];
          }
          if (flight.buildId === undefined) continue;
          const build = await ctx.services.travis.getBuild(flight.buildId);
          const state = store.getState();
          const target = state.rollout.target ?? targetRevision(state) ?? '';
          const settled = settleFlight(flight, build, new Map(state.rollout.ppcs.map((p) => [p.id, p])), target);
          for (const id of settled.resolved) flight.waiting.delete(id);
          if (flight.waiting.size === 0) flights.splice(flights.indexOf(flight), 1);
          for (const f of settled.failed) if (f.job) failedJobs.set(f.id, f.job);
          patch(settled.patches);
          announce(settled.failed);
          anyPassed ||= settled.passed.length > 0;
        } catch (error) {
          // A failed read is not a failed update: say so, and look again next time.
          patch(stillIn([...flight.waiting], 'updating').map((id) => ({ id, detail: `cannot read its update build: ${errorText(error)}` })));
        }
      }
    } finally {
      isWatching = false;
      // The PPC's own version endpoint has the last word: ask for it now rather than at the next fleet poll.
      if (anyPassed) ctx.refresh?.('fleet');
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
      const job = failedJobs.get(id);
      let update: Promise<void> = Promise.resolve();
      if (job) update = restart(id, job);
      else {
        // Its request never ran (or its job is unknown): it goes with the next batch, with the rest of its own.
        const group = stillIn(unsent.get(id) ?? [id], 'failed');
        for (const member of group) unsent.delete(member);
        patch(group.map((member) => ({ id: member, state: 'queued' })));
      }
      const step = stepId();
      if (step) beginStep(store, step, ctx.now());
      await update;
    },

    pump() {
      if (isStopped) return;
      const status = stepStatus();
      const state = store.getState();
      const ppcs = state.rollout.ppcs;
      if (status === 'skipped' || status === 'done') return dropQueue(ppcs);
      // A failed step is a paused rollout: the running batch's jobs carry on and are still followed.
      if (status !== 'running' && status !== 'failed') return;
      const target = state.rollout.target;
      if (!target) return;
      // Verified by the PPC's own version endpoint, which the fleet poller writes; one already there needs nothing.
      const verified = ppcs.filter((p) => MOVING.has(p.state) && sameRevision(p.current, target));
      if (verified.length > 0) {
        patch(verified.map((p) => ({ id: p.id, state: 'done', detail: `reports ${shortSha(target)}` })));
        return;
      }
      const fresh = status === 'running' ? ppcs.filter((p) => p.state === 'pending') : [];
      if (fresh.length > 0) {
        patch(fresh.map((p) => ({ id: p.id, state: 'queued' })));
        return;
      }
      if (syncQueue()) return;
      const { failed, updating, verifying } = state.rollout.counts;
      // One batch at a time, and a batch is over once its PPCs report the target: a failure stops the next one.
      if (failed > 0 || updating + verifying > 0 || heldUntil !== undefined) return;
      const ids = nextBatch(ppcs, perRequest());
      const total = batches + Math.ceil(state.rollout.counts.queued / perRequest());
      if (ids.length > 0) void send(ids, target, `batch ${batches + 1} of ${total}`);
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
