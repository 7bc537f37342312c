import { advance, type Steps } from '../domain/checklist.js';
import { movedHeadText, testedHead } from '../domain/pull-gates.js';
import { shortSha } from '../domain/sha.js';
import { STEPS } from '../domain/steps/steps.js';
import type { PendingAction } from '../store/state.js';
import { selectReleaseView } from '../store/selectors.js';
import { restartCiJobs } from './ci-restart.js';
import { createRollout } from './ppc-rollout.js';
import type { EngineOptions, NotifyKind, RefreshTarget } from './ports.js';
import { mergePromotionPr, openPromotionPr } from './promotion.js';
import type { FollowRequest } from './reconcile.js';
import { updatePromotionBranch } from './update-branch.js';
import { errorText, writeSteps } from './steps.js';

export interface Engine {
  /**
   * Does what the user confirmed with `y`: open-pr, merge-pr, update-ppcs, retry-ppc, restart-jobs. Never rejects: a failure
   * becomes the step's reason and a notice. Other actions (confirm-manual, choose-red-candidate, quit) change
   * only the store and are the key commands' business; they are ignored here.
   */
  perform(action: PendingAction): Promise<void>;
  /**
   * Moves the checklist past every gate that holds, announces ended waits, and keeps the PPC rollout going.
   * Scheduled on the store: at once when nothing is writing, else once the write and its subscribers are done.
   */
  evaluate(): void;
  /** The same as `evaluate`. */
  onStateChange(): void;
  /** Evaluates once after every store change from now on, and once now; returns `stop`. */
  start(): () => void;
  /**
   * After a restart: follows a PPC update request an earlier process sent (found in the journal) instead of
   * sending its customers again.
   */
  follow(request: FollowRequest): void;
  /** Unsubscribes and stops watching PPC update builds. */
  stop(): void;
}

/**
 * How often a running PPC update build is looked at. The next request waits for the last job of the one before,
 * so half of this is added to every round on average: at 3 s that made a 1,000-PPC rollout against the demo
 * world's 4-10 s update jobs 15% slower than the world; a look costs one GET per running update build.
 */
export const WATCH_MS = 1_000;

export const RATE_LIMIT_WAIT_MS = 60_000;

