import { followJournal } from './follow-journal.js';

import type { Opened, ReleaseSession, ReleaseSessionOptions } from './session-types.js';
import { restore } from './session-restore.js';

/** Someone else drives: the journal is followed, nothing is acted on or written. */
export function readOnlySession(options: ReleaseSessionOptions, opened: Opened, text: string): ReleaseSession {
  const { id, name, actor, resumed, paths, usual, damaged } = opened;
  let follower: { stop(): void } | undefined;
  return {
    id,
    name,
    mode: 'read-only',
    actor,
    resumed,
    journal: undefined,
    onJournalWritten: () => () => undefined,
    greeting: { text: damaged ? `${text}. ${damaged}` : text, tone: 'warning' },
    attach(store) {
      restore(store, options, resumed, usual);
      store.getState().setNotice(this.greeting ?? null);
      follower = followJournal(store, paths.journal, options.playbook, options.config.ppcs?.customers ?? [], options.now);
    },
    begin() {
      // Nothing acts here: no engine, no journal, no lease.
    },
    async perform() {
      // The keys refuse every action in read-only mode; nothing reaches here.
    },
    async stop() {
      follower?.stop();
    },
  };
}
