import { targetRevision } from '../domain/release-gates.js';
import type { CustomerPpc } from '../domain/ppc.js';
import { selectReleaseView } from '../store/selectors.js';
import { jobsByCustomer } from './ppc-batch.js';
import { settleFlight, type FailedJob, type Flight, type PpcPatch } from './ppc-flight.js';
import { journalNote } from './ppc-send.js';
import type { EngineOptions } from './ports.js';
import { errorText } from './steps.js';

// Follows each update request to its build and each customer's job in it to its end. Jobs already running
// finish whatever the rollout does meanwhile (halted, aborted): their PPCs are followed to the end.

export type WatchContext = Pick<EngineOptions, 'store' | 'services' | 'config' | 'refresh' | 'journal'> & { readonly watchMs: number };

export interface WatchHooks {
  readonly patch: (patches: readonly PpcPatch[]) => void;
  /** PPCs whose update failed: the rollout halts and says so. */
  readonly failed: (failed: readonly { readonly id: string; readonly detail: string }[]) => void;
  /** A request Travis rejected: its customers never ran. */
  readonly rejected: (ids: readonly string[], detail: string) => void;
}

export interface Watcher {
  readonly flights: Flight[];
  /** A retry restarts these instead of sending a new request. */
  readonly failedJobs: Map<string, FailedJob>;
  /** Starts following `flight` (a new request, or a restarted job). */
  follow(flight: Flight): void;
  stop(): void;
}

export function createWatcher(ctx: WatchContext, hooks: WatchHooks): Watcher {
  const { store } = ctx;
  const flights: Flight[] = [];
  const failedJobs = new Map<string, FailedJob>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let isWatching = false;
  let isStopped = false;

  const updating = (ids: Iterable<string>) => {
    const set = new Set(ids);
    return store.getState().rollout.ppcs.filter((p) => set.has(p.id) && p.state === 'updating').map((p) => p.id);
  };

  /** When the last look began: looks begin every `watchMs`, however long one takes, not `watchMs` after it. */
  let lookedAt = 0;

  function schedule(): void {
    if (isStopped || timer || flights.length === 0) return;
    timer = setTimeout(
      () => {
        timer = undefined;
        void watch();
      },
      Math.max(0, lookedAt + ctx.watchMs - Date.now()),
    );
  }

  /** Every customer's outcome is known: the request's journal entry gets them (job and result per customer). */
  function land(flight: Flight): void {
    flights.splice(flights.indexOf(flight), 1);
    if (!flight.intent) return;
    const requestId = flight.requestId === undefined ? {} : { requestId: flight.requestId };
    journalNote(ctx.journal, { type: 'outcome', id: flight.intent, ok: true, ...requestId, note: (flight.results ?? []).join('; ') });
  }

  async function look(flight: Flight, repo: string): Promise<boolean> {
    if (flight.buildId === undefined && flight.requestId !== undefined) {
      const request = await ctx.services.travis.getRequest(repo, flight.requestId);
      if (request.result === 'rejected') {
        flights.splice(flights.indexOf(flight), 1);
        hooks.rejected(updating(flight.waiting), `Travis rejected update request ${flight.requestId}`);
        return false;
      }
      flight.buildId = request.buildIds[0];
    }
    if (flight.buildId === undefined) return false;
    const build = await ctx.services.travis.getBuild(flight.buildId);
    const state = store.getState();
    const target = state.rollout.target ?? targetRevision(selectReleaseView(state)) ?? '';
    const rows = new Map<string, CustomerPpc>(state.rollout.ppcs.map((p) => [p.id, p]));
    const settled = settleFlight(flight, build, rows, target);
    const ended = new Map(settled.patches.filter((p) => p.state === 'verifying' || p.state === 'failed').map((p) => [p.id, p.detail ?? p.state]));
    const jobs = flight.restarted ? undefined : jobsByCustomer(build.jobs, flight.customers);
    for (const id of settled.resolved) {
      flight.waiting.delete(id);
      // One the fleet read found at the target before its job was seen to end (or skipped meanwhile) says so.
      const job = jobs?.get(id);
      const state = rows.get(id)?.state ?? 'gone';
      flight.results?.push(`${id}: ${ended.get(id) ?? (job ? `update job ${job.number} ${job.state} (${state})` : state)}`);
    }
    for (const f of settled.failed) if (f.job) failedJobs.set(f.id, f.job);
    if (flight.waiting.size === 0) land(flight);
    hooks.patch(settled.patches);
    hooks.failed(settled.failed);
    return settled.passed.length > 0;
  }

  async function watch(): Promise<void> {
    if (isWatching || !ctx.config.ppcs) return;
    isWatching = true;
    lookedAt = Date.now();
    const repo = ctx.config.ppcs.trigger.repo;
    let anyPassed = false;
    try {
      for (const flight of [...flights]) {
        try {
          anyPassed = (await look(flight, repo)) || anyPassed;
        } catch (error) {
          // A failed read is not a failed update: say so, and look again next time.
          hooks.patch(updating(flight.waiting).map((id) => ({ id, detail: `cannot read its update build: ${errorText(error)}` })));
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
    flights,
    failedJobs,
    follow(flight) {
      flights.push(flight);
      schedule();
    },
    stop() {
      isStopped = true;
      if (timer) clearTimeout(timer);
      timer = undefined;
    },
  };
}
