import type { JournalPort } from './port.js';
import type { CockpitStoreApi } from '../store/create-cockpit-store.js';
import type { EngineRecord, UnstampedEvent } from './events.js';
import { createStoreDiff, type StoreDiff } from './store-diff.js';
import type { JournalWriter } from './writer.js';

/**
 * Journals every store change that matters (see createStoreDiff). Subscribe it FIRST, before the mirror, the
 * pollers, the engine and Ink: zustand calls listeners in the order they subscribed, synchronously inside the
 * update, so the line is on disk before anyone else hears of the change, let alone draws it.
 */
export function attachJournal(store: CockpitStoreApi, writer: JournalWriter, onError: (error: unknown) => void, diff: StoreDiff = createStoreDiff()): () => void {
  return store.subscribe((next, previous) => {
    const events = diff(previous, next);
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
