import { complete, followCursor, skip, type Steps } from '../domain/checklist.js';
import { headline } from '../domain/commit.js';
import { shortSha } from '../domain/sha.js';
import { rolloutStep } from '../domain/steps/steps.js';
import type { CockpitStoreApi } from '../store/create-cockpit-store.js';
import { selectCiJobs, selectInFlight, selectSelectedJob, selectSelectedPpc, selectSelectedStep } from '../store/selectors.js';
import type { PendingAction } from '../store/state.js';
import type { CommandId } from './key-map.js';
import { submitTakeOver } from './take-over.js';
import { actionFor, jobRestartActionFor, promptFor, readOnlyBlocker, retryActionFor, stepLogJob } from './step-rules.js';

/** What commands need from outside the store; the mode wires these to the engine and to Ink's exit. */
export interface CommandDeps {
  /**
   * Does a confirmed action to the outside world (open-pr, merge-pr, update-ppcs, retry-ppc). Called only
   * after the user answered `y`. The engine implements it and turns its failures into notices.
   */
  readonly perform: (action: PendingAction) => Promise<void> | void;
  readonly quit: () => void;
  /** A watcher's take-over, once answered y and given a reason: the watch mode leaves for `cockpit run --take-over`. */
  readonly takeOver?: (reason: string) => void;
  /** Epoch ms for the steps' timestamps; Date.now by default. */
  readonly now?: () => number;
}

export interface CommandContext {
  readonly store: CockpitStoreApi;
  readonly deps: CommandDeps;
  /** The raw input of the key press (the typed text, for the skip reason). */
  readonly input: string;
}

export type Command = (ctx: CommandContext) => void;

const PAGE = 10;
const MAX_REASON = 200;

const nowOf = (deps: CommandDeps): number => (deps.now ? deps.now() : Date.now());

/** Writes new step progress in one update, the cursor following the release when it was on the current step. */
export function applySteps(store: CockpitStoreApi, next: Steps): void {
  const { steps, cursor } = store.getState().checklist;
  if (next === steps) return;
  store.getState().setSteps(next, followCursor(steps, next, cursor));
}

/** Moves the focused pane's cursor by `delta` rows (clamped at both ends). */
function move(store: CockpitStoreApi, delta: number): void {
  const state = store.getState();
  switch (state.ui.focus) {
    case 'checklist':
      state.moveCursor(delta);
      return;
    case 'ci': {
      const last = Math.max(0, selectCiJobs(state).length - 1);
      const target = Math.max(0, Math.min(last, state.ui.ciCursor + delta));
      if (target !== state.ui.ciCursor) state.moveCiCursor(target - state.ui.ciCursor);
      return;
    }
    case 'rollout':
      state.moveRolloutCursor(delta);
      return;
    case 'environments':
      return;
  }
}

function confirm(store: CockpitStoreApi, action: PendingAction): void {
  const state = store.getState();
  state.openDialog({ kind: 'confirm', action, prompt: promptFor(action, state) });
}

