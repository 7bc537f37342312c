import type { JournalPort } from './port.js';
import type { CockpitStoreApi } from '../store/create-cockpit-store.js';
import type { EngineRecord, UnstampedEvent } from './events.js';
import { createJournalFacts, type JournalFacts } from './event-facts.js';
import type { JournalWriter } from './writer.js';

/**
 * Journals the facts among the store's events (see createJournalFacts). The store hands each event to its event
 * listeners before it applies the change, so the line is on disk before any subscriber (the mirror, the
 * pollers, the engine, Ink) hears of the change, let alone draws it, whenever the journal was attached.
 * `onError` is called inside the store's write: it must not write to the store itself.
 */
export function attachJournal(store: CockpitStoreApi, writer: JournalWriter, onError: (error: unknown) => void, facts: JournalFacts = createJournalFacts()): () => void {
  return store.getState().onEvent((event, next, previous) => {
    const events = facts(event, previous, next);
    if (events.length === 0) return;
    try {
      writer.append(events);
    } catch (error) {
      onError(error);
    }
  });
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
