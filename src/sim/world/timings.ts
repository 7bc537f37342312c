import type { Timing } from './ci.js';

/** Every delay in the world, in sim milliseconds (divide by --speed for real time). */
export const DELAYS = {
  /** Pull request opened (or synchronized) -> its Travis pull_request build exists. */
  prBuildMs: 1_500,
  /** Branch moved (a merge) -> its push build exists. */
  pushBuildMs: 1_500,
  /** POST /requests accepted -> its api build exists. */
  requestBuildMs: 1_000,
  /** Pull request opened or base moved -> `mergeable` stops being null. */
  mergeableMs: 1_000,
  /** Push build passed -> the environment's site serves the new sha. */
  deployMs: 2_000,
  /** Travis's rolling window for API-triggered requests. */
  requestWindowMs: 3_600_000,
} as const;

/**
 * With the `buildsCreatedLate` rule: how long real Travis takes to create a build (tens of seconds to minutes
 * after the event; the short end, so that a strict release at --speed 1 still moves). Sim milliseconds.
 */
export const STRICT_BUILD_DELAYS = { prBuildMs: 20_000, pushBuildMs: 25_000, requestBuildMs: 30_000 } as const;

/** With the `requestsFilledInLater` rule: an API request -> its message and config are filled in. */
export const REQUEST_FILL_MS = 8_000;

/** The build delays the world's rules call for now. */
export function buildDelays(lateBuilds: boolean): { readonly prBuildMs: number; readonly pushBuildMs: number; readonly requestBuildMs: number } {
  return lateBuilds ? STRICT_BUILD_DELAYS : DELAYS;
}

/** Jobs the sim runs while you watch: a few seconds each at --speed 1. */
export const LIVE_TIMING: Timing = { queueMs: [500, 2_000], runMs: [3_000, 8_000] };
/** Builds in the scenario's past, which took as long as real CI does. */
export const HISTORY_TIMING: Timing = { queueMs: [10_000, 40_000], runMs: [120_000, 360_000] };

export const REQUESTS_PER_WINDOW = 10;
