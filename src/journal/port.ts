import type { EngineRecord } from './events.js';

/**
 * The release journal, as the engine and the rollout write to it. `record` appends one line and flushes it to
 * disk before it returns, so: record the intent BEFORE sending the request, and the outcome BEFORE writing its
 * effect to the store. It throws when the journal cannot be written; then do not send the request.
 *
 * ```ts
 * const id = journal?.record({ type: 'intent', action: 'trigger-ppcs', repo, branch, customers, target, message });
 * const { requestId } = await travis.triggerRequest(repo, request);       // may die here: the intent stays open
 * if (id) journal?.record({ type: 'outcome', id, ok: true, requestId });
 * // on failure: journal?.record({ type: 'outcome', id, ok: false, error: errorText(e), notSent: <refused before it ran> })
 * ```
 * An intent left without an outcome (the process died, the connection dropped) is looked up on the next start,
 * never sent again blindly.
 */
export interface JournalPort {
  /** Returns the event's id: the intent's (generated when not given), to pass back with its outcome. */
  record(event: EngineRecord): string;
}
