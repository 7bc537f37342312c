import type { CustomerPpc, PpcCounts } from '../domain/ppc.js';
import { notePpcPatch } from '../domain/ppc-tally.js';

type Patch = { readonly id: string } & Partial<Omit<CustomerPpc, 'id'>>;

// Where each PPC sits in the fleet. A patched fleet keeps its ids in the same places, so it shares the index of
// the fleet it was patched from: the index is built once per fleet read, not once per update.
const indexes = new WeakMap<readonly CustomerPpc[], ReadonlyMap<string, number>>();

function indexOf(ppcs: readonly CustomerPpc[]): ReadonlyMap<string, number> {
  let index = indexes.get(ppcs);
  if (!index) {
    index = new Map(ppcs.map((ppc, at) => [ppc.id, at]));
    indexes.set(ppcs, index);
  }
  return index;
}

/**
 * The fleet with `patches` applied (the last patch of an id wins) and its counts kept in step. It costs what the
 * patches cost plus one array copy, not a pass over every PPC: a 10,000-PPC fleet updates as fast as a small one.
 */
export function patchFleet(ppcs: readonly CustomerPpc[], counts: PpcCounts, patches: readonly Patch[]): { ppcs: readonly CustomerPpc[]; counts: PpcCounts } {
  const index = indexOf(ppcs);
  const next = ppcs.slice();
  const nextCounts = { ...counts };
  const positions: number[] = [];
  for (const patch of new Map(patches.map((p) => [p.id, p])).values()) {
    const at = index.get(patch.id);
    const ppc = at === undefined ? undefined : next[at];
    if (at === undefined || !ppc) continue;
    const updated = { ...ppc, ...patch };
    nextCounts[ppc.state] -= 1;
    nextCounts[updated.state] += 1;
    next[at] = updated;
    positions.push(at);
  }
  indexes.set(next, index);
  notePpcPatch(ppcs, next, positions);
  return { ppcs: next, counts: nextCounts };
}
