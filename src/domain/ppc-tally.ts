import type { CustomerPpc } from './ppc.js';

/** A fleet against a target revision, as the rollout step's gate judges it. */
export interface PpcTally {
  readonly target: string;
  readonly atTarget: number;
  readonly skipped: number;
  readonly failed: number;
  /** The first failed PPC in config order. */
  readonly firstFailed: string | undefined;
}

interface Counted extends PpcTally {
  /** Where firstFailed sits in the fleet, or -1. */
  readonly firstFailedAt: number;
}

type Part = 'skipped' | 'failed' | 'atTarget' | undefined;

// Only what the PPC itself reports counts: a state set against another target must not.
const partOf = (ppc: CustomerPpc, isAtTarget: (ppc: CustomerPpc) => boolean): Part =>
  ppc.state === 'skipped' ? 'skipped' : ppc.state === 'failed' ? 'failed' : isAtTarget(ppc) ? 'atTarget' : undefined;

const tallies = new WeakMap<readonly CustomerPpc[], Counted>();
/** A fleet patched from one already counted: the count it came from and the PPCs it replaced, by position. */
const patches = new WeakMap<readonly CustomerPpc[], { readonly base: Counted; readonly replaced: ReadonlyMap<number, CustomerPpc> }>();

/**
 * Tells the tally that `next` is `from` with the PPCs at `positions` replaced (same ids, same places). When
 * `from` was counted, counting `next` costs what the patch cost, not a walk over the whole fleet: the gate is
 * judged on every render, and a fleet of thousands changes a few PPCs at a time.
 */
export function notePpcPatch(from: readonly CustomerPpc[], next: readonly CustomerPpc[], positions: readonly number[]): void {
  const base = tallies.get(from);
  if (!base) return;
  // Only the replaced PPCs are kept, never `from` itself, so no chain of old fleets stays alive.
  patches.set(next, { base, replaced: new Map(positions.map((at) => [at, from[at] as CustomerPpc])) });
}

/** The fleet counted against `target`; `isAtTarget` says whether a PPC runs it. Cached per fleet array. */
export function tallyPpcs(ppcs: readonly CustomerPpc[], target: string, isAtTarget: (ppc: CustomerPpc) => boolean): PpcTally {
  const cached = tallies.get(ppcs);
  if (cached?.target === target) return cached;
  const patch = patches.get(ppcs);
  const counted = patch?.base.target === target ? recount(patch.base, patch.replaced, ppcs, isAtTarget) : count(ppcs, target, isAtTarget);
  tallies.set(ppcs, counted);
  return counted;
}

function count(ppcs: readonly CustomerPpc[], target: string, isAtTarget: (ppc: CustomerPpc) => boolean): Counted {
  const n = { atTarget: 0, skipped: 0, failed: 0 };
  let firstFailedAt = -1;
  ppcs.forEach((ppc, at) => {
    const part = partOf(ppc, isAtTarget);
    if (part) n[part] += 1;
    if (part === 'failed' && firstFailedAt < 0) firstFailedAt = at;
  });
  return { target, ...n, firstFailedAt, firstFailed: ppcs[firstFailedAt]?.id };
}

function recount(base: Counted, replaced: ReadonlyMap<number, CustomerPpc>, ppcs: readonly CustomerPpc[], isAtTarget: (ppc: CustomerPpc) => boolean): Counted {
  const n = { atTarget: base.atTarget, skipped: base.skipped, failed: base.failed };
  let firstFailedAt = base.firstFailedAt;
  let lostFirst = false;
  for (const [at, before] of replaced) {
    const after = ppcs[at];
    if (!after) return count(ppcs, base.target, isAtTarget);
    const was = partOf(before, isAtTarget);
    const is = partOf(after, isAtTarget);
    if (was) n[was] -= 1;
    if (is) n[is] += 1;
    if (is === 'failed' && (firstFailedAt < 0 || at < firstFailedAt)) firstFailedAt = at;
    if (was === 'failed' && is !== 'failed' && at === base.firstFailedAt) lostFirst = true;
  }
  if (lostFirst && firstFailedAt === base.firstFailedAt) {
    // The first failed PPC recovered: the next one is further on (rare, and only as far as it).
    firstFailedAt = -1;
    for (let at = base.firstFailedAt + 1; at < ppcs.length; at += 1) {
      if (partOf(ppcs[at] as CustomerPpc, isAtTarget) === 'failed') {
        firstFailedAt = at;
        break;
      }
    }
  }
  return { target: base.target, ...n, firstFailedAt, firstFailed: ppcs[firstFailedAt]?.id };
}
