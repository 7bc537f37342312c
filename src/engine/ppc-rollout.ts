import { targetRevision } from '../domain/release-gates.js';
import { sameRevision, shortSha } from '../domain/sha.js';
import type { CustomerPpc } from '../domain/ppc.js';
import { planRollout, type RolloutPlan } from '../domain/rollout-plan.js';
import { resolveWaves } from '../domain/rollout-waves.js';
import { windowState, type WindowState } from '../domain/rollout-window.js';
import { rolloutStep } from '../domain/steps/steps.js';
import { selectReleaseView } from '../store/selectors.js';
import type { PpcPatch } from './ppc-flight.js';
import { restartJob } from './ppc-restart.js';
import { createRequests } from './ppc-requests.js';
import { createWatcher } from './ppc-watch.js';
import type { EngineOptions } from './ports.js';
import type { FollowRequest } from './reconcile.js';
import { beginStep } from './steps.js';

type Context = Pick<EngineOptions, 'store' | 'services' | 'config' | 'now' | 'notify' | 'refresh' | 'journal' | 'lookForMs' | 'lookDelaysMs'> & {
  readonly watchMs: number;
  /** Also the longest the rollout sleeps while it waits (for the budget, a window) before it plans again. */
  readonly rateLimitWaitMs: number;
};

/**
 * The customer PPC rollout. Each store change asks the planner (domain/rollout-plan.ts) what happens next:
 * waves in order, at most `rollout.concurrency` PPCs in flight, `ppcs.trigger.per_request` customers per Travis
 * request within Travis's hourly request budget, maintenance windows kept. A failed PPC halts it until a human
 * retries (its job is restarted) or skips it; skipping the step aborts it.
 */
export interface Rollout {
  /** The user confirmed "update the PPCs": pin the target and start the step; the pump does the rest. */
  start(): Promise<void>;
  /** The user confirmed retrying a failed PPC: its failed job is restarted, or it goes back in line. */
  retry(id: string): Promise<void>;
  /**
   * Asks for a plan after every store change (the engine's evaluation): verified PPCs become done, the rows say
   * where each waits, requests go. Scheduled on the store like the evaluation, never run inside a listener.
   */
  pump(): void;
  /**
   * Follows an update request sent before this process started (found in the journal) rather than sending its
   * customers again: the resume's seam.
   */
  follow(request: FollowRequest): void;
  stop(): void;
}

const MOVING: ReadonlySet<CustomerPpc['state']> = new Set(['pending', 'queued', 'updating', 'verifying']);
const LEFT_BY_ABORT: ReadonlySet<CustomerPpc['state']> = new Set(['pending', 'queued', 'failed']);
/** As the config schema's default. */
const DEFAULT_CONCURRENCY = 4;

