import { rolloutStep } from '../domain/steps/steps.js';
import type { CockpitStoreApi } from '../store/create-cockpit-store.js';
import { selectCiJobs, selectInFlight, selectSelectedJob, selectSelectedPpc, selectSelectedStep } from '../store/selectors.js';
import type { PendingAction } from '../store/state.js';
import { answerYes, editReason, submitSkip } from './answer-dialogs.js';
import { confirm } from './command-effects.js';
import type { CommandId } from './key-map.js';
import { submitTakeOver } from './take-over.js';
import { actionFor, jobRestartActionFor, readOnlyBlocker, retryActionFor, stepLogJob } from './step-rules.js';

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

function openLog(store: CockpitStoreApi, job: { readonly id: number; readonly number: string; readonly name: string }): void {
  const state = store.getState();
  if (state.log && state.log.jobId !== job.id) state.logDiscarded();
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
