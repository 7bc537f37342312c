import { currentIndex } from '../../domain/checklist.js';
import { isHotfix } from '../../domain/schedule.js';
import type { ReleaseSnapshot } from '../../journal/replay.js';
import { restoreRelease } from '../../journal/restore.js';
import type { CockpitStoreApi } from '../../store/create-cockpit-store.js';
import type { Notice, ReleaseSessionOptions } from './session-types.js';

/** Lays the journalled release (or a fresh start) over a new store, before the journal listens. */
export function restore(store: CockpitStoreApi, options: ReleaseSessionOptions, snapshot: ReleaseSnapshot | undefined, usual: Readonly<Record<string, number>>): void {
  const state = store.getState();
  state.historyRead(usual);
  if (!snapshot) {
    // The first step starts now: "how long it took" needs a start.
    const [first, ...rest] = state.checklist.steps;
    if (first) state.stepStarted([{ ...first, startedAt: options.now() }, ...rest]);
    return;
  }
  const restored = restoreRelease(snapshot, options.playbook, options.config.ppcs?.customers ?? [], options.now());
  state.releaseRestored({
    steps: restored.steps,
    cursor: restored.cursor,
    candidateSha: restored.candidateSha ?? state.promotion.candidateSha,
    rolloutTarget: restored.rolloutTarget ?? state.rollout.target,
    ...(restored.rolloutTarget ? { ppcs: restored.ppcs } : {}),
  });
}

/**
 * A new weekly release started outside the weekly window moves production when nobody planned it: that is a
 * hotfix, which needs a manager's approval. Said, not enforced (an overrunning window is still the weekly), and
 * never in the demo, whose world keeps the real clock.
 */
export function outsideWindow(options: ReleaseSessionOptions): Notice | undefined {
  if (options.mode !== 'driving' || options.playbook.id !== 'weekly' || !isHotfix(options.config.schedule, options.now())) return undefined;
  const { day, time } = options.config.schedule.weekly;
  return { text: `Outside the weekly window (${day} ${time} ${options.config.schedule.timezone}): a change to production now is a hotfix and needs a manager's approval (cockpit run --playbook hotfix)`, tone: 'warning' };
}

export function resumedAt(snapshot: ReleaseSnapshot): string {
  const at = currentIndex(snapshot.steps);
  const step = snapshot.steps[at];
  return step ? `Resumed ${snapshot.id} at step ${at + 1}, "${step.title}"` : `Resumed ${snapshot.id}: every step is settled`;
}
