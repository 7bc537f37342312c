import type { Build, Job } from '../domain/ci.js';
import { isActive, travisStateToCi } from '../domain/ci-verdict.js';
import type { StepDefinition } from '../domain/playbook.js';
import { targetRevision } from '../domain/release-gates.js';
import { shortSha } from '../domain/sha.js';
import { actionRuleOf, isStepAction, rolloutStep, STEPS } from '../domain/steps/steps.js';
import { selectActiveStep, selectInFlight, selectReleaseView, selectSelectedJob, selectSelectedPpc, selectSelectedStep } from '../store/selectors.js';
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

/** What performing `definition` asks of the outside world, or why it cannot be done now (its step record says). */
export function actionFor(definition: StepDefinition, state: CockpitState): PendingAction | string {
  const { action } = STEPS[definition.type];
  return action ? action.propose(definition, selectReleaseView(state)) : `"${definition.title}" is not something the cockpit does`;
}

/** The build a CI gate waits on: the pull request's, or the push build that deploys. */
function buildOfStep(definition: StepDefinition, state: CockpitState): Build | null | undefined {
  const { build } = STEPS[definition.type];
  if (build === 'pr') return state.promotion.prBuild;
  if (build === 'deploy') return state.promotion.deployBuild;
  return undefined;
}

const hasFailed = (job: Job) => !job.allowFailure && travisStateToCi(job.state) === 'failure';

/** The job whose log `l` on a CI step opens: the first failed one, else the first still running, else the first. */
export function stepLogJob(state: CockpitState): Job | undefined {
  const view = selectSelectedStep(state);
  const build = view && buildOfStep(view.definition, state);
  if (!build) return undefined;
  return build.jobs.find(hasFailed) ?? build.jobs.find((j) => isActive(j.state)) ?? build.jobs[0];
}

export function stepLogBlocker(state: CockpitState): string | undefined {
  const view = selectSelectedStep(state);
  if (!view) return 'no step is selected';
  const build = buildOfStep(view.definition, state);
  if (build === undefined) return `"${view.definition.title}" has no CI job to show`;
  return stepLogJob(state) ? undefined : `"${view.definition.title}" has no CI job yet`;
}

/** Restarts the failed jobs of `build`, or says why there is nothing to restart. */
function restartFailed(build: Build | null | undefined, what: string): PendingAction | string {
  if (!build) return `there is no ${what} build yet`;
  const jobs = build.jobs.filter(hasFailed);
  if (jobs.length === 0) return `no job of ${what} build ${build.number} has failed`;
  return { type: 'restart-jobs', buildId: build.id, jobs: jobs.map(({ id, number, name }) => ({ id, number, name })) };
}

/** `r` in the CI pane: restart the selected job when it failed. */
export function jobRestartActionFor(state: CockpitState): PendingAction | string {
  const readOnly = readOnlyBlocker(state);
  if (readOnly) return readOnly;
  const row = selectSelectedJob(state);
  if (!row) return 'there is no CI job selected';
  if (!hasFailed(row.job)) return `job ${row.job.number} has not failed (it is ${row.job.state})`;
  const build = row.build === 'pr' ? state.promotion.prBuild : state.promotion.deployBuild;
  if (!build) return `job ${row.job.number}'s build is gone`;
  return { type: 'restart-jobs', buildId: build.id, jobs: [{ id: row.job.id, number: row.job.number, name: row.job.name }] };
}

export function jobRestartBlocker(state: CockpitState): string | undefined {
  const action = jobRestartActionFor(state);
  return typeof action === 'string' ? action : undefined;
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
    const hint = buildOfStep(d, state) ? 'Press l for the failed job\'s log, r to restart it on Travis, or s to skip the step.' : 'Press r to retry it or s to skip it.';
    return `"${d.title}" failed: ${p.reason ?? 'no reason given'}. ${retry === undefined ? hint : 'Press s to skip it.'}`;
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
  if (STEPS[d.type].isRollout) {
    const id = firstFailedPpc(state);
    return id ? { type: 'retry-ppc', id } : 'no PPC has failed';
  }
  const build = buildOfStep(d, state);
  if (build !== undefined) return restartFailed(build, STEPS[d.type].build === 'pr' ? 'the pull request' : 'the deploy');
  if (d.kind === 'gate') return `"${d.title}" reopens on its own once what it waits for holds; or press s to skip it with a reason`;
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
  // An answer lost on the way is looked for before anything may be sent again: say so, not "not failed".
  if (ppc.state === 'updating' && ppc.detail?.startsWith('unknown')) return `${ppc.id}'s update request is unknown: the cockpit is still looking for it on Travis`;
  if (ppc.state !== 'failed') return `${ppc.id} has not failed (it is ${ppc.state})`;
  if (!targetRevision(selectReleaseView(state))) return 'the target PPC revision is not known yet';
  return undefined;
}

/** Why the selected PPC cannot be skipped: only one that failed or has not gone yet can (a running job finishes). */
export function ppcSkipBlocker(state: CockpitState): string | undefined {
  const readOnly = readOnlyBlocker(state);
  if (readOnly) return readOnly;
  const ppc = selectSelectedPpc(state);
  if (!ppc) return 'no PPC is selected';
  const rollout = rolloutStep(state.checklist.playbook);
  const status = state.checklist.steps.find((s) => s.id === rollout?.id)?.status;
  if (status !== 'active' && status !== 'running' && status !== 'failed') return `PPCs are skipped during the rollout; ${currentTitle(state)}`;
  if (ppc.state === 'done' || ppc.state === 'skipped') return `${ppc.id} is already ${ppc.state}`;
  if (ppc.state === 'updating' && ppc.detail?.startsWith('unknown')) return `${ppc.id}'s update request is unknown: the cockpit is still looking for it on Travis`;
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
  const rows = state.candidates.status === 'loading' ? [] : (state.candidates.data ?? []);
  if (isStepAction(action)) return actionRuleOf(action).prompt(action, selectReleaseView(state));
  switch (action.type) {
    case 'restart-jobs': {
      const jobs = action.jobs.map((j) => `${j.number} ${j.name}`).join(', ');
      return `Restart ${action.jobs.length === 1 ? 'job' : `${action.jobs.length} jobs:`} ${jobs} on Travis? ${action.jobs.length === 1 ? 'It runs' : 'They run'} again on the same commit.`;
    }
    case 'retry-ppc': {
      const target = targetRevision(selectReleaseView(state));
      return `Retry updating ${action.id} to ${target ? shortSha(target) : 'the new revision'}?`;
    }
    case 'choose-red-candidate': {
      const row = rows.find((r) => r.commit.sha === action.sha);
      return `${shortSha(action.sha)} is ${ciWords(row?.ci ?? 'none')}. Promote it anyway?`;
    }
    case 'take-over':
      return `Take the release over from ${action.from}? You drive it from this machine (cockpit run --take-over), the PR says so, and their cockpit becomes read-only.`;
    case 'quit':
      return `${selectInFlight(state) ?? 'Nothing is running'}. Quit anyway? The release stays where it is.`;
  }
}

