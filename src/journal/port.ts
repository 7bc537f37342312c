import type { EngineRecord, UnstampedEvent } from './events.js';
import type { JournalWriter } from './writer.js';

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

/** The engine's and the rollout's way into the journal: intents get an id their outcome refers back to. */
export function journalPort(writer: JournalWriter, idPrefix: string): JournalPort {
  let n = 0;
  return {
    record(event: EngineRecord): string {
      if (event.type === 'intent') {
        n += 1;
        const id = event.id ?? `${event.action}-${idPrefix}-${n}`;
        writer.append({ ...event, id } as UnstampedEvent);
        return id;
      }
      writer.append(event as UnstampedEvent);
      return event.id;
    },
  };
}
