import type { CustomerPpc } from './ppc.js';
import type { Budget } from './rollout-budget.js';
import type { Wave } from './rollout-waves.js';
import { clockLabel, dayTimeLabel, type WindowState } from './rollout-window.js';

// Which PPCs go next, and how they are batched into Travis requests. Pure: the rollout engine reads the store,
// asks this, and does what it says.

export interface PlanInput {
  /** The fleet in config order, as the store holds it. */
  readonly ppcs: readonly CustomerPpc[];
  readonly waves: readonly Wave[];
  /** At most this many PPCs in flight: queued for a request, updating or verifying. */
  readonly concurrency: number;
  /** Customers one Travis request carries at most (`ppcs.trigger.per_request`). */
  readonly perRequest: number;
  /** Travis requests that may go now. */
  readonly budget: Budget;
  /** The maintenance window of each PPC that has one, as it stands now; a PPC without one may go any time. */
  readonly windows: ReadonlyMap<string, WindowState>;
  /** Requests this rollout has sent already: the next is number `sent + 1`. */
  readonly sent: number;
  /** The schedule's time zone, for the times the rows name. */
  readonly timezone: string;
}

/** What a waiting PPC's row shows. `queued` PPCs are taken for a request that waits for Travis's budget. */
export interface WaitingRow {
  readonly state: 'pending' | 'queued';
  readonly detail: string;
}

export interface RolloutPlan {
  /** The wave under way, or undefined once every wave is finished. */
  readonly wave: { readonly number: number; readonly of: number; readonly name: string; readonly size: number } | undefined;
  /** Requests to send now (numbered from `sent + 1`), each its customers in config order. */
  readonly send: readonly (readonly string[])[];
  /** Every PPC that waits, with its state and its row's detail ("queued: wave 2, request 3 of 5"). */
  readonly waiting: ReadonlyMap<string, WaitingRow>;
  /** The requests the whole rollout takes as things stand, those sent included. */
  readonly requests: number;
  /** When the plan changes with nothing else changing: a window opens or closes, or the hourly budget frees up. */
  readonly wakeAt: number | undefined;
}

const WAITS: ReadonlySet<CustomerPpc['state']> = new Set(['pending', 'queued']);
const FINISHED: ReadonlySet<CustomerPpc['state']> = new Set(['done', 'skipped']);

type Slot = { readonly ppc: CustomerPpc; readonly wave: number } & (
  | { readonly kind: 'line' | 'budget'; readonly request: number }
  | { readonly kind: 'window'; readonly opensAt: number }
);

/**
 * The next step of the rollout:
 * - waves in order: a wave starts only when every PPC of the waves before it is done or skipped;
 * - nothing new while any PPC has failed (the release waits for a human), though the rows still say where
 *   each PPC stands in the queue;
 * - requests of `min(perRequest, concurrency)` PPCs, the last of a wave smaller; one goes only when it fits
 *   in the free concurrency whole, so that Travis's few requests an hour each carry as many PPCs as they may;
 * - as many as the budget allows go now; the rest are `queued` and wait for it, counting toward concurrency;
 * - a PPC outside its maintenance window waits for it (and so holds back the waves after its own).
 */
