import type { CustomerPpc } from '../domain/ppc.js';
import { EMPTY_LEDGER, budgetAt, recordAccepted, recordRefused, type Budget } from '../domain/rollout-budget.js';
import type { Flight, PpcPatch } from './ppc-flight.js';
import { createLostDesk } from './ppc-lost.js';
import { sendUpdate, type SendContext, type SendResult } from './ppc-send.js';
import type { EngineOptions } from './ports.js';

// The rollout's Travis requests: what they cost of the hourly budget, what became of each (followed, refused,
// never sent, answer lost), and what a retry of a customer whose request went wrong does.

export type RequestsContext = Pick<EngineOptions, 'store' | 'services' | 'config' | 'now' | 'notify' | 'journal' | 'lookForMs' | 'lookDelaysMs'> & {
  /** How long Travis's word that the hour is spent stands before one request is tried again. */
  readonly rateLimitWaitMs: number;
  readonly patch: (patches: readonly PpcPatch[]) => void;
  /** Starts following a request's build. */
  readonly follow: (flight: Flight) => void;
  readonly isStopped: () => boolean;
  /** What may be sent has changed without the store changing (an answer came, a request was requeued): plan again. */
  readonly changed: () => void;
};

export interface Requests {
  /** Requests that may go at `now`; those being sent have been paid for already. */
  budget(now: number): Budget;
  /** Requests sent (or being sent) so far: the next is number `sent() + 1`. */
  sent(): number;
  /** Numbers and pays for one request before its PPCs change in the store; `send` it next. */
  reserve(): number;
  /** Sends request number `number` (from `reserve`). */
  send(ids: readonly string[], target: string, number: number): Promise<void>;
  /**
   * A request sent before this process started, to follow rather than send again; without a `requestId` its
   * answer never came, and it is looked for by its marker.
   */
  adopt(request: { readonly requestId?: number; readonly customers: readonly string[]; readonly at: number; readonly intent?: string; readonly marker?: string; readonly message?: string }): boolean;
  /** Whether `id` failed because its request's answer was lost and was not found in time (a retry looks again first). */
  isLost(id: string): boolean;
  findLost(id: string): Promise<void>;
  /** Puts a failed customer back in line for a new request, with the rest of its unsent request. */
  requeue(id: string): void;
  /** The rollout halts: says who failed, rings the bell. */
  announce(failed: readonly { readonly id: string; readonly detail: string }[]): void;
  /** A request that never ran fails its customers as one. */
  failUnsent(ids: readonly string[], detail: string): void;
  /** Lets go of retries kept for customers no longer failed (skipped by hand, updated elsewhere). */
  forget(failed: ReadonlySet<string>): void;
}

const FOUND_AGAIN = ' (found again after its answer was lost)';

