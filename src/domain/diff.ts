import type { Components, EnvironmentDiff } from './environment.js';

/** An environment as the diff needs it. */
export interface DiffSide {
  readonly name: string;
  readonly components: Components;
}

/**
 * What promoting `lower` (e.g. staging) into `upper` (e.g. production) would change.
 *
 * `compare` is GitHub's compare of `upper...lower` (base = upper's head, head = lower's head), so
 * `aheadBy` counts the commits `lower` has that `upper` lacks.
 *
 * Naming follows the environments, as `from`/`to` do: `ppc.from`/`sdk.from` are the lower environment's
 * values (what a promotion brings), `ppc.to`/`sdk.to` the upper one's (what it runs now). Read as a change,
 * the upper environment goes from `ppc.to` to `ppc.from`; `diffSentence` prints it that way.
 * `changed` is true only when both values are known and differ: an unreadable pin is "unknown", not a change.
 */
export function environmentDiff(
  lower: DiffSide,
  upper: DiffSide,
  compare: { readonly aheadBy: number; readonly behindBy: number },
): EnvironmentDiff {
  return {
    from: lower.name,
    to: upper.name,
    aheadBy: compare.aheadBy,
    behindBy: compare.behindBy,
    ppc: pinDiff(lower.components.ppcRevision, upper.components.ppcRevision),
    sdk: pinDiff(lower.components.sdkVersion, upper.components.sdkVersion),
  };
}

function pinDiff(from: string | undefined, to: string | undefined): EnvironmentDiff['ppc'] {
  return { from, to, changed: from !== undefined && to !== undefined && from !== to };
}

/** True when a promotion would change nothing: same commits and no pin known to differ. */
export function isIdentical(diff: EnvironmentDiff): boolean {
  return diff.aheadBy === 0 && diff.behindBy === 0 && !diff.ppc.changed && !diff.sdk.changed;
}