export function planRollout(input: PlanInput): RolloutPlan {
  const { ppcs, concurrency, timezone } = input;
  const size = Math.max(1, Math.min(input.perRequest, concurrency));
  const groups = waveRows(ppcs, input.waves);
  const current = groups.findIndex((g) => g.rows.some((p) => !FINISHED.has(p.state)));
  const failed = ppcs.filter((p) => p.state === 'failed').map((p) => p.id);
  const inFlight = ppcs.filter((p) => p.state === 'updating' || p.state === 'verifying').length;
  const slots: Slot[] = [];
  const send: string[][] = [];
  let request = input.sent;
  let wakeAt: number | undefined;
  const wake = (at: number | undefined) => {
    if (at !== undefined && (wakeAt === undefined || at < wakeAt)) wakeAt = at;
  };
  /** Later requests, `size` PPCs each in order, numbered on from `request`. */
  const line = (rows: readonly CustomerPpc[], wave: number) => {
    rows.forEach((ppc, i) => {
      if (i % size === 0) request += 1;
      slots.push({ ppc, wave, kind: 'line', request });
    });
  };

  if (current >= 0) {
    const open: CustomerPpc[] = [];
    const closed: { ppc: CustomerPpc; opensAt: number }[] = [];
    for (const ppc of (groups[current]?.rows ?? []).filter((p) => WAITS.has(p.state))) {
      const window = input.windows.get(ppc.id);
      wake(window?.changesAt);
      if (window && !window.isOpen) closed.push({ ppc, opensAt: window.changesAt });
      else open.push(ppc);
    }
    // PPCs already taken for a request keep their place ahead of the rest.
    const ordered = [...open.filter((p) => p.state === 'queued'), ...open.filter((p) => p.state === 'pending')];
    let taken = 0;
    let held = 0;
    if (failed.length === 0) {
      let free = concurrency - inFlight;
      while (taken < ordered.length) {
        const want = Math.min(size, ordered.length - taken);
        if (free < want) break;
        const batch = ordered.slice(taken, taken + want);
        taken += want;
        free -= want;
        request += 1;
        if (send.length < input.budget.available) send.push(batch.map((p) => p.id));
        else {
          held += 1;
          for (const ppc of batch) slots.push({ ppc, wave: current, kind: 'budget', request });
        }
      }
      if (held > 0) wake(input.budget.freesAt);
    }
    line(ordered.slice(taken), current);
    for (const { ppc, opensAt } of closed) slots.push({ ppc, wave: current, kind: 'window', opensAt });
    request += Math.ceil(closed.length / size);
    groups.forEach((g, wave) => {
      if (wave > current) line(g.rows.filter((p) => WAITS.has(p.state)), wave);
    });
  }

  const total = request;
  const hold = failed.length === 0 ? '' : `; on hold while ${failed.length === 1 ? `${failed[0]} has` : `${failed.length} PPCs have`} failed`;
  const waveWord = (wave: number) => (groups.length > 1 ? `wave ${wave + 1}, ` : '');
  const waiting = new Map<string, WaitingRow>();
  for (const slot of slots) {
    const { ppc } = slot;
    if (slot.kind === 'window') {
      waiting.set(ppc.id, { state: 'pending', detail: `waits for its window (${dayTimeLabel(slot.opensAt, timezone)})${hold}` });
      continue;
    }
    const where = `${waveWord(slot.wave)}request ${slot.request} of ${total}`;
    if (slot.kind === 'budget') {
      const until = input.budget.freesAt === undefined ? '' : ` until ${clockLabel(input.budget.freesAt, timezone)}`;
      waiting.set(ppc.id, { state: 'queued', detail: `waiting for Travis's hourly limit${until} (${where})` });
    } else {
      // On hold, a PPC already taken for a request keeps that place; otherwise only the budget's queue is queued.
      waiting.set(ppc.id, { state: hold && ppc.state === 'queued' ? 'queued' : 'pending', detail: `queued: ${where}${hold}` });
    }
  }
  const under = groups[current];
  const wave = under ? { number: current + 1, of: groups.length, name: under.name, size: under.rows.length } : undefined;
  return { wave, send, waiting, requests: total, wakeAt };
}

/** Each wave's PPCs as the store holds them; a PPC no wave names goes last, so nothing is left out. */
function waveRows(ppcs: readonly CustomerPpc[], waves: readonly Wave[]): { name: string; rows: CustomerPpc[] }[] {
  const byId = new Map(ppcs.map((p) => [p.id, p]));
  const seen = new Set<string>();
  const groups = waves.map((wave) => ({
    name: wave.name,
    rows: wave.ids.flatMap((id) => {
      const ppc = byId.get(id);
      if (!ppc || seen.has(id)) return [];
      seen.add(id);
      return [ppc];
    }),
  }));
  const rest = ppcs.filter((p) => !seen.has(p.id));
  if (rest.length > 0) groups.push({ name: 'not in any wave', rows: rest });
  return groups.filter((g) => g.rows.length > 0);
}
