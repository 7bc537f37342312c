import type { RateQuota } from '../domain/source.js';
import type { CockpitStoreApi } from '../store/create-cockpit-store.js';
import type { PollFacts } from '../store/events.js';
import { mergeObservations, observeError, toHealth, type Observation } from './observed.js';

export interface WriteContext {
  readonly store: CockpitStoreApi;
  readonly now: () => number;
  /** The GitHub quota after the poll, from the service's latest response headers. */
  readonly quota?: () => RateQuota | undefined;
}

/**
 * What one completed poll says beside its data: the health of each source it talked to, and the GitHub quota.
 * The poller hands it to its store action with the data, so a pane never renders half of a poll.
 */
export function pollFacts(ctx: WriteContext, observed: readonly Observation[]): PollFacts {
  const now = ctx.now();
  const quota = ctx.quota?.();
  const { sources } = ctx.store.getState();
  const health = mergeObservations(observed).map((o) => toHealth(o, now, sources[o.source]));
  return { health, ...(quota ? { quota } : {}) };
}

/** A failed poll: the source that failed (its health), and the message a pane keeps showing. */
export function failureFacts(ctx: WriteContext, error: unknown, fallback: Observation['source']): { readonly poll: PollFacts; readonly message: string } {
  const observation = observeError(error, fallback);
  return { poll: pollFacts(ctx, [observation]), message: observation.detail ?? 'failed' };
}
