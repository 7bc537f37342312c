import type { Config } from '../config/schema.js';
import { lastNightly, nextWindows } from '../domain/schedule.js';
import type { Services } from '../services/index.js';
import type { CockpitStoreApi } from '../store/create-cockpit-store.js';
import { createCandidatesPoller } from './candidates-poller.js';
import { createEnvironmentsPoller } from './environments-poller.js';
import { createFleetPoller, fleetTarget } from './fleet-poller.js';
import { createLogPoller } from './log-poller.js';
import type { Poller } from './poller.js';
import { createPromotionPoller } from './promotion-poller.js';
import type { WriteContext } from './store-write.js';

export type PollerName = 'environments' | 'candidates' | 'promotion' | 'fleet';

export interface RunningPollers {
  readonly pollers: Readonly<Record<PollerName, Poller>>;
  /** Refresh one now, e.g. `promotion` right after opening the PR. Resolves when a fresh read is in the store. */
  refresh(name: PollerName): Promise<void>;
  /** Reads more of the open log tail now (no-op without one). */
  refreshLog(): Promise<void>;
  /** True while any refresh (log tail included) is under way: tests wait for it to be false. */
  busy(): boolean;
  /** Stops every loop, the log tail and the clock; in-flight reads are aborted and their results dropped. */
  stop(): void;
}

export interface StartOptions {
  /** The clock; tests pass a fake one. @default Date.now */
  readonly now?: () => number;
  /** @default 1000 */
  readonly tickMs?: number;
}

export const TICK_MS = 1_000;
/** The longest the other loops wait for the environments' first read before starting anyway. */
export const HEAD_START_MS = 2_000;
/** Started once the environments are in the store (see startPollers). */
const FOLLOWERS: readonly PollerName[] = ['promotion', 'candidates', 'fleet'];

/**
 * Starts every refresh loop the cockpit needs and wires them to the store: environments (30 s; 3 s while
 * the release verifies a site), candidates (60 s and on demand), promotion (3 s while a release step waits
 * on it, 5 s while a PR or build is active, else 30 s), fleet (10 s during a rollout, else 60 s), the log
 * tail of the job the log dialog names (3 s), and a 1 s clock tick that also moves the next nightly/weekly
 * windows on once one has passed.
 *
 * The environments read starts alone and the others follow its first write (or HEAD_START_MS): started
 * together, their ~50 GitHub requests queue in the same throttle (and, in the demo, the same event loop)
 * and the first screen waited for all of them. The fleet also needs production's PPC pin from it, so it
 * would otherwise read every PPC twice.
 */
export function startPollers(store: CockpitStoreApi, services: Services, config: Config, options: StartOptions = {}): RunningPollers {
  const now = options.now ?? Date.now;
  const ctx: WriteContext = { store, now, quota: () => services.github.quota() };
  const pollers: Record<PollerName, Poller> = {
    environments: createEnvironmentsPoller(ctx, services, config),
    candidates: createCandidatesPoller(ctx, services, config),
    promotion: createPromotionPoller(ctx, services, config),
    fleet: createFleetPoller(ctx, services, config),
  };

  let log: { readonly jobId: number; readonly poller: Poller } | undefined;
  const followLogDialog = (): void => {
    const dialog = store.getState().ui.dialog;
    const jobId = dialog?.kind === 'log' ? dialog.jobId : undefined;
    if (log && log.jobId === jobId) return;
    log?.poller.stop();
    log = undefined;
    if (jobId === undefined) return;
    log = { jobId, poller: createLogPoller(ctx, services, jobId) };
    store.getState().logOpened(jobId);
    log.poller.start();
  };

  // A playbook without a candidate to choose (nightly, hotfix) never shows the candidate list: no reads for it.
  const followers = FOLLOWERS.filter((name) => name !== 'candidates' || store.getState().checklist.playbook.steps.some((s) => s.kind === 'choose'));
  let released = false;
  const release = (): void => {
    if (released) return;
    released = true;
    clearTimeout(headStart);
    for (const name of followers) pollers[name].start();
  };
  const headStart = setTimeout(release, HEAD_START_MS);
  headStart.unref?.();

  let target = fleetTarget(store.getState());
  const unsubscribe = store.subscribe((state, previous) => {
    if (state.ui.dialog !== previous.ui.dialog) followLogDialog();
    // The fleet is judged against production's PPC pin: when that becomes known or changes, re-read at once.
    // Before the fleet has started, its first read will use the new pin anyway.
    const next = fleetTarget(state);
    if (next !== target) {
      target = next;
      if (released) void pollers.fleet.refreshNow();
    }
    // A failed first read releases the others too: they may still have something to show.
    if (state.environments.status !== 'loading') release();
    // Cadences follow the release (a gate now waiting on a read, a rollout moving): a long wait already
    // under way is cut short rather than sat out.
    if (state.checklist !== previous.checklist || state.promotion !== previous.promotion || state.rollout !== previous.rollout) {
      for (const p of Object.values(pollers)) p.reschedule();
    }
  });

  const tick = (): void => {
    const t = now();
    const windows = store.getState().meta.windows;
    if (windows && t < Math.min(windows.nightly, windows.weekly)) {
      store.getState().clockTicked(t);
      return;
    }
    const next = nextWindows(config.schedule, t);
    const fresh = { nightly: next.nightly.getTime(), weekly: next.weekly.getTime(), lastNightly: lastNightly(config.schedule, t).getTime() };
    store.getState().clockTicked(t, fresh);
  };
  tick();
  const clock = setInterval(tick, options.tickMs ?? TICK_MS);
  clock.unref?.();

  pollers.environments.start();
  followLogDialog();

  return {
    pollers,
    refresh(name) {
      // Asked for before its turn: start everything now rather than answer with nothing.
      release();
      return pollers[name].refreshNow();
    },
    refreshLog: () => log?.poller.refreshNow() ?? Promise.resolve(),
    busy: () => Object.values(pollers).some((p) => p.busy()) || (log?.poller.busy() ?? false),
    stop() {
      clearInterval(clock);
      clearTimeout(headStart);
      released = true;
      unsubscribe();
      for (const p of Object.values(pollers)) p.stop();
      log?.poller.stop();
      log = undefined;
    },
  };
}
