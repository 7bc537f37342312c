import type { CheckRunSignal, CiSignals, CiState, StatusSignal, TravisState } from './ci.js';

/** Check-run conclusions that count as passing (GitHub's own rule for "green"). */
const PASSING_CONCLUSIONS: ReadonlySet<string> = new Set(['success', 'neutral', 'skipped']);

/**
 * The one CI verdict for a sha from both GitHub systems (reference §3.1).
 *
 * - `failure` wins over everything: a failed, cancelled, timed-out, errored (`action_required`, which is
 *   how Travis reports `errored`), `startup_failure` or `stale` run, or a status in `failure`/`error`.
 * - `pending` when nothing failed but a run is not completed or a status is pending.
 * - `success` when at least one signal exists and all of them pass.
 * - `none` when there is no signal at all. The combined-status endpoint says `pending` when it has no
 *   statuses; callers pass only the real statuses, so that phantom `pending` never reaches us.
 *
 * Judgement calls: a completed run without a conclusion yet is `pending` (GitHub writes the two fields
 * separately); a completed run with a conclusion we do not know is `failure`, because it is certainly
 * not green and will not change by waiting.
 */
export function ciVerdict(signals: CiSignals): CiState {
  if (signals.checkRuns.length === 0 && signals.statuses.length === 0) return 'none';
  let pending = false;
  for (const run of signals.checkRuns) {
    const v = checkRunVerdict(run);
    if (v === 'failure') return 'failure';
    if (v === 'pending' || v === 'unknown') pending = true;
  }
  for (const status of signals.statuses) {
    const v = statusVerdict(status);
    if (v === 'failure') return 'failure';
    if (v === 'pending' || v === 'unknown') pending = true;
  }
  return pending ? 'pending' : 'success';
}

/** Check-run statuses GitHub documents; any other is unknown: not green, and not a failure either. */
const RUN_STATUSES: ReadonlySet<string> = new Set(['queued', 'in_progress', 'completed', 'waiting', 'requested', 'pending']);

/** One check run's verdict; `unknown` for a status GitHub did not document when this was written. */
export function checkRunVerdict(run: CheckRunSignal): CiState | 'unknown' {
  if (!RUN_STATUSES.has(run.status)) return 'unknown';
  if (run.status !== 'completed' || run.conclusion === null) return 'pending';
  return PASSING_CONCLUSIONS.has(run.conclusion) ? 'success' : 'failure';
}

/** One commit status's verdict; `unknown` for a state outside success, pending, failure and error. */
export function statusVerdict(status: StatusSignal): CiState | 'unknown' {
  if (status.state === 'success') return 'success';
  if (status.state === 'pending') return 'pending';
  if (status.state === 'failure' || status.state === 'error') return 'failure';
  return 'unknown';
}

/** Travis states that may still change (reference §4.4: `queued` appears in some queries). */
const ACTIVE: ReadonlySet<TravisState> = new Set(['created', 'queued', 'received', 'started']);

/** True while a Travis build or job can still change state. */
export function isActive(state: TravisState): boolean {
  return ACTIVE.has(state);
}

/** True once a Travis build or job has reached a final state (`passed|failed|errored|canceled`). */
export function isFinished(state: TravisState): boolean {
  return !ACTIVE.has(state) && state !== 'unknown';
}

/**
 * A Travis build or job state as a CI verdict. `canceled` and `errored` are failures: nothing was
 * deployed and a human has to decide what next (Travis itself reports both as non-green to GitHub).
 */
export function travisStateToCi(state: TravisState): CiState {
  // A state we cannot read is no verdict: it waits, never passes and never fails.
  if (ACTIVE.has(state) || state === 'unknown') return 'pending';
  return state === 'passed' ? 'success' : 'failure';
}
