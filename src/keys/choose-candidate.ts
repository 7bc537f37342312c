import { complete } from '../domain/checklist.js';
import { headline } from '../domain/commit.js';
import { shortSha } from '../domain/sha.js';
import type { CockpitStoreApi } from '../store/create-cockpit-store.js';
import { selectSelectedStep } from '../store/selectors.js';
import { applySteps, confirm, nowOf } from './command-effects.js';
import type { CommandDeps } from './commands.js';

// Choosing the candidate is reached from two places, the candidate list and the y that overrides a red CI,
// so it lives apart from both.

/** Puts `sha` in as the candidate and completes the choose step (the current one). */
export function takeCandidate(store: CockpitStoreApi, deps: CommandDeps, sha: string, isOverride: boolean): void {
  const state = store.getState();
  const rows = state.candidates.status === 'loading' ? [] : (state.candidates.data ?? []);
  const row = rows.find((r) => r.commit.sha === sha);
  const step = selectSelectedStep(state);
  const stepId = step?.definition.kind === 'choose' ? step.definition.id : state.checklist.playbook.steps.find((s) => s.kind === 'choose')?.id;
  if (!stepId) return;
  const outcome = `${shortSha(sha)}${row ? ` "${headline(row.commit.message)}"` : ''}${isOverride ? ' (chosen although CI is not green)' : ''}`;
  const result = complete(state.checklist.steps, stepId, outcome, nowOf(deps));
  if (!result.ok) {
    state.setNotice({ text: `Cannot choose ${shortSha(sha)}: ${result.error}`, tone: 'error' });
    return;
  }
  state.candidateChosen(sha);
  applySteps(store, result.steps, 'stepCompleted');
  state.setNotice({ text: `Candidate: ${outcome}`, tone: 'success' });
}

/**
 * What the candidate list calls when the user picks a commit: a green one is taken at once, any other asks
 * y/n first (an explicit override).
 */
export function chooseCandidate(store: CockpitStoreApi, deps: CommandDeps, sha: string): void {
  const state = store.getState();
  const rows = state.candidates.status === 'loading' ? [] : (state.candidates.data ?? []);
  const row = rows.find((r) => r.commit.sha === sha);
  if (!row) {
    state.setNotice({ text: `${shortSha(sha)} is not one of the recent ${state.checklist.playbook.from} commits`, tone: 'error' });
    return;
  }
  if (row.ci !== 'success') {
    confirm(store, { type: 'choose-red-candidate', sha });
    return;
  }
  state.closeDialog();
  takeCandidate(store, deps, sha, false);
}