/** Runs confirmed steps against GitHub and Travis, and advances the checklist as gates hold. */
export function createEngine(options: EngineOptions): Engine {
  const { store, now, notify } = options;
  const rollout = createRollout({ ...options, watchMs: options.watchMs ?? WATCH_MS, rateLimitWaitMs: options.rateLimitWaitMs ?? RATE_LIMIT_WAIT_MS });
  let unsubscribe: (() => void) | undefined;

  /** One bell for everything that ended in one evaluation (a deploy and its verification often end together). */
  function announce(before: Steps, after: Steps): void {
    const { playbook } = store.getState().checklist;
    const ended: { kind: NotifyKind; text: string }[] = [];
    after.forEach((step, i) => {
      const was = before[i];
      const definition = playbook.steps.find((d) => d.id === step.id);
      // A gate that held for one head now holds for another (its checks may have passed already by the time
      // the cockpit saw the new head): the release moved on, but not on what was checked before.
      const movedTo = was?.status === 'done' && step.status === 'done' && was.sha && step.sha && was.sha !== step.sha;
      if (movedTo && was?.sha) {
        reopened(`${movedHeadText(store.getState(), was.sha)}; its checks passed on ${shortSha(step.sha ?? '')} already`);
        return;
      }
      if (!definition || was?.status === step.status) return;
      if (was?.status === 'done' && step.status === 'active' && step.reason) {
        reopened(step.reason);
        ended.push({ kind: 'info', text: `${definition.title} again: ${step.reason}` });
        return;
      }
      // A PPC failure was announced by the rollout itself, with the PPC's name.
      if (step.status === 'failed' && definition.kind === 'gate') ended.push({ kind: 'failure', text: `${definition.title} failed: ${step.reason ?? ''}` });
      if (step.status === 'done') ended.push({ kind: 'success', text: `${definition.title}: ${step.outcome ?? 'done'}` });
    });
    if (ended.length === 0) return;
    const kind = ended.some((e) => e.kind === 'failure') ? 'failure' : ended.some((e) => e.kind === 'info') ? 'info' : 'success';
    notify(kind, ended.map((e) => e.text).join('; '));
  }

  /**
   * A head-pinned gate opened again (a push to the pull request): a merge question asked for the old head no
   * longer stands, so it is withdrawn rather than left for a `y` that would merge what was not tested.
   */
  function reopened(reason: string): void {
    const state = store.getState();
    const dialog = state.ui.dialog;
    if (dialog?.kind === 'confirm' && dialog.action.type === 'merge-pr') state.closeDialog();
    const text = `${reason[0]?.toUpperCase() ?? ''}${reason.slice(1)}`;
    state.setNotice({ text: text.includes('passed on') ? text : `${text}: waiting for it again`, tone: 'warning' });
  }

  /** A merge question asked for a head that is no longer the tested one does not stand, however it came about. */
  function withdrawStaleMerge(): void {
    const state = store.getState();
    const dialog = state.ui.dialog;
    if (dialog?.kind !== 'confirm' || dialog.action.type !== 'merge-pr') return;
    if (dialog.action.sha === (testedHead(state) ?? state.promotion.pull?.headSha)) return;
    state.closeDialog();
  }

  /** Whoever moved the checklist (a gate, an action, a skip), a gate that starts waiting gets a fresh read. */
  let seenSteps: Steps | undefined;
  function refreshNewGates(steps: Steps): void {
    const before = seenSteps;
    seenSteps = steps;
    if (!before || before === steps || !options.refresh) return;
    const { playbook } = store.getState().checklist;
    steps.forEach((step, i) => {
      // A gate that starts waiting has its poller read at once (never a whole idle interval).
      const type = playbook.steps.find((d) => d.id === step.id)?.type;
      const target = type && STEPS[type].waitsOn[0];
      if (target && step.status === 'active' && before[i]?.status === 'pending') options.refresh?.(target);
    });
  }

  /**
   * One evaluation. The store runs it after a change, never inside a listener and never nested: the writes it
   * makes schedule the next evaluation, which runs once this one has returned.
   */
  function evaluateNow(): void {
    const state = store.getState();
    const before = state.checklist.steps;
    refreshNewGates(before);
    const after = advance(before, state.checklist.playbook, selectReleaseView(state), now());
    if (after !== before) {
      writeSteps(store, after, 'stepsAdvanced');
      announce(before, after);
      withdrawStaleMerge();
    }
    rollout.pump();
  }

  const evaluate = (): void => store.getState().schedule(evaluateNow);

  async function perform(action: PendingAction): Promise<void> {
    try {
      switch (action.type) {
        case 'open-pr':
          return await openPromotionPr(options, action.sha);
        case 'merge-pr':
          return await mergePromotionPr(options, action.number, action.sha);
        case 'update-branch':
          return await updatePromotionBranch(options, action.number, action.sha);
        case 'update-ppcs':
          return await rollout.start();
        case 'retry-ppc':
          return await rollout.retry(action.id);
        case 'restart-jobs':
          return await restartCiJobs(options, action);
        default:
          return;
      }
    } catch (error) {
      // The actions report their own failures; this is the last line against a bug taking the cockpit down.
      store.getState().setNotice({ text: errorText(error), tone: 'error' });
    } finally {
      evaluate();
    }
  }

  function stop(): void {
    unsubscribe?.();
    unsubscribe = undefined;
    rollout.stop();
  }

  return {
    perform,
    evaluate,
    onStateChange: evaluate,
    start() {
      unsubscribe ??= store.getState().afterChange(evaluateNow);
      evaluate();
      return stop;
    },
    follow: (request) => rollout.follow(request),
    stop,
  };
}
