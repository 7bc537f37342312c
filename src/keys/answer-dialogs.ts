import { complete, skip } from '../domain/checklist.js';
import { shortSha } from '../domain/sha.js';
import type { CockpitStoreApi } from '../store/create-cockpit-store.js';
import { takeCandidate } from './choose-candidate.js';
import { applySteps, nowOf } from './command-effects.js';
import type { CommandDeps } from './commands.js';
import { actionFor } from './step-rules.js';

// What the open dialogs do with an answer (a y, a typed reason), apart from the key table that routes to them.

const MAX_REASON = 200;

export function answerYes(store: CockpitStoreApi, deps: CommandDeps): void {
  const state = store.getState();
  const dialog = state.ui.dialog;
  if (dialog?.kind !== 'confirm') return;
  state.closeDialog();
  const { action } = dialog;
  switch (action.type) {
    case 'quit':
      deps.quit();
      return;
    case 'choose-red-candidate':
      takeCandidate(store, deps, action.sha, true);
      return;
    case 'take-over':
      // The y is not the whole answer: a take-over is recorded with why, so the reason is asked next.
      state.openDialog({ kind: 'take-over', from: action.from, reason: '' });
      return;
    case 'confirm-manual': {
      const result = complete(state.checklist.steps, action.stepId, 'confirmed', nowOf(deps));
      if (result.ok) applySteps(store, result.steps, 'stepConfirmed');
      else state.setNotice({ text: result.error, tone: 'error' });
      return;
    }
    case 'merge-pr': {
      // Asked a moment ago; the answer counts only if the merge it asked about still stands (same head, same step).
      const merge = state.checklist.playbook.steps.find((d) => d.type === 'merge-promotion-pr');
      const now = merge ? actionFor(merge, state) : 'there is no merge step';
      if (typeof now === 'string' || now.type !== 'merge-pr' || now.sha !== action.sha) {
        state.setNotice({ text: `Not merged: ${typeof now === 'string' ? now : `the head to merge is now ${shortSha(now.type === 'merge-pr' ? now.sha : '')}`}`, tone: 'warning' });
        return;
      }
      void Promise.resolve()
        .then(() => deps.perform(action))
        .catch((err: unknown) => store.getState().setNotice({ text: err instanceof Error ? err.message : String(err), tone: 'error' }));
      return;
    }
    default:
      // The engine reports its own failures; this only catches a perform that throws outright.
      Promise.resolve()
        .then(() => deps.perform(action))
        .catch((err: unknown) => store.getState().setNotice({ text: err instanceof Error ? err.message : String(err), tone: 'error' }));
  }
}

export function submitSkip(store: CockpitStoreApi, deps: CommandDeps): void {
  const state = store.getState();
  const dialog = state.ui.dialog;
  if (dialog?.kind !== 'skip') return;
  if (dialog.ppcId !== undefined) return skipPpc(store, dialog.ppcId, dialog.reason);
  const result = skip(state.checklist.steps, dialog.stepId, dialog.reason, nowOf(deps));
  if (!result.ok) {
    state.setNotice({ text: result.error, tone: 'error' });
    return;
  }
  const title = state.checklist.playbook.steps.find((s) => s.id === dialog.stepId)?.title ?? dialog.stepId;
  state.closeDialog();
  applySteps(store, result.steps, 'stepSkipped');
  state.setNotice({ text: `Skipped "${title}": ${dialog.reason.trim()}`, tone: 'warning' });
}

/** A PPC left out of the rollout: a decision, not an action on the outside world, so no y/n and no engine call. */
function skipPpc(store: CockpitStoreApi, id: string, typed: string): void {
  const state = store.getState();
  const reason = typed.trim();
  const ppc = state.rollout.ppcs.find((p) => p.id === id);
  if (!reason) {
    state.setNotice({ text: 'A reason is required to skip a PPC', tone: 'error' });
    return;
  }
  state.closeDialog();
  if (!ppc || ppc.state === 'done' || ppc.state === 'updating' || ppc.state === 'verifying' || ppc.state === 'skipped') {
    state.setNotice({ text: `Nothing done: ${ppc ? `${id} is ${ppc.state} now` : `there is no PPC ${id}`}`, tone: 'warning' });
    return;
  }
  state.ppcSkipped(id, reason);
  state.setNotice({ text: `Skipped PPC ${id}: ${reason}`, tone: 'warning' });
}

export function editReason(store: CockpitStoreApi, edit: (reason: string) => string): void {
  const state = store.getState();
  const dialog = state.ui.dialog;
  if (dialog?.kind !== 'skip' && dialog?.kind !== 'take-over') return;
  const reason = edit(dialog.reason).slice(0, MAX_REASON);
  if (reason !== dialog.reason) state.openDialog({ ...dialog, reason });
}
