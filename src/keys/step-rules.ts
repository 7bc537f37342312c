import { headline } from '../domain/commit.js';
import { shortSha, targetRevision } from '../domain/gates.js';
import type { StepDefinition } from '../domain/playbook.js';
import { releaseBranchName } from '../domain/weekly-playbook.js';
import { selectActiveStep, selectInFlight, selectSelectedJob, selectSelectedPpc, selectSelectedStep } from '../store/selectors.js';
import type { CockpitState, PendingAction } from '../store/state.js';

// Why a command cannot run now (the key table's `disabledReason`s), and what an action step would do.
// Each returns undefined when the command may run.

export function readOnlyBlocker(state: CockpitState): string | undefined {
  const { mode } = state.meta;
  return mode === 'mirror' || mode === 'read-only' ? 'this cockpit is read-only: it only watches the release' : undefined;
}

function currentTitle(state: CockpitState): string {
  const active = selectActiveStep(state);
  return active ? `the release is at "${active.definition.title}"` : 'the release is complete';
}

/** A failed PPC to retry, in config order. */
export function firstFailedPpc(state: CockpitState): string | undefined {
  return state.rollout.ppcs.find((p) => p.state === 'failed')?.id;
}

const isPpcStep = (definition: StepDefinition) => definition.type === 'update-ppcs' || definition.type === 'wait-ppcs';

/** What performing `definition` asks of the outside world, or why it cannot be done now. */
export function actionFor(definition: StepDefinition, state: CockpitState): PendingAction | string {
  const { promotion } = state;
  switch (definition.type) {
    case 'review-changes':
    case 'manual':
      return { type: 'confirm-manual', stepId: definition.id };
    case 'open-promotion-pr':
      return promotion.candidateSha ? { type: 'open-pr', sha: promotion.candidateSha } : 'choose a candidate first';
    case 'merge-promotion-pr': {
      const { pull } = promotion;
      if (!pull) return 'there is no promotion pull request to merge yet';
      if (!pull.merged && pull.mergeable === false) return `PR #${pull.number} cannot be merged (${pull.mergeableState}); resolve it on GitHub first`;
      if (!pull.merged && pull.mergeable === null) return `GitHub is still checking whether PR #${pull.number} can be merged; try again in a moment`;
      return { type: 'merge-pr', number: pull.number, sha: pull.headSha };
    }
    case 'update-ppcs':
      if (state.rollout.ppcs.length > 0 && !targetRevision(state)) {
        return `the new PPC revision is not known yet: waiting for ${state.checklist.playbook.to}'s lock file to be read at the release`;
      }
      return { type: 'update-ppcs' };
    default:
      return `"${definition.title}" is not something the cockpit does`;
  }
}

export function performBlocker(state: CockpitState): string | undefined {
  const view = selectSelectedStep(state);
  if (!view) return 'no step is selected';
  const { definition: d, progress: p } = view;
  if (p.status === 'done') return `"${d.title}" is done`;
  if (p.status === 'skipped') return `"${d.title}" was skipped`;
  if (!view.isCurrent) return `"${d.title}" comes later; ${currentTitle(state)}`;
  if (p.status === 'running') return `"${d.title}" is running`;
  if (p.status === 'failed') {
    const retry = retryBlocker(state);
    return `"${d.title}" failed: ${p.reason ?? 'no reason given'}. ${retry === undefined ? 'Press r to retry it or s to skip it.' : 'Press s to skip it.'}`;
  }
  if (d.kind === 'gate') return `"${d.title}" completes on its own: ${view.condition.text}`;
  const readOnly = readOnlyBlocker(state);
  if (readOnly) return readOnly;
  if (d.kind === 'choose') {
    if (state.candidates.status === 'loading') return `still reading ${state.checklist.playbook.from}'s recent commits`;
    if ((state.candidates.data ?? []).length === 0) return `there are no ${state.checklist.playbook.from} commits to choose from`;
    return undefined;
  }
  const action = actionFor(d, state);
  return typeof action === 'string' ? action : undefined;
}

export function skipBlocker(state: CockpitState): string | undefined {
  const readOnly = readOnlyBlocker(state);
  if (readOnly) return readOnly;
  const view = selectSelectedStep(state);
  if (!view) return 'no step is selected';
  const { definition: d, progress: p } = view;
  if (p.status === 'done' || p.status === 'skipped') return `"${d.title}" is already ${p.status}`;
  if (!view.isCurrent) return `only the current step can be skipped; ${currentTitle(state)}`;
  return undefined;
}