export function createRollout(ctx: Context): Rollout {
  const { store } = ctx;
  const zone = ctx.config.schedule?.timezone ?? 'UTC';
  const concurrency = ctx.config.rollout?.concurrency ?? DEFAULT_CONCURRENCY;
  const perRequest = ctx.config.ppcs?.trigger.per_request ?? 1;
  const customers = ctx.config.ppcs?.customers ?? [];
  const waves = resolveWaves(customers.map((c) => c.id), ctx.config.rollout?.waves ?? []);
  const windowed = customers.filter((c) => c.window !== undefined);
  const windows = new Map<string, WindowState>();
  let waveShown = 0;
  let abortedFor: string | undefined;
  let wake: ReturnType<typeof setTimeout> | undefined;
  let isStopped = false;
  /**
   * Moves on whenever something the plan reads changes outside the store: the requests' ledger, or the clock (a
   * wake-up). With the same rollout slice, the same step and the same epoch the plan is the same, so a store
   * change elsewhere (the clock tick, a notice, another poller) does not walk the fleet: at 10,000 PPCs that walk
   * cost 12 ms on every store update. Once the time the plan waits for has come, any store change (the clock
   * tick at the latest) plans again even if the wake-up timer has not fired: a clock that jumped (a laptop woken
   * from sleep) does not leave the rollout waiting for a timer that counts time the machine slept.
   */
  let epoch = 0;
  let planned: { readonly rollout: unknown; readonly step: unknown; readonly epoch: number; until?: number } | undefined;
  const changed = () => {
    epoch += 1;
    pump();
  };

  const patch = (patches: readonly PpcPatch[]) => {
    if (patches.length > 0) store.getState().ppcsUpdated(patches);
  };
  // Each needs the other, later: the desk hands accepted requests to the watcher, which reports failures back.
  const desk = createRequests({ ...ctx, patch, follow: (flight) => watcher.follow(flight), isStopped: () => isStopped, changed: () => changed() });
  const watcher = createWatcher(ctx, { patch, failed: desk.announce, rejected: desk.failUnsent });
  const stepId = () => rolloutStep(store.getState().checklist.playbook)?.id;
  const stepOf = () => store.getState().checklist.steps.find((s) => s.id === stepId());

  /** Each windowed customer's window now, worked out again only once it opens or closes. */
  function windowsAt(now: number): ReadonlyMap<string, WindowState> {
    for (const c of windowed) {
      const cached = windows.get(c.id);
      if (c.window && (!cached || now >= cached.changesAt)) windows.set(c.id, windowState(c.window, zone, now));
    }
    return windows;
  }

  /** Restarts and lookups kept for PPCs no longer failed (skipped by hand, updated elsewhere) go. */
  function forget(ppcs: readonly CustomerPpc[]): void {
    const failed = new Set(ppcs.filter((p) => p.state === 'failed').map((p) => p.id));
    for (const id of watcher.failedJobs.keys()) if (!failed.has(id)) watcher.failedJobs.delete(id);
    desk.forget(failed);
  }

  /** The step was skipped: what had not gone yet never will, and says why. Running jobs finish and are followed. */
  function abort(ppcs: readonly CustomerPpc[]): void {
    if (abortedFor !== undefined) return;
    abortedFor = stepOf()?.reason ?? 'no reason given';
    clearWake();
    const left = ppcs.filter((p) => LEFT_BY_ABORT.has(p.state));
    patch(left.map((p) => ({ id: p.id, state: 'skipped', detail: `rollout aborted: ${abortedFor}` })));
    const text = `Rollout aborted: ${left.length} PPC${left.length === 1 ? '' : 's'} skipped (${abortedFor})`;
    // The skip that got us here writes its own notice once the step has changed: say how many after it.
    if (left.length > 0) queueMicrotask(() => store.getState().setNotice({ text, tone: 'warning' }));
  }

  function clearWake(): void {
    if (wake) clearTimeout(wake);
    wake = undefined;
  }

  /** Nothing may change in the store while the rollout waits for a window or the budget: plan again then. */
  function wakeAt(at: number | undefined, now: number): void {
    clearWake();
    if (at === undefined || isStopped) return;
    wake = setTimeout(
      () => {
        wake = undefined;
        changed();
      },
      Math.max(10, Math.min(at - now, ctx.rateLimitWaitMs)),
    );
  }

  function announceWave(plan: RolloutPlan): void {
    const { wave } = plan;
    if (!wave || wave.number <= waveShown || plan.send.length === 0) return;
    waveShown = wave.number;
    if (wave.of > 1) store.getState().setNotice({ text: `Wave ${wave.number} of ${wave.of} (${wave.name}): ${wave.size} PPC${wave.size === 1 ? '' : 's'}`, tone: 'info' });
  }

  function pump(): void {
    if (!isStopped) store.getState().schedule(step);
  }

  /** One plan. Its writes change the store, which evaluates (and so plans) again once this has returned. */
  function step(): void {
    if (isStopped) return;
    const state = store.getState();
    const { ppcs, target } = state.rollout;
    const progress = stepOf();
    const isSame = planned && planned.rollout === state.rollout && planned.step === progress && planned.epoch === epoch;
    if (isSame && (planned?.until === undefined || ctx.now() < planned.until)) return;
    const current: NonNullable<typeof planned> = { rollout: state.rollout, step: progress, epoch };
    planned = current;
    const status = progress?.status;
    if (status === 'skipped') return abort(ppcs);
    // A failed step is a halted rollout: nothing new goes, but the rows still say where each PPC waits.
    if ((status !== 'running' && status !== 'failed') || !target) return clearWake();
    // Verified by the PPC's own version endpoint, which the fleet poller writes; one already there needs nothing.
    const verified = ppcs.filter((p) => MOVING.has(p.state) && sameRevision(p.current, target));
    if (verified.length > 0) return patch(verified.map((p) => ({ id: p.id, state: 'done', detail: `reports ${shortSha(target)}` })));
    forget(ppcs);

    const now = ctx.now();
    const plan = planRollout({ ppcs, waves, concurrency, perRequest, budget: desk.budget(now), windows: windowsAt(now), sent: desk.sent(), timezone: zone });
    const patches: PpcPatch[] = [];
    for (const p of ppcs) {
      const row = plan.waiting.get(p.id);
      if (row && (row.state !== p.state || row.detail !== p.detail)) patches.push({ id: p.id, ...row });
    }
    // Numbered and paid for before the store changes: the store change runs this again.
    const batches = plan.send.map((ids) => ({ ids, number: desk.reserve() }));
    for (const { ids, number } of batches) {
      for (const id of ids) patches.push({ id, state: 'updating', detail: `asking Travis for an update build (request ${number} of ${plan.requests})` });
    }
    announceWave(plan);
    patch(patches);
    for (const { ids, number } of batches) void desk.send(ids, target, number);
    current.until = plan.wakeAt;
    wakeAt(plan.wakeAt, now);
  }

  return {
    async start() {
      const id = stepId();
      const state = store.getState();
      const target = targetRevision(selectReleaseView(state));
      if (!id) return;
      if (!target && state.rollout.ppcs.length > 0) {
        state.setNotice({ text: `The new PPC revision is not known yet (${state.checklist.playbook.to}'s lock file has not been read at the release)`, tone: 'error' });
        return;
      }
      if (target) {
        state.rolloutStarted(target);
        patch(state.rollout.ppcs.filter((p) => p.target !== target).map((p) => ({ id: p.id, target })));
      }
      const refused = beginStep(store, id, ctx.now());
      if (refused) state.setNotice({ text: `Nothing done: ${refused}`, tone: 'warning' });
      else if (waves.length > 1) {
        const [first] = waves;
        state.setNotice({ text: `Rolling out in ${waves.length} waves, ${first?.name ?? 'the first'} first; at most ${concurrency} PPCs at a time`, tone: 'info' });
      }
    },

    async retry(id) {
      const state = store.getState();
      const ppc = state.rollout.ppcs.find((p) => p.id === id);
      const target = targetRevision(selectReleaseView(state));
      if (!ppc || ppc.state !== 'failed' || !target) {
        state.setNotice({ text: `Nothing done: ${ppc ? `${id} has not failed` : `there is no PPC ${id}`}`, tone: 'warning' });
        return;
      }
      const job = watcher.failedJobs.get(id);
      let work: Promise<void> = Promise.resolve();
      if (desk.isLost(id)) work = desk.findLost(id);
      else if (job) work = restartJob({ ...ctx, patch, follow: watcher.follow, failedJobs: watcher.failedJobs }, id, job);
      // Its request never ran, or its job is unknown: a new request, with the rest of its own.
      else desk.requeue(id);
      const step = stepId();
      if (step) beginStep(store, step, ctx.now());
      await work;
    },

    pump,

    follow(request) {
      // Before the engine starts (a resume): the ledger moved, and the first plan will see it; nothing is sent now.
      if (desk.adopt(request)) epoch += 1;
    },

    stop() {
      isStopped = true;
      watcher.stop();
      clearWake();
    },
  };
}