export function createRequests(ctx: RequestsContext): Requests {
  const { store, patch } = ctx;
  const sendContext: SendContext | undefined = ctx.config.ppcs && {
    travis: ctx.services.travis,
    journal: ctx.journal,
    repo: ctx.config.ppcs.trigger.repo,
    branch: ctx.config.ppcs.trigger.branch,
    releaseId: store.getState().meta.releaseId,
  };
  /** Customers whose request never ran, by request: a retry of one puts them all back in line. */
  const unsent = new Map<string, readonly string[]>();
  /** Requests this rollout follows: a lookup must not mistake one of them for a lost one. */
  const known = new Set<number>();
  let ledger = EMPTY_LEDGER;
  let reserved = 0;
  let sent = 0;

  const stillIn = (ids: readonly string[], state: CustomerPpc['state']) => {
    const set = new Set(ids);
    return store.getState().rollout.ppcs.filter((p) => set.has(p.id) && p.state === state).map((p) => p.id);
  };

  function announce(failed: readonly { readonly id: string; readonly detail: string }[]): void {
    const [first] = failed;
    if (!first) return;
    const text = failed.length === 1 ? `PPC ${first.id} failed: ${first.detail}` : `${failed.length} PPCs failed: ${failed.map((f) => `${f.id} (${f.detail})`).join(', ')}`;
    const what = failed.length === 1 ? 'it' : 'each';
    store.getState().setNotice({
      text: `${text}. The rollout is halted: in the rollout pane press r on ${what} to retry or s to skip, or skip the step to abort the rollout.`,
      tone: 'error',
    });
    ctx.notify('failure', text);
  }

  function failUnsent(ids: readonly string[], detail: string): void {
    if (ids.length === 0) return;
    for (const id of ids) unsent.set(id, ids);
    patch(ids.map((id) => ({ id, state: 'failed', detail })));
    announce([{ id: ids.join(', '), detail }]);
  }

  function follow(ids: readonly string[], requestId: number, intent: string | undefined, note = ''): void {
    known.add(requestId);
    ctx.follow({ label: `Travis request ${requestId}`, customers: ids, waiting: new Set(ids), requestId, ...(intent ? { intent } : {}), results: [] });
    patch(stillIn(ids, 'updating').map((id) => ({ id, detail: `in Travis request ${requestId}${note}` })));
  }

  const lostDesk =
    sendContext &&
    createLostDesk({
      ...ctx,
      send: sendContext,
      lookForMs: ctx.lookForMs,
      patch,
      found: (ids, requestId, intent) => follow(ids, requestId, intent, FOUND_AGAIN),
      announce,
      known,
      isStopped: ctx.isStopped,
      changed: ctx.changed,
    });

  /** What an answer to an update request means for its customers and for the ledger. */
  function settle(ids: readonly string[], result: SendResult): void {
    switch (result.kind) {
      case 'accepted': {
        ledger = recordAccepted(ledger, ctx.now(), result.remaining);
        follow(ids, result.requestId, result.intent, result.reconciled ? FOUND_AGAIN : '');
        // Travis counted before it created this request: what is left after it is one fewer.
        const left = result.remaining === undefined ? undefined : Math.max(0, result.remaining - 1);
        if (left !== undefined && left < 3) {
          store.getState().setNotice({ text: `Travis allows ${left} more API-triggered build${left === 1 ? '' : 's'} this hour`, tone: 'warning' });
        }
        return;
      }
      case 'over-budget':
        // A wait, not a failure: the request goes back in the queue, whose rows say until when.
        sent -= 1;
        ledger = recordRefused(ledger, ctx.now(), result.limit);
        patch(stillIn(ids, 'updating').map((id) => ({ id, state: 'queued', detail: "waiting for Travis's hourly limit" })));
        store.getState().setNotice({ text: "Travis's hourly limit of API-triggered builds is reached: the rollout waits for it", tone: 'warning' });
        return;
      case 'not-sent':
        sent -= 1;
        return failUnsent(stillIn(ids, 'updating'), result.error);
      case 'unknown':
        // It may count against the hour: paid for as if accepted, until it is found or given up.
        ledger = recordAccepted(ledger, ctx.now(), undefined);
        return lostDesk?.look(stillIn(ids, 'updating'), result);
    }
  }

  return {
    budget(now) {
      const limit = ctx.config.ppcs?.trigger.hourly_limit;
      const budget = budgetAt(ledger, now, { recheckMs: ctx.rateLimitWaitMs, ...(limit === undefined ? {} : { limit }) });
      return { ...budget, available: Math.max(0, budget.available - reserved) };
    },
    sent: () => sent,
    reserve() {
      reserved += 1;
      sent += 1;
      return sent;
    },

    async send(ids, target, number) {
      if (!sendContext) {
        reserved -= 1;
        return failUnsent(ids, 'the config has no ppcs.trigger to update PPCs with');
      }
      const result = await sendUpdate(sendContext, ids, target, number, ctx.now());
      reserved -= 1;
      if (ctx.isStopped()) return;
      try {
        settle(ids, result);
      } finally {
        ctx.changed();
      }
    },

    adopt({ requestId, customers, at, intent, marker, message }) {
      if (requestId === undefined) {
        if (!lostDesk) return false;
        sent += 1;
        ledger = recordAccepted(ledger, at, undefined);
        lostDesk.look(customers, { marker, message: message ?? '', intent, at, error: 'the cockpit stopped before Travis answered' });
        return true;
      }
      if (known.has(requestId)) return false;
      sent += 1;
      ledger = recordAccepted(ledger, at, undefined);
      const moving = new Set(customers);
      patch(store.getState().rollout.ppcs.filter((p) => moving.has(p.id) && (p.state === 'pending' || p.state === 'queued')).map((p) => ({ id: p.id, state: 'updating' })));
      follow(customers, requestId, intent);
      return true;
    },

    isLost: (id) => lostDesk?.isLost(id) ?? false,

    async findLost(id) {
      if (!lostDesk) return;
      await lostDesk.retry(id);
      ctx.changed();
    },

    requeue(id) {
      const group = stillIn(unsent.get(id) ?? [id], 'failed');
      for (const member of group) unsent.delete(member);
      patch(group.map((member) => ({ id: member, state: 'pending', detail: 'back in line for a new request' })));
      ctx.changed();
    },

    announce,
    failUnsent,

    forget(failed) {
      for (const id of unsent.keys()) if (!failed.has(id)) unsent.delete(id);
      lostDesk?.forget(failed);
    },
  };
}
