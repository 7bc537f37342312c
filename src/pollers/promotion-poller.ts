import type { Config } from '../config/schema.js';
import { isActive } from '../domain/ci-verdict.js';
import { pullLookupOf, readsReviews } from '../domain/pull-lookup.js';
import { STEPS } from '../domain/steps/steps.js';
import type { Services } from '../services/index.js';
import type { CockpitState, PromotionState } from '../store/state.js';
import { createPoller, type Poller } from './poller.js';
import { promotionPair } from './read-environments.js';
import { readPromotion, type PromotionOptions } from './read-promotion.js';
import { currentStepType } from './release-step.js';
import { failureFacts, pollFacts, type WriteContext } from './store-write.js';

/** While the release itself waits on the PR, its build or the deploy build (see promotionIntervalMs). */
export const PROMOTION_WAITING_MS = 3_000;
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

/** How long the promotion poller waits between reads: 3 s while the release waits on it, 5 s while anything moves, else 30 s. */
export function promotionIntervalMs(state: CockpitState): number {
  const step = currentStepType(state);
  // After the merge the PR is closed and no build is active yet: the deploy gate must not wait out the idle cadence.
  if (step !== undefined && STEPS[step].waitsOn.includes('promotion')) return PROMOTION_WAITING_MS;
  return isPromotionActive(state.promotion) ? PROMOTION_ACTIVE_MS : PROMOTION_IDLE_MS;
}

/** What the store's playbook reads: its own pair of environments, its way of finding the PR, and reviews if it waits on one. */
export function promotionOptions(state: CockpitState, config: Config): PromotionOptions {
  const { playbook } = state.checklist;
  const named = (name: string) => config.environments.find((e) => e.name === name);
  const source = named(playbook.from);
  const target = named(playbook.to);
  return {
    pullNumber: followedPull(state.promotion),
    pair: source && target ? { source, target } : promotionPair(config),
    lookup: pullLookupOf(playbook, state.meta.windows?.lastNightly),
    reviews: readsReviews(playbook),
    mergeFacts: currentStepType(state) === 'merge-promotion-pr',
  };
}

/** The promotion PR, its build and the deploy build, at the cadence promotionIntervalMs gives. */
export function createPromotionPoller(ctx: WriteContext, services: Services, config: Config): Poller {
  return createPoller({
    name: 'promotion',
    intervalMs: () => promotionIntervalMs(ctx.store.getState()),
    read: () => readPromotion(services, config, promotionOptions(ctx.store.getState(), config)),
    write: ({ data, observed }) => {
      const poll = pollFacts(ctx, observed);
      const s = ctx.store.getState();
      // Rules that could not be read are said once, with the fallback used; the CI pane keeps saying it.
      const notice = data.head?.ci.note && data.head.ci.note !== s.promotion.prCi?.note ? { text: `${data.head.ci.note}: gating on ${data.head.ci.why}`, tone: 'warning' as const } : undefined;
      s.promotionRead(
        {
          pull: data.pull,
          readAt: s.promotion.readAt ?? ctx.now(),
          reviews: data.reviews,
          prCi: data.head?.ci,
          headCommit: data.head?.commit,
          // The clock of "CI has not started" runs from the first sight of this head.
          headSeenAt: data.pull && data.pull.headSha === s.promotion.pull?.headSha ? (s.promotion.headSeenAt ?? ctx.now()) : data.pull ? ctx.now() : undefined,
          merge: data.merge ?? (s.promotion.merge?.headSha === data.pull?.headSha ? s.promotion.merge : undefined),
          ...(data.builds ?? {}),
          mergeSha: data.pull?.mergeCommitSha ?? (data.pull ? undefined : s.promotion.mergeSha),
        },
        { ...poll, ...(notice ? { notice } : {}) },
      );
    },
    onError: (error) => ctx.store.getState().sourceHealthChanged(failureFacts(ctx, error, 'github').poll),
    backoff: { maxMs: 60_000 },
    now: ctx.now,
  });
}
