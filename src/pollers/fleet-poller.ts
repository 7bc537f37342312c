import type { Config } from '../config/schema.js';
import type { CustomerPpc, PpcState } from '../domain/ppc.js';
import { rolloutStep } from '../domain/steps/steps.js';
import type { Services } from '../services/index.js';
import type { CockpitState } from '../store/state.js';
import { createPoller, type Poller } from './poller.js';
import { isAtRevision, readFleet } from './read-fleet.js';
import { failureFacts, pollFacts, type WriteContext } from './store-write.js';

export const FLEET_ROLLOUT_MS = 10_000;
export const FLEET_IDLE_MS = 60_000;

/** States only the rollout engine sets; a version read never takes them away, except by reaching the target. */
const ENGINE_STATES: ReadonlySet<PpcState> = new Set(['queued', 'updating', 'verifying', 'failed', 'skipped']);

/**
 * The revision the fleet is judged against: the rollout's own target once set; before that, the revision the
 * release will bring (what the promotion's source pins), so the pane shows what is about to move instead of
 * calling the fleet "done" against the revision it is leaving.
 */
export function fleetTarget(s: CockpitState): string | undefined {
  if (s.rollout.target) return s.rollout.target;
  if (s.environments.status !== 'ready') return undefined;
  const { from, to } = s.checklist.playbook;
  // A playbook that moves no PPC (nightly, hotfix): the fleet should run what the top environment pins.
  if (!rolloutStep(s.checklist.playbook)) return s.environments.data.at(-1)?.components.ppcRevision;
  const pinOf = (name: string) => s.environments.status === 'ready' ? s.environments.data.find((e) => e.name === name)?.components.ppcRevision : undefined;
  return pinOf(from) ?? pinOf(to) ?? s.environments.data.at(-1)?.components.ppcRevision;
}

export function isRolloutMoving(s: CockpitState): boolean {
  const c = s.rollout.counts;
  return c.queued + c.updating + c.verifying > 0;
}

/**
 * A fresh read merged into the fleet the store holds: a PPC at its target is done; otherwise the engine's state
 * stands. A `partial` read (some PPCs only) leaves the others as they are; a whole read is the fleet, in config order.
 */
export function mergeFleet(existing: readonly CustomerPpc[], read: readonly CustomerPpc[], partial = false): CustomerPpc[] {
  const before = new Map(existing.map((p) => [p.id, p]));
  const merge = (p: CustomerPpc): CustomerPpc => {
    const old = before.get(p.id);
    if (!old) return p;
    // A PPC that did not answer runs, as far as anyone knows, what it last reported: judged by that, one updated
    // already stays done, and is never sent again because a read of it failed.
    const read: CustomerPpc =
      p.current === undefined && old.current !== undefined ? { ...p, current: old.current, state: isAtRevision(old.current, p.target) ? 'done' : 'pending' } : p;
    if (read.state === 'done' || !ENGINE_STATES.has(old.state)) return read;
    return { ...read, state: old.state, ...(old.detail ? { detail: old.detail } : {}) };
  };
  if (!partial) return read.map(merge);
  const fresh = new Map(read.map((p) => [p.id, p]));
  return existing.map((p) => {
    const r = fresh.get(p.id);
    return r ? merge(r) : p;
  });
}

/** The PPCs whose update job passed and which have yet to report the target: all a rollout waits to hear from. */
export function verifyingIds(ppcs: readonly CustomerPpc[]): ReadonlySet<string> {
  return new Set(ppcs.filter((p) => p.state === 'verifying').map((p) => p.id));
}

/**
 * Every customer PPC's version every 60 s; while a rollout moves, every 10 s (and whenever the engine asks) the
 * PPCs it waits to hear from, and the whole fleet still once a minute. Re-reading a thousand version endpoints
 * after each update request made a 1,000-PPC rollout 2.6x-2.9x slower than the world it ran against (figure 5 of
 * `npm run bench`); a PPC the rollout has not touched changes only by someone else's hand, which the minute's
 * sweep still sees.
 */
export function createFleetPoller(ctx: WriteContext, services: Services, config: Config): Poller {
  let sweptAt: number | undefined;
  let sweptFor: string | undefined;
  return createPoller({
    name: 'fleet',
    intervalMs: () => (isRolloutMoving(ctx.store.getState()) ? FLEET_ROLLOUT_MS : FLEET_IDLE_MS),
    read: async (signal) => {
      const s = ctx.store.getState();
      const target = fleetTarget(s);
      // On the timers' clock, as the poller's own interval: the sweep is one of its cadences.
      const at = Date.now();
      const isSweepDue = sweptAt === undefined || at - sweptAt >= FLEET_IDLE_MS || at < sweptAt || sweptFor !== target;
      const only = isSweepDue || !isRolloutMoving(s) ? undefined : verifyingIds(s.rollout.ppcs);
      const read = await readFleet(services, config, target, signal, only);
      return { ...read, only, at, target };
    },
    write: ({ data, observed, only, at, target }) => {
      if (!only) [sweptAt, sweptFor] = [at, target];
      // Nothing waited to be heard from: nothing was read, and nothing changes.
      else if (data.length === 0) return;
      const poll = pollFacts(ctx, observed);
      const s = ctx.store.getState();
      s.fleetRead(mergeFleet(s.rollout.ppcs, data, only !== undefined), poll);
    },
    onError: (error) => ctx.store.getState().sourceHealthChanged(failureFacts(ctx, error, 'ppcs').poll),
    now: ctx.now,
  });
}
