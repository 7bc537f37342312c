import type { Config } from '../config/schema.js';
import { isActive } from '../domain/ci-verdict.js';
import type { Services } from '../services/index.js';
import type { PromotionState } from '../store/state.js';
import { createPoller, type Poller } from './poller.js';
import { readPromotion } from './read-promotion.js';
import { writeFailure, writePoll, type WriteContext } from './store-write.js';

export const PROMOTION_ACTIVE_MS = 5_000;
export const PROMOTION_IDLE_MS = 30_000;

/** Something is moving: an open PR (its build, its mergeability) or a build still running. */
export function isPromotionActive(p: PromotionState): boolean {
  return (p.pull !== null && p.pull.state === 'open') || (p.prBuild !== null && isActive(p.prBuild.state)) || (p.deployBuild !== null && isActive(p.deployBuild.state));
}

/**
 * Which PR to follow: the one in the store while it is open or merged (the cockpit's own promotion keeps
 * being followed after its merge, for its deploy); none after it was closed unmerged, so a new one is found.
 */
export function followedPull(p: PromotionState): number | undefined {
  return p.pull && (p.pull.state === 'open' || p.pull.merged) ? p.pull.number : undefined;
}

/** The promotion PR, its build and the deploy build: every 5 s while anything moves, else every 30 s. */
export function createPromotionPoller(ctx: WriteContext, services: Services, config: Config): Poller {
  return createPoller({
    name: 'promotion',
    intervalMs: () => (isPromotionActive(ctx.store.getState().promotion) ? PROMOTION_ACTIVE_MS : PROMOTION_IDLE_MS),
    read: () => readPromotion(services, config, { pullNumber: followedPull(ctx.store.getState().promotion) }),
    write: ({ data, observed }) =>
      writePoll(ctx, observed, (s) => ({
        promotion: {
          ...s.promotion,
          pull: data.pull,
          ...(data.builds ?? {}),
          mergeSha: data.pull?.mergeCommitSha ?? (data.pull ? undefined : s.promotion.mergeSha),
        },
      })),
    onError: (error) => writeFailure(ctx, error, 'github', () => ({})),
    backoff: { maxMs: 60_000 },
    now: ctx.now,
  });
}