/** The action `r` confirms for the selected failed step, or why there is none. */
export function retryActionFor(state: CockpitState): PendingAction | string {
  const view = selectSelectedStep(state);
  if (!view) return 'no step is selected';
  const { definition: d, progress: p } = view;
  if (p.status !== 'failed') return `"${d.title}" has not failed`;
  if (isPpcStep(d)) {
    const id = firstFailedPpc(state);
    return id ? { type: 'retry-ppc', id } : 'no PPC has failed';
  }
  if (d.kind === 'gate') {
    return `"${d.title}" reopens on its own once the failed job is restarted (in Travis); or press s to skip it with a reason`;
  }
  return actionFor(d, state);
}

export function retryBlocker(state: CockpitState): string | undefined {
  const readOnly = readOnlyBlocker(state);
  if (readOnly) return readOnly;
  const action = retryActionFor(state);
  return typeof action === 'string' ? action : undefined;
}

export function ppcRetryBlocker(state: CockpitState): string | undefined {
  const readOnly = readOnlyBlocker(state);
  if (readOnly) return readOnly;
  const ppc = selectSelectedPpc(state);
  if (!ppc) return 'no PPC is selected';
  if (ppc.state !== 'failed') return `${ppc.id} has not failed (it is ${ppc.state})`;
  if (!targetRevision(state)) return 'the target PPC revision is not known yet';
  return undefined;
}

/** Why the selected PPC cannot be skipped: only one that failed or has not gone yet can (a running job finishes). */
export function ppcSkipBlocker(state: CockpitState): string | undefined {
  const readOnly = readOnlyBlocker(state);
  if (readOnly) return readOnly;
  const ppc = selectSelectedPpc(state);
  if (!ppc) return 'no PPC is selected';
  const rollout = state.checklist.playbook.steps.find(isPpcStep);
  const status = state.checklist.steps.find((s) => s.id === rollout?.id)?.status;
  if (status !== 'active' && status !== 'running' && status !== 'failed') return `PPCs are skipped during the rollout; ${currentTitle(state)}`;
  if (ppc.state === 'done' || ppc.state === 'skipped') return `${ppc.id} is already ${ppc.state}`;
  if (ppc.state === 'updating' || ppc.state === 'verifying') return `${ppc.id} is ${ppc.state}: its update job runs to its end`;
  return undefined;
}

export function logBlocker(state: CockpitState): string | undefined {
  return selectSelectedJob(state) ? undefined : 'there is no CI job to show yet';
}

function ciWords(ci: string): string {
  if (ci === 'failure') return 'red: its CI failed';
  if (ci === 'pending') return 'not green yet: its CI is still running';
  return 'not green: it has no CI result';
}

/** The question the confirm dialog asks before `action`. */
export function promptFor(action: PendingAction, state: CockpitState): string {
  const { from, to } = state.checklist.playbook;
  const rows = state.candidates.status === 'loading' ? [] : (state.candidates.data ?? []);
  switch (action.type) {
    case 'open-pr': {
      const row = rows.find((r) => r.commit.sha === action.sha);
      const what = `${shortSha(action.sha)}${row ? ` "${headline(row.commit.message)}"` : ''}`;
      const via = row?.isHead ? '' : ` through a new branch ${releaseBranchName(action.sha, state.now, state.meta.timezone)}`;
      return `Open a pull request ${from} -> ${to} for ${what}${via}?`;
    }
    case 'merge-pr':
      return `Merge PR #${action.number} into ${to} at ${shortSha(action.sha)}? Its merge deploys ${to}.`;
    case 'update-ppcs': {
      const target = targetRevision(state);
      const n = state.rollout.ppcs.length;
      return `Update ${n} customer PPC${n === 1 ? '' : 's'} to ${target ? shortSha(target) : 'the new revision'}, wave by wave (canary first), several per Travis request?`;
    }
    case 'retry-ppc': {
      const target = targetRevision(state);
      return `Retry updating ${action.id} to ${target ? shortSha(target) : 'the new revision'}?`;
    }
    case 'confirm-manual': {
      const title = state.checklist.playbook.steps.find((s) => s.id === action.stepId)?.title ?? action.stepId;
      return `Mark "${title}" as done?`;
    }
    case 'choose-red-candidate': {
      const row = rows.find((r) => r.commit.sha === action.sha);
      return `${shortSha(action.sha)} is ${ciWords(row?.ci ?? 'none')}. Promote it anyway?`;
    }
    case 'quit':
      return `${selectInFlight(state) ?? 'Nothing is running'}. Quit anyway? The release stays where it is.`;
  }
}
