import type { CheckRunSignal, CiSignals, CiState, StatusSignal } from './ci.js';
import { checkRunVerdict, statusVerdict } from './ci-verdict.js';

// Which checks gate a commit, and the verdict they give for one head sha. Pure.
//
// GitHub shows every app's check runs and every status context on a commit; only some of them decide whether a
// pull request may merge. A failing coverage bot or a linter stuck `queued` must not hold a release back, and a
// green optional check must not let one through.

/** Whether a commit's CI ran for a pull request (its head) or for a push to a branch. */
export type CheckEvent = 'pull_request' | 'push';

/** A check that must pass: a check run's name or a status context, optionally from one app. */
export interface RequiredCheck {
  readonly name: string;
  /** The reporting app's slug ("travis-ci"), as cockpit.yaml names it. */
  readonly app?: string;
  /** The reporting app's id, as GitHub's branch rules name it. */
  readonly appId?: number;
}

/** What GitHub's rules for a branch require (branch protection and rulesets), as far as the token may read them. */
export interface BranchRules {
  readonly checks: readonly RequiredCheck[];
  /** Which rules named them: "branch protection", "rulesets". */
  readonly from: readonly string[];
  /** Set when a source of rules could not be read: said once, with the fallback used. */
  readonly unreadable?: string;
}

export type CheckGate =
  /** These checks, each of which must be reported and pass. */
  | { readonly kind: 'named'; readonly checks: readonly RequiredCheck[]; readonly from: string; readonly note?: string }
  /** Nothing names any: the CI provider's own checks for this event, whichever of them reported. */
  | { readonly kind: 'provider'; readonly provider: 'travis'; readonly event: CheckEvent; readonly note?: string };

/** A configured `ci.required` entry (config/schema.ts). */
export interface ConfiguredCheck {
  readonly name: string;
  readonly app?: string | undefined;
  readonly on?: readonly CheckEvent[] | undefined;
}

export type CheckState = CiState | 'unknown' | 'missing';

/** One check as the CI pane lists it. */
export interface CheckLine {
  readonly name: string;
  readonly state: CheckState;
  readonly required: boolean;
  readonly url?: string;
}

/**
 * The verdict of one head sha: `success` only when every gating check passed, `failure` when one failed,
 * `pending` while one runs or is still expected, `none` when none of the gating checks has reported at all.
 */
export interface HeadVerdict {
  readonly sha: string;
  readonly state: CiState;
  readonly gating: readonly CheckLine[];
  readonly optional: readonly CheckLine[];
  /** Why these checks gate, for the pane ("required by production's branch protection"). */
  readonly why: string;
  /** A source of rules that could not be read, and so the fallback these checks are. */
  readonly note?: string;
}

/** Travis's own check names and legacy status contexts, per event (travis-tasks output/helpers.rb). */
const TRAVIS_CHECKS: Readonly<Record<CheckEvent, { readonly run: string; readonly status: string }>> = {
  pull_request: { run: 'Travis CI - Pull Request', status: 'continuous-integration/travis-ci/pr' },
  push: { run: 'Travis CI - Branch', status: 'continuous-integration/travis-ci/push' },
};

const PROVIDER_WORDS: Readonly<Record<'travis', string>> = { travis: "Travis CI's own checks" };

/**
 * The gate for a pull request into a branch: what GitHub's rules require plus what the config names; without
 * either, the CI provider's own pull-request checks. Rules that could not be read are said in `note`.
 */
export function pullRequestGate(rules: BranchRules | undefined, configured: readonly ConfiguredCheck[], branch: string): CheckGate {
  const fromConfig = configuredFor(configured, 'pull_request');
  const checks = dedupe([...(rules?.checks ?? []), ...fromConfig]);
  const sources = [...(rules?.checks.length ? rules.from.map((f) => `${branch}'s ${f}`) : []), ...(fromConfig.length ? ['ci.required'] : [])];
  const note = rules?.unreadable;
  if (checks.length > 0) return { kind: 'named', checks, from: sources.join(' and '), ...(note ? { note } : {}) };
  return { kind: 'provider', provider: 'travis', event: 'pull_request', ...(note ? { note } : {}) };
}

