import { statSync } from 'node:fs';
import type { Playbook } from '../../domain/playbook.js';
import { restoreRelease } from '../../journal/restore.js';
import { readReleaseFile } from '../../journal/releases.js';
import type { CockpitStoreApi } from '../../store/create-cockpit-store.js';

export const FOLLOW_MS = 2_000;

/**
 * A read-only cockpit shows the driver's release as the driver's journal has it: the steps, the candidate, the
 * rollout's target and each PPC's state, re-read whenever the file grows. The live panes come from its own
 * pollers; it never writes anything.
 */
export function followJournal(store: CockpitStoreApi, path: string, playbook: Playbook, customers: readonly { readonly id: string; readonly name?: string | undefined }[], now: () => number, everyMs = FOLLOW_MS): { stop(): void } {
  let seen = '';
  const look = (): void => {
    let mark: string;
    try {
      const stat = statSync(path);
      mark = `${stat.size}:${stat.mtimeMs}`;
    } catch {
      return;
    }
    if (mark === seen) return;
    seen = mark;
    const { snapshot } = readReleaseFile(path);
    if (!snapshot) return;
    const restored = restoreRelease(snapshot, playbook, customers, now());
    const state = store.getState();
    const journalled = new Map(snapshot.rollout.ppcs.map((p) => [p.customer, p]));
    const changed = state.rollout.ppcs.filter((p) => {
      const j = journalled.get(p.id);
      return j !== undefined && (j.state !== p.state || j.detail !== p.detail);
    });
    const ppcPatches = changed.map((p) => ({ id: p.id, state: journalled.get(p.id)?.state ?? p.state, detail: journalled.get(p.id)?.detail }));
    state.releaseRestored({ steps: restored.steps, candidateSha: restored.candidateSha, rolloutTarget: restored.rolloutTarget, ppcPatches });
  };
  look();
  const timer = setInterval(look, everyMs);
  timer.unref?.();
  return { stop: () => clearInterval(timer) };
}
