import type { RateQuota } from '../domain/source.js';
import type { CockpitState } from '../store/state.js';
import type { CockpitStoreApi } from '../store/create-cockpit-store.js';
import { mergeObservations, observeError, toHealth, type Observation } from './observed.js';

export interface WriteContext {
  readonly store: CockpitStoreApi;
  readonly now: () => number;
  /** The GitHub quota after the poll, from the service's latest response headers. */
  readonly quota?: () => RateQuota | undefined;
}

/**
 * One store update for one completed poll: the poll's own data, the health of each source it talked to,
 * and the GitHub quota, together, so a pane never renders half of a poll.
 */
export function writePoll(ctx: WriteContext, observed: readonly Observation[], patch: (s: CockpitState) => Partial<CockpitState>): void {
  const now = ctx.now();
  const quota = ctx.quota?.();
  ctx.store.setState((s) => {
    const sources = { ...s.sources };
    for (const o of mergeObservations(observed)) sources[o.source] = toHealth(o, now, s.sources[o.source]);
    return { ...patch(s), sources, ...(quota ? { quota } : {}) };
  });
}

/** One store update for a failed poll: the source that failed, and whatever the poller keeps of its data. */
export function writeFailure(ctx: WriteContext, error: unknown, fallback: Observation['source'], patch: (s: CockpitState, message: string) => Partial<CockpitState>): void {
  const observation = observeError(error, fallback);
  writePoll(ctx, [observation], (s) => patch(s, observation.detail ?? 'failed'));
}
