import type { CustomerPpc } from '../domain/ppc.js';
import { formatDuration } from '../format/duration.js';
import { lookAgain, LOOK_FOR_MS } from './look-again.js';
import type { PpcPatch } from './ppc-flight.js';
import { findRequest, journalNote, type LostRequest, type SendContext } from './ppc-send.js';
import type { EngineOptions } from './ports.js';

// Update requests whose answer was lost: each stays "unknown" on its rows while it is looked for by its marker
// with backoff; found, it is followed; not seen within the bound, it is put to the user with what is known, and
// only the user's `r` (after y/n) sends it again. Nothing here ever writes "not sent".

export type LostContext = Pick<EngineOptions, 'store' | 'notify' | 'journal' | 'lookDelaysMs'> & {
  readonly send: SendContext;
  readonly lookForMs: number | undefined;
  readonly patch: (patches: readonly PpcPatch[]) => void;
  /** Found: follow it as request `requestId`. */
  readonly found: (ids: readonly string[], requestId: number, intent: string | undefined) => void;
  readonly announce: (failed: readonly { readonly id: string; readonly detail: string }[]) => void;
  /** Requests this rollout follows (a message lookup must not take one of them for the lost one). */
  readonly known: ReadonlySet<number>;
  readonly isStopped: () => boolean;
  readonly changed: () => void;
};

export interface LostDesk {
  /** Starts looking for `lost`, sent for `ids`. */
  look(ids: readonly string[], lost: LostRequest): void;
  /** Whether `id`'s request was lost and the lookups have given up: a retry decides. */
  isLost(id: string): boolean;
  /**
   * The user confirmed a retry of `id`: one more look; found, it is followed; still not there, the request is
   * closed in the journal as given up at the user's word and true is returned (its customers go back in line).
   */
  retry(id: string): Promise<boolean>;
  forget(failed: ReadonlySet<string>): void;
}

interface Entry extends LostRequest {
  readonly ids: readonly string[];
  looking: boolean;
}

export function createLostDesk(ctx: LostContext): LostDesk {
  const entries = new Map<string, Entry>();
  const forMs = ctx.lookForMs ?? LOOK_FOR_MS;
  const name = (e: LostRequest) => (e.marker ? `a request carrying ${e.marker}` : `a request "${e.message}"`);
  const ours = (e: Entry, state: CustomerPpc['state']) =>
    ctx.store.getState().rollout.ppcs.filter((p) => e.ids.includes(p.id) && p.state === state && entries.get(p.id) === e).map((p) => p.id);
  const find = (e: Entry) => findRequest(ctx.send.travis, ctx.send.repo, e, ctx.known);

  function land(e: Entry, requestId: number): void {
    const ids = ours(e, 'updating');
    for (const id of e.ids) if (entries.get(id) === e) entries.delete(id);
    if (e.intent) journalNote(ctx.journal, { type: 'outcome', id: e.intent, ok: true, requestId, reconciled: true });
    ctx.found(ids, requestId, e.intent);
  }

  async function run(e: Entry): Promise<void> {
    const result = await lookAgain(() => find(e), {
      forMs,
      ...(ctx.lookDelaysMs ? { delaysMs: ctx.lookDelaysMs } : {}),
      isStopped: () => ctx.isStopped() || ours(e, 'updating').length === 0,
      onWait: (look, inMs) =>
        ctx.patch(ours(e, 'updating').map((id) => ({ id, detail: `unknown: the answer to its update request was lost; looking for ${name(e)} on Travis (look ${look} in ${formatDuration(inMs)})` }))),
    });
    e.looking = false;
    if (result.kind === 'stopped') return;
    if (result.kind === 'found') land(e, result.value);
    else {
      const ids = ours(e, 'updating');
      const why = result.lastError ? `; the last look failed: ${result.lastError}` : '';
      const detail = `unknown whether Travis got its update request: no sign of ${name(e)} after ${formatDuration(forMs)} of looking${why}. r looks once more and, if it is still not there, sends it again`;
      ctx.patch(ids.map((id) => ({ id, state: 'failed', detail })));
      ctx.announce([{ id: ids.join(', '), detail }]);
    }
    ctx.changed();
  }

  return {
    look(ids, lost) {
      const e: Entry = { ...lost, ids, looking: true };
      for (const id of ids) entries.set(id, e);
      ctx.patch(ids.map((id) => ({ id, state: 'updating', detail: `unknown: the answer to its update request was lost (${lost.error}); looking for ${name(lost)} on Travis` })));
      void run(e);
    },

    isLost: (id) => entries.get(id)?.looking === false,

    async retry(id) {
      const e = entries.get(id);
      if (!e || e.looking) return false;
      const ids = ours(e, 'failed');
      // Kept while it looks: the rows are no longer failed, and `forget` lets go only of entries not looking.
      e.looking = true;
      ctx.patch(ids.map((member) => ({ id: member, state: 'updating', detail: `looking once more for ${name(e)} on Travis` })));
      let requestId: number | undefined;
      try {
        requestId = await find(e);
      } catch (error) {
        e.looking = false;
        const detail = `unknown whether Travis got its update request: the look failed (${error instanceof Error ? error.message : String(error)}); r tries again`;
        ctx.patch(ours(e, 'updating').map((member) => ({ id: member, state: 'failed', detail })));
        return false;
      }
      if (requestId !== undefined) {
        land(e, requestId);
        return false;
      }
      const back = ours(e, 'updating');
      for (const member of e.ids) if (entries.get(member) === e) entries.delete(member);
      // Not "not sent": nobody knows. The user chose to send again, and the journal says so.
      if (e.intent) journalNote(ctx.journal, { type: 'outcome', id: e.intent, ok: false, error: `${e.error}; ${name(e)} was never seen on Travis, and the user chose to send again`, reconciled: true });
      ctx.patch(back.map((member) => ({ id: member, state: 'pending', detail: `back in line: ${name(e)} was never seen on Travis, so it is sent again` })));
      return true;
    },

    forget(failed) {
      for (const [id, e] of entries) if (!e.looking && !failed.has(id)) entries.delete(id);
    },
  };
}
