import { createCockpitStore, type CockpitStoreApi } from '../store/create-cockpit-store.js';
import type { CockpitState, Dialog, LogTail, UiState } from '../store/state.js';
import type { FeedPrimary, FeedState } from './protocol.js';

/** The feed's data slices a watcher takes as they are. */
const DATA_KEYS = ['sources', 'quota', 'environments', 'diffs', 'candidates', 'promotion', 'rollout'] as const;

export interface WatcherStore {
  /** A cockpit store in mode 'mirror': the same screen renders it; the watcher's own focus, pane cursors and dialogs live here too. */
  readonly store: CockpitStoreApi;
  /** Takes a new state from the feed: data replaced, the watcher's own view kept. */
  apply(next: FeedState): void;
  stop(): void;
}

const who = (primary: FeedPrimary): string => primary.driver ?? 'the primary';

/** What the watcher's notice line says about the primary: the question it is asked, else its last notice. */
export function primaryNotice(feed: FeedState): UiState['notice'] {
  const { primary } = feed;
  const dialog = primary.dialog;
  switch (dialog?.kind) {
    case 'confirm':
      return { text: `${who(primary)} is asked: ${dialog.prompt} (y/n)`, tone: 'warning' };
    case 'skip': {
      const title = feed.checklist.playbook.steps.find((s) => s.id === dialog.stepId)?.title ?? dialog.stepId;
      return { text: `${who(primary)} is skipping "${title}": ${dialog.reason || '…'}`, tone: 'warning' };
    }
    case 'candidate':
      return { text: `${who(primary)} is choosing the release candidate`, tone: 'info' };
    case 'log':
      return { text: `${who(primary)} is reading the log of ${dialog.title} (l on that job shows it here)`, tone: 'info' };
    default:
      return primary.notice;
  }
}

/**
 * The log a watcher's own log dialog shows: the feed carries only the log the primary has open, so any other
 * job's says so instead of "fetching" for ever. A watcher never reads Travis itself.
 */
function logFor(dialog: Dialog | null, feed: FeedState, current: LogTail | null): LogTail | null {
  if (dialog?.kind !== 'log') return null;
  if (feed.log && feed.log.jobId === dialog.jobId) return feed.log;
  const error = `only the log ${who(feed.primary)} has open is mirrored; this job's is not open there`;
  return current && current.jobId === dialog.jobId && current.error === error ? current : { jobId: dialog.jobId, text: '', isComplete: false, error };
}

const clamp = (n: number, max: number): number => Math.max(0, Math.min(n, max));

/**
 * A watcher's store, fed by the mirror. The checklist cursor follows the primary's whenever the primary moves
 * it (a watcher may look at another step in between); focus, the CI and rollout cursors, help and log dialogs
 * are the watcher's own.
 */
export function createWatcherStore(first: FeedState, now: number = Date.now()): WatcherStore {
  const store = createCockpitStore({ playbook: first.checklist.playbook, meta: { ...first.meta, mode: 'mirror' }, now });
  let feed: FeedState | undefined;

  const apply = (next: FeedState): void => {
    const prev = feed;
    feed = next;
    const state = store.getState();
    const update: Partial<Record<keyof CockpitState, unknown>> = {};
    if (!prev || prev.meta !== next.meta) update.meta = { ...next.meta, mode: 'mirror' };
    for (const key of DATA_KEYS) if (!prev || prev[key] !== next[key]) update[key] = next[key];
    if (!prev || prev.checklist !== next.checklist) {
      const last = next.checklist.steps.length - 1;
      const follows = !prev || prev.checklist.cursor !== next.checklist.cursor;
      update.checklist = follows ? next.checklist : { ...next.checklist, cursor: clamp(state.checklist.cursor, last) };
    }
    const log = logFor(state.ui.dialog, next, state.log);
    if (log !== state.log) update.log = log;
    let ui = state.ui;
    if (!prev || prev.primary.dialog !== next.primary.dialog || prev.primary.notice !== next.primary.notice || prev.checklist.playbook !== next.checklist.playbook) {
      ui = { ...ui, notice: primaryNotice(next) };
    }
    if (ui.rolloutCursor > Math.max(0, next.rollout.ppcs.length - 1)) ui = { ...ui, rolloutCursor: Math.max(0, next.rollout.ppcs.length - 1) };
    if (ui !== state.ui) update.ui = ui;
    store.getState().primaryHeard(update as Partial<CockpitState>);
  };

  apply(first);
  // The watcher opening or closing its own log dialog decides which log it shows.
  const unsubscribe = store.subscribe((state, previous) => {
    if (!feed || state.ui.dialog === previous.ui.dialog) return;
    const log = logFor(state.ui.dialog, feed, state.log);
    if (log !== state.log) store.getState().primaryHeard({ log });
  });
  return { store, apply, stop: unsubscribe };
}
