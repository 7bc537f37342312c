import type { Config } from '../config/schema.js';
import { countPpcs, type CustomerPpc, type PpcState } from '../domain/ppc.js';
import type { Services } from '../services/index.js';
import type { CockpitState } from '../store/state.js';
import { createPoller, type Poller } from './poller.js';
import { readFleet } from './read-fleet.js';
import { writeFailure, writePoll, type WriteContext } from './store-write.js';

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
  const { from, to, steps } = s.checklist.playbook;
  // A playbook that moves no PPC (nightly, hotfix): the fleet should run what the top environment pins.
  if (!steps.some((d) => d.type === 'update-ppcs' || d.type === 'wait-ppcs')) return s.environments.data.at(-1)?.components.ppcRevision;
  const pinOf = (name: string) => s.environments.status === 'ready' ? s.environments.data.find((e) => e.name === name)?.components.ppcRevision : undefined;
  return pinOf(from) ?? pinOf(to) ?? s.environments.data.at(-1)?.components.ppcRevision;
}

export function isRolloutMoving(s: CockpitState): boolean {
  const c = s.rollout.counts;
  return c.queued + c.updating + c.verifying > 0;
}

/** A fresh read merged into the fleet the store holds: a PPC at its target is done; otherwise the engine's state stands. */
export function mergeFleet(existing: readonly CustomerPpc[], read: readonly CustomerPpc[]): CustomerPpc[] {
  const before = new Map(existing.map((p) => [p.id, p]));
  return read.map((p) => {
    const old = before.get(p.id);
    if (p.state === 'done' || !old || !ENGINE_STATES.has(old.state)) return p;
    return { ...p, state: old.state, ...(old.detail ? { detail: old.detail } : {}) };
  });
}

/** Every customer PPC's version: every 10 s while a rollout moves, else every 60 s. */
export function createFleetPoller(ctx: WriteContext, services: Services, config: Config): Poller {
  return createPoller({
    name: 'fleet',
    intervalMs: () => (isRolloutMoving(ctx.store.getState()) ? FLEET_ROLLOUT_MS : FLEET_IDLE_MS),
    read: (signal) => readFleet(services, config, fleetTarget(ctx.store.getState()), signal),
    write: ({ data, observed }) =>
      writePoll(ctx, observed, (s) => {
        const ppcs = mergeFleet(s.rollout.ppcs, data);
        return { rollout: { ...s.rollout, ppcs, counts: countPpcs(ppcs) } };
      }),
    onError: (error) => writeFailure(ctx, error, 'ppcs', () => ({})),
    now: ctx.now,
  });
}