/** The gate for a commit on a branch (a candidate, an environment's head): the config's, else the provider's own. */
export function pushGate(configured: readonly ConfiguredCheck[]): CheckGate {
  const checks = dedupe(configuredFor(configured, 'push'));
  return checks.length > 0 ? { kind: 'named', checks, from: 'ci.required' } : { kind: 'provider', provider: 'travis', event: 'push' };
}

function configuredFor(configured: readonly ConfiguredCheck[], event: CheckEvent): RequiredCheck[] {
  return configured.filter((c) => !c.on || c.on.includes(event)).map((c) => ({ name: c.name, ...(c.app ? { app: c.app } : {}) }));
}

function dedupe(checks: readonly RequiredCheck[]): RequiredCheck[] {
  const seen = new Map<string, RequiredCheck>();
  for (const c of checks) if (!seen.has(c.name)) seen.set(c.name, c);
  return [...seen.values()];
}

/** Why the gating checks are the ones they are, in a few words. */
export function gateWords(gate: CheckGate): string {
  if (gate.kind === 'named') return `required by ${gate.from}`;
  return `${PROVIDER_WORDS[gate.provider]} (nothing else is required)`;
}

/** The verdict of `signals` (one sha's check runs and statuses) under `gate`. */
export function judgeHead(signals: CiSignals, gate: CheckGate): HeadVerdict {
  const runs = latestRuns(signals.checkRuns);
  const used = new Set<CheckRunSignal | StatusSignal>();
  const gating: CheckLine[] = [];
  if (gate.kind === 'named') {
    for (const check of gate.checks) {
      const run = runs.find((r) => r.name === check.name && appMatches(r, check));
      const status = run ? undefined : signals.statuses.find((s) => s.context === check.name && !check.app && check.appId === undefined);
      if (run) used.add(run);
      if (status) used.add(status);
      gating.push(run ? runLine(run, true) : status ? statusLine(status, true) : { name: check.name, state: 'missing', required: true });
    }
  } else {
    const own = TRAVIS_CHECKS[gate.event];
    for (const run of runs.filter((r) => r.name === own.run)) {
      used.add(run);
      gating.push(runLine(run, true));
    }
    for (const status of signals.statuses.filter((s) => s.context === own.status)) {
      used.add(status);
      gating.push(statusLine(status, true));
    }
  }
  const optional = [...runs.filter((r) => !used.has(r)).map((r) => runLine(r, false)), ...signals.statuses.filter((s) => !used.has(s)).map((s) => statusLine(s, false))];
  return { sha: signals.sha, state: overall(gating), gating, optional, why: gateWords(gate), ...(gate.note ? { note: gate.note } : {}) };
}

function overall(gating: readonly CheckLine[]): CiState {
  if (gating.length === 0 || gating.every((l) => l.state === 'missing')) return 'none';
  if (gating.some((l) => l.state === 'failure')) return 'failure';
  return gating.every((l) => l.state === 'success') ? 'success' : 'pending';
}

/** GitHub lists the newest run per name first; an app's rerun replaces its earlier run of the same name. */
function latestRuns(runs: readonly CheckRunSignal[]): CheckRunSignal[] {
  const seen = new Set<string>();
  return runs.filter((r) => {
    const key = `${r.app ?? ''}\u0000${r.name}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function appMatches(run: CheckRunSignal, check: RequiredCheck): boolean {
  if (check.appId !== undefined && run.appId !== undefined && run.appId !== check.appId) return false;
  if (check.app !== undefined && run.app !== check.app) return false;
  return true;
}

function runLine(run: CheckRunSignal, required: boolean): CheckLine {
  return { name: run.name, state: checkRunVerdict(run), required, ...(run.url ? { url: run.url } : {}) };
}

function statusLine(status: StatusSignal, required: boolean): CheckLine {
  return { name: status.context, state: statusVerdict(status), required, ...(status.url ? { url: status.url } : {}) };
}

/** The Travis build a head's checks point at (its check run's external id, or a legacy status's build URL). */
export function travisBuildOf(signals: CiSignals, event: CheckEvent): number | undefined {
  const own = TRAVIS_CHECKS[event];
  const run = latestRuns(signals.checkRuns).find((r) => r.name === own.run && r.externalId && /^\d+$/.test(r.externalId));
  if (run?.externalId) return Number(run.externalId);
  const status = signals.statuses.find((s) => s.context === own.status);
  const id = status?.url ? /\/builds\/(\d+)/.exec(status.url)?.[1] : undefined;
  return id ? Number(id) : undefined;
}