/** Puts `sha` in as the candidate and completes the choose step (the current one). */
function takeCandidate(store: CockpitStoreApi, deps: CommandDeps, sha: string, isOverride: boolean): void {
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
  state.setPromotion({ candidateSha: sha });
  applySteps(store, result.steps);
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

function answerYes(store: CockpitStoreApi, deps: CommandDeps): void {
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
      if (result.ok) applySteps(store, result.steps);
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

function submitSkip(store: CockpitStoreApi, deps: CommandDeps): void {
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
  applySteps(store, result.steps);
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
  state.patchPpcs([{ id, state: 'skipped', detail: reason }]);
  state.setNotice({ text: `Skipped PPC ${id}: ${reason}`, tone: 'warning' });
}

function editReason(store: CockpitStoreApi, edit: (reason: string) => string): void {
  const state = store.getState();
  const dialog = state.ui.dialog;
  if (dialog?.kind !== 'skip' && dialog?.kind !== 'take-over') return;
  const reason = edit(dialog.reason).slice(0, MAX_REASON);
  if (reason !== dialog.reason) state.openDialog({ ...dialog, reason });
}

function openLog(store: CockpitStoreApi, job: { readonly id: number; readonly number: string; readonly name: string }): void {
  const state = store.getState();
  if (state.log && state.log.jobId !== job.id) state.setLog(null);
  state.openDialog({ kind: 'log', jobId: job.id, title: `job ${job.number} ${job.name}` });
}

const close: Command = ({ store }) => store.getState().closeDialog();
const widgetKey: Command = () => undefined;

/** What each command does. Disabled commands never get here: the router shows their reason instead. */
export const COMMANDS: Readonly<Record<CommandId, Command>> = {
  'nav.down': ({ store }) => move(store, 1),
  'nav.up': ({ store }) => move(store, -1),
  'nav.pageDown': ({ store }) => move(store, PAGE),
  'nav.pageUp': ({ store }) => move(store, -PAGE),
  'nav.first': ({ store }) => move(store, -Number.MAX_SAFE_INTEGER / 2),
  'nav.last': ({ store }) => move(store, Number.MAX_SAFE_INTEGER / 2),
  'focus.next': ({ store }) => store.getState().cycleFocus(1),
  'focus.prev': ({ store }) => store.getState().cycleFocus(-1),
  'help.open': ({ store }) => store.getState().openDialog({ kind: 'help' }),
  'app.quit': ({ store, deps }) => {
    // A read-only cockpit (a mirror) leaves nothing half-done, and could not answer y to the question anyway.
    const state = store.getState();
    if (readOnlyBlocker(state) === undefined && selectInFlight(state)) confirm(store, { type: 'quit' });
    else deps.quit();
  },

  'step.perform': ({ store }) => {
    const state = store.getState();
    const view = selectSelectedStep(state);
    if (!view) return;
    if (view.definition.kind === 'choose') {
      state.openDialog({ kind: 'candidate' });
      return;
    }
    const action = actionFor(view.definition, state);
    if (typeof action !== 'string') confirm(store, action);
  },
  'step.skip': ({ store }) => {
    const view = selectSelectedStep(store.getState());
    if (view) store.getState().openDialog({ kind: 'skip', stepId: view.definition.id, reason: '' });
  },
  'step.retry': ({ store }) => {
    const action = retryActionFor(store.getState());
    if (typeof action !== 'string') confirm(store, action);
  },

  'step.log': ({ store }) => {
    const job = stepLogJob(store.getState());
    if (job) openLog(store, job);
  },
  'log.open': ({ store }) => {
    const row = selectSelectedJob(store.getState());
    if (row) openLog(store, row.job);
  },
  'job.restart': ({ store }) => {
    const action = jobRestartActionFor(store.getState());
    if (typeof action !== 'string') confirm(store, action);
  },

  'ppc.retry': ({ store }) => {
    const ppc = selectSelectedPpc(store.getState());
    if (ppc) confirm(store, { type: 'retry-ppc', id: ppc.id });
  },
  'ppc.skip': ({ store }) => {
    const state = store.getState();
    const ppc = selectSelectedPpc(state);
    const step = rolloutStep(state.checklist.playbook);
    if (ppc) state.openDialog({ kind: 'skip', stepId: step?.id ?? '', reason: '', ppcId: ppc.id });
  },

  'watch.takeOver': ({ store }) => {
    const from = store.getState().watch?.primary ?? 'the primary';
    confirm(store, { type: 'take-over', from });
  },

  'confirm.yes': ({ store, deps }) => answerYes(store, deps),
  'confirm.no': close,

  'skip.type': ({ store, input }) => editReason(store, (reason) => reason + input),
  'skip.erase': ({ store }) => editReason(store, (reason) => [...reason].slice(0, -1).join('')),
  'skip.submit': ({ store, deps }) => submitSkip(store, deps),
  'skip.cancel': close,

  'takeOver.type': ({ store, input }) => editReason(store, (reason) => reason + input),
  'takeOver.erase': ({ store }) => editReason(store, (reason) => [...reason].slice(0, -1).join('')),
  'takeOver.submit': ({ store, deps }) => submitTakeOver(store, deps),
  'takeOver.cancel': close,

  'candidate.move': widgetKey,
  'candidate.choose': widgetKey,
  'candidate.cancel': close,
  'help.close': close,
  'log.close': close,
};
