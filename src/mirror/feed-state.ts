import type { CockpitState, Dialog } from '../store/state.js';
import type { FeedDialog, FeedPrimary, FeedState } from './protocol.js';

/** The primary's dialog as watchers see it: the help overlay is its own business; a question shows its prompt only. */
export function feedDialog(dialog: Dialog | null): FeedDialog | null {
  switch (dialog?.kind) {
    case 'confirm':
      return { kind: 'confirm', prompt: dialog.prompt };
    case 'skip':
      return { kind: 'skip', stepId: dialog.stepId, reason: dialog.reason };
    case 'candidate':
      return { kind: 'candidate' };
    case 'log':
      return { kind: 'log', jobId: dialog.jobId, title: dialog.title };
    default:
      return null;
  }
}

/**
 * The part of the primary's store that the feed carries (see FeedState). Every slice is the store's own object,
 * so `diff` skips the unchanged ones by reference; only `primary` is built anew, and it is small.
 */
export function feedStateOf(state: CockpitState): FeedState {
  const primary: FeedPrimary = {
    driver: state.meta.roles.primary,
    focus: state.ui.focus,
    dialog: feedDialog(state.ui.dialog),
    notice: state.ui.notice,
  };
  return {
    meta: state.meta,
    sources: state.sources,
    quota: state.quota,
    environments: state.environments,
    diffs: state.diffs,
    candidates: state.candidates,
    promotion: state.promotion,
    rollout: state.rollout,
    checklist: state.checklist,
    // The log poller runs only while the primary's log dialog is open; a closed one's text is stale.
    log: state.ui.dialog?.kind === 'log' ? state.log : null,
    primary,
  };
}
