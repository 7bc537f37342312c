import type { CockpitState } from '../store/state.js';
import { approvalOf } from './approval.js';
import type { Build, Job } from './ci.js';
import { isActive } from './ci-verdict.js';
import { headline } from './commit.js';
import { versionMatches, type EnvironmentStatus } from './environment.js';
import { wallClockText } from './local-time.js';
import { mergeReadiness } from './merge-readiness.js';
import type { GateCondition, StepDefinition } from './playbook.js';
import { tallyPpcs } from './ppc-tally.js';

/** Seven characters, as git and every pane print a sha. */
export function shortSha(sha: string): string {
  return sha.slice(0, 7);
}

/** Whether two PPC revisions name the same commit; either may be abbreviated (at least 7 characters). */
export function sameRevision(a: string | undefined, b: string | undefined): boolean {
  if (!a || !b) return false;
  const x = a.trim().toLowerCase();
  const y = b.trim().toLowerCase();
  if (Math.min(x.length, y.length) < 7) return x === y;
  return x.startsWith(y) || y.startsWith(x);
}

/**
 * The merge commit on the target branch, once the promotion PR is merged. Before the merge GitHub's
 * merge_commit_sha names a test merge, which must not be mistaken for a merge.
 */
export function mergedSha(promotion: CockpitState['promotion']): string | undefined {
  const { pull, mergeSha } = promotion;
  if (!pull) return mergeSha;
  return pull.merged ? (mergeSha ?? pull.mergeCommitSha ?? undefined) : undefined;
}

const waiting = (text: string): GateCondition => ({ isMet: false, isFailed: false, text });
const met = (text: string, sha?: string): GateCondition => ({ isMet: true, isFailed: false, text, ...(sha ? { sha } : {}) });
const failed = (text: string): GateCondition => ({ isMet: false, isFailed: true, text });

const TRAVIS_PR_CHECK = 'Travis CI - Pull Request';
const TRAVIS_PR_STATUS = 'continuous-integration/travis-ci/pr';

/** As long as a head may show no gating check before the gate says CI never started, unless the config says. */
export const CI_START_LIMIT_MS = 10 * 60_000;

/**
 * A step's live condition, from the store alone (pure: no I/O, no clock).
 * Gates complete when `isMet`; `update-ppcs` uses it while running. For other steps it is the line that
 * tells the user what the step will act on ("will open staging -> production for 1a2b3c4").
 */
export function gateCondition(step: StepDefinition, state: CockpitState): GateCondition {
  switch (step.type) {
    case 'review-changes':
      return reviewCondition(state);
    case 'choose-candidate':
      return chooseCondition(state);
    case 'open-promotion-pr':
      return openPrCondition(state);
    case 'find-nightly-pr':
      return nightlyPrCondition(state);
    case 'find-hotfix-pr':
      return hotfixPrCondition(state);
    case 'await-approval':
      return approvalCondition(state);
    case 'wait-pr-ci':
      return prCiCondition(state);
    case 'merge-promotion-pr':
      return mergeCondition(state);
    case 'wait-deploy':
      return deployCondition(state);
    case 'verify-environment':
      return verifyCondition(state);
    case 'update-ppcs':
    case 'wait-ppcs':
      return ppcCondition(state);
    case 'release-complete':
      return completeCondition(step, state);
    case 'manual':
      return waiting('waiting for you to confirm it is done');
  }
}

/** Jobs by outcome; a job allowed to fail never fails the build. */
interface JobTally {
  readonly total: number;
  readonly passed: number;
  readonly unfinished: number;
  readonly failures: readonly Job[];
  readonly allowedFailures: number;
}

function tally(jobs: readonly Job[]): JobTally {
  let passed = 0;
  let unfinished = 0;
  let allowedFailures = 0;
  const failures: Job[] = [];
  for (const job of jobs) {
    if (isActive(job.state)) unfinished += 1;
    else if (job.state === 'passed') passed += 1;
    else if (job.allowFailure) allowedFailures += 1;
    else failures.push(job);
  }
  return { total: jobs.length, passed, unfinished, failures, allowedFailures };
}

/** The shared wording of the two CI gates; `prefix` names which build it is ("", "deploy "). */
function buildCondition(build: Build, prefix: string, greenWord: string): GateCondition {
  if (build.jobs.length === 0) {
    if (build.state === 'passed') return met(`${greenWord}: build ${build.number} passed`);
    if (isActive(build.state)) return waiting(`${prefix}build ${build.number} ${build.state === 'started' ? 'started' : 'queued'}`);
    return failed(`${prefix}build ${build.number} ${build.state}`);
  }
  const t = tally(build.jobs);
  const [first] = t.failures;
  if (first) {
    const more = t.failures.length > 1 ? ` (and ${t.failures.length - 1} more)` : '';
    return failed(`${prefix}job ${first.number} ${first.name} ${first.state}${more}`);
  }
  if (t.unfinished > 0) return waiting(`${prefix === '' ? '' : 'deploying: '}waiting for ${t.unfinished} of ${t.total} jobs`);
  const allowed = t.allowedFailures > 0 ? ` (${t.allowedFailures} allowed to fail)` : '';
  return met(`${greenWord}: ${t.passed} of ${t.total} jobs passed${allowed}`);
}

/**
 * The pull request's CI, judged for its current head only: a verdict read for another head (the one before a
 * push) says nothing, and only the checks that gate count. The Travis build, tied to the head through its check
 * run, gives the job-level words.
 */
function prCiCondition(state: CockpitState): GateCondition {
  const { pull, prBuild, prCi, headSeenAt } = state.promotion;
  if (!pull) return waiting('no promotion pull request yet');
  const head = shortSha(pull.headSha);
  if (!prCi || prCi.sha !== pull.headSha) return waiting(`reading the CI of #${pull.number}'s head ${head}`);
  // The build's jobs speak only for a check that gates: an optional Travis build failing holds nothing back.
  const buildGates = prCi.gating.some((l) => l.name === TRAVIS_PR_CHECK || l.name === TRAVIS_PR_STATUS);
  const build = buildGates && prBuild && prBuild.jobs.length > 0 ? buildCondition(prBuild, '', 'CI green') : undefined;
  switch (prCi.state) {
    case 'none': {
      const age = headSeenAt === undefined ? 0 : Math.max(0, state.now - headSeenAt);
      const limit = state.meta.ciStartLimitMs ?? CI_START_LIMIT_MS;
      if (age >= limit) return failed(`CI never started on ${head}: no check that gates (${prCi.why}) reported in ${minutes(age)}`);
      return waiting(`waiting for CI to start on ${head} (no check yet, ${minutes(age)})`);
    }
    case 'failure': {
      if (build?.isFailed) return build;
      const red = prCi.gating.find((l) => l.state === 'failure');
      return failed(`check ${red?.name ?? 'that gates'} failed on ${head}`);
    }
    case 'pending': {
      // A failed job fails its build even while the others run: no need to wait for the check to say so.
      if (build && !build.isMet) return build;
      const open = prCi.gating.filter((l) => l.state !== 'success').map((l) => `${l.name}${l.state === 'missing' ? ' (expected)' : l.state === 'unknown' ? ' (state unknown)' : ''}`);
      return waiting(`waiting for ${open.join(', ')} on ${head}`);
    }
    case 'success':
      return met(build?.isMet ? build.text : `CI green: ${prCi.gating.length} of ${prCi.gating.length} checks passed`, pull.headSha);
  }
}

function minutes(ms: number): string {
  const m = Math.floor(ms / 60_000);
  return m < 1 ? `${Math.floor(ms / 1000)}s` : `${m}m`;
}

/** Why a head-pinned gate opens again: the pull request's head moved from `was`, and who made the new head. */
export function movedHeadText(state: CockpitState, was: string): string {
  const { pull, headCommit } = state.promotion;
  if (!pull) return `the pull request's head is no longer ${shortSha(was)}`;
  const by = headCommit && headCommit.sha === pull.headSha ? ` (a commit by ${headCommit.author}: "${headline(headCommit.message)}")` : '';
  return `the head of PR #${pull.number} moved from ${shortSha(was)} to ${shortSha(pull.headSha)}${by}: what was checked at ${shortSha(was)} no longer counts`;
}

/**
 * The head the release's CI (and approval) verdicts hold for: the sha a merge must send. Undefined while no
 * head-pinned step is done, or in a playbook without one.
 */
export function testedHead(state: CockpitState): string | undefined {
  const pinned = state.checklist.steps.filter((s) => s.status === 'done' && s.sha !== undefined);
  return pinned.at(-1)?.sha;
}

function deployCondition(state: CockpitState): GateCondition {
  const { deployBuild } = state.promotion;
  const mergeSha = mergedSha(state.promotion);
  const to = state.checklist.playbook.to;
  if (!mergeSha) return waiting('waiting for the merge');
  if (!deployBuild || !sameRevision(deployBuild.sha, mergeSha)) {
    return waiting(`waiting for the push build of ${shortSha(mergeSha)} on ${branchOf(state, to)}`);
  }
  return buildCondition(deployBuild, 'deploy ', 'deployed');
}

function environmentNamed(state: CockpitState, name: string): EnvironmentStatus | undefined {
  const envs = state.environments.status === 'loading' ? undefined : state.environments.data;
  return envs?.find((e) => e.name === name);
}

function branchOf(state: CockpitState, name: string): string {
  return environmentNamed(state, name)?.branch ?? name;
}

function verifyCondition(state: CockpitState): GateCondition {
  const to = state.checklist.playbook.to;
  const merged = mergedSha(state.promotion);
  if (!merged) return waiting('nothing merged yet');
  const expected = [merged, state.promotion.candidateSha].filter((s): s is string => s !== undefined);
  const env = environmentNamed(state, to);
  if (!env) return waiting(state.environments.status === 'loading' ? `reading ${to}'s site` : `no environment named ${to}`);
  const { version, healthy, detail } = env.site;
  if (!version) return waiting(`${to}'s version is unreadable${detail ? ` (${detail})` : ''}`);
  const shown = version.length > 7 ? shortSha(version) : version;
  if (!expected.some((sha) => versionMatches(version, sha))) return waiting(`${to} still serves ${shown}`);
  if (!healthy) return waiting(`${to} serves ${shown} but is unhealthy${detail ? `: ${detail}` : ''}`);
  return met(`${to} serves ${shown} (healthy)`);
}

/**
 * The PPC revision the customers move to: the rollout's own target once set, else the revision pinned at the
 * released commit, read from the upper environment only once its head is that commit (an older head would
 * name the old revision, and every PPC would look done already).
 */
export function targetRevision(state: CockpitState): string | undefined {
  if (state.rollout.target) return state.rollout.target;
  const released = [mergedSha(state.promotion), state.promotion.candidateSha].filter((s): s is string => s !== undefined);
  const env = environmentNamed(state, state.checklist.playbook.to);
  if (!env || !released.some((sha) => sameRevision(env.head.sha, sha))) return undefined;
  return env.components.ppcRevision;
}

function ppcCondition(state: CockpitState): GateCondition {
  const { ppcs } = state.rollout;
  const target = targetRevision(state);
  if (ppcs.length === 0) return met('no customer PPCs configured');
  if (!target) return waiting('target PPC revision not known yet');
  const t = tallyPpcs(ppcs, target, (ppc) => sameRevision(ppc.current, target));
  const rev = shortSha(target);
  const total = ppcs.length;
  const head = t.atTarget === total ? `all ${total} PPCs at ${rev}` : `${t.atTarget} of ${total} PPCs at ${rev}`;
  const failedIds = t.failed === 1 ? ` (${t.firstFailed})` : t.failed > 1 ? ` (${t.firstFailed} and ${t.failed - 1} more)` : '';
  const tail = `${t.failed > 0 ? `; ${t.failed} failed${failedIds}` : ''}${t.skipped > 0 ? `; ${t.skipped} skipped` : ''}`;
  if (t.failed > 0) return failed(head + tail);
  return t.atTarget + t.skipped === total ? met(head + tail) : waiting(head + tail);
}

function completeCondition(step: StepDefinition, state: CockpitState): GateCondition {
  const others = state.checklist.steps.filter((s) => s.id !== step.id);
  const open = others.filter((s) => s.status !== 'done' && s.status !== 'skipped').length;
  if (open > 0) return waiting(`${open} step${open === 1 ? '' : 's'} to go`);
  const skipped = others.filter((s) => s.status === 'skipped').length;
  return met(skipped > 0 ? `every step done (${skipped} skipped)` : 'every step done');
}

function reviewCondition(state: CockpitState): GateCondition {
  const { from, to } = state.checklist.playbook;
  const diff = state.diffs.find((d) => d.from === from && d.to === to);
  if (!diff) return waiting(`reading what ${from} has that ${to} lacks`);
  const parts = [`${from} is ${diff.aheadBy} commit${diff.aheadBy === 1 ? '' : 's'} ahead of ${to}`];
  // The upper environment moves from `to` to `from` (see environmentDiff).
  if (diff.ppc.changed) parts.push(`PPC ${shortSha(diff.ppc.to ?? '')} -> ${shortSha(diff.ppc.from ?? '')}`);
  if (diff.sdk.changed) parts.push(`SDK ${diff.sdk.to} -> ${diff.sdk.from}`);
  return waiting(parts.join('; '));
}

function chooseCondition(state: CockpitState): GateCondition {
  const chosen = state.promotion.candidateSha;
  if (chosen) return met(`chosen: ${shortSha(chosen)}`);
  const { candidates } = state;
  if (candidates.status === 'loading') return waiting(`reading ${state.checklist.playbook.from}'s recent commits`);
  const rows = candidates.data ?? [];
  const green = rows.find((r) => r.isLatestGreen);
  const { from, to } = state.checklist.playbook;
  if (rows.length === 0) return waiting(`nothing to promote: ${to} already has ${from}'s head`);
  if (!green) return waiting(`no green commit among the ${rows.length} on ${from} that ${to} lacks`);
  return waiting(`latest green: ${shortSha(green.commit.sha)} ${headline(green.commit.message)}`.trimEnd());
}

function openPrCondition(state: CockpitState): GateCondition {
  const { pull, candidateSha } = state.promotion;
  const { from, to } = state.checklist.playbook;
  if (pull) return met(`PR #${pull.number} ${pull.merged ? 'merged' : pull.state}`);
  if (!candidateSha) return waiting('choose a candidate first');
  return waiting(`will open ${from} -> ${to} for ${shortSha(candidateSha)}`);
}

function mergeCondition(state: CockpitState): GateCondition {
  const { pull } = state.promotion;
  const mergeSha = mergedSha(state.promotion);
  if (!pull) return waiting('no promotion pull request yet');
  if (pull.merged) return met(`PR #${pull.number} merged${mergeSha ? ` as ${shortSha(mergeSha)}` : ''}`);
  if (pull.state === 'closed') return failed(`PR #${pull.number} was closed without merging`);
  // Never met before the merge: what GitHub says of it (behind, dirty, blocked...) is the line the user reads.
  return waiting(mergeReadiness(pull, state.promotion.merge).text);
}

function pullLine(pull: NonNullable<CockpitState['promotion']['pull']>): string {
  const state = pull.merged ? 'merged' : pull.state === 'closed' ? 'closed without merging' : 'open';
  return `PR #${pull.number} ${pull.headRef} -> ${pull.baseRef} (${state})`;
}

function nightlyPrCondition(state: CockpitState): GateCondition {
  const { pull, readAt } = state.promotion;
  const { from, to } = state.checklist.playbook;
  const since = state.meta.windows?.lastNightly;
  const when = since === undefined ? 'the last nightly window' : wallClockText(since, state.meta.timezone);
  if (pull) return met(pullLine(pull));
  if (readAt === undefined) return waiting(`looking for the ${branchOf(state, from)} -> ${branchOf(state, to)} pull request opened since ${when}`);
  return failed(`no ${branchOf(state, from)} -> ${branchOf(state, to)} pull request was opened since ${when}: the nightly promotion did not run`);
}

function hotfixPrCondition(state: CockpitState): GateCondition {
  const { pull, readAt } = state.promotion;
  const to = branchOf(state, state.checklist.playbook.to);
  if (pull) return met(`${pullLine(pull)}: ${headline(pull.title)}`);
  if (readAt === undefined) return waiting(`looking for an open pull request into ${to}`);
  return waiting(`no open pull request into ${to} other than a promotion: open one from the fix's branch`);
}

function approvalCondition(state: CockpitState): GateCondition {
  const { pull, reviews } = state.promotion;
  const approvers = state.meta.approvers ?? [];
  if (!pull) return waiting('no pull request yet');
  const approval = approvalOf(reviews ?? [], approvers, pull.headSha);
  switch (approval.kind) {
    case 'no-approvers':
      return failed('nobody can approve: hotfix.approvers in the config is empty');
    case 'approved':
      return met(`approved by ${approval.by} at ${shortSha(approval.sha)}`, approval.sha);
    case 'changes-requested':
      return failed(`${approval.by} requested changes on PR #${pull.number}`);
    case 'waiting': {
      if (reviews === undefined) return waiting(`reading the reviews of PR #${pull.number}`);
      const who = approvers.length === 1 ? approvers[0] : `${approvers.slice(0, -1).join(', ')} or ${approvers.at(-1)}`;
      const stale = approval.stale ? ` (${approval.stale.by} approved ${shortSha(approval.stale.sha)}, not the head ${shortSha(pull.headSha)})` : '';
      return waiting(`waiting for ${who} to approve PR #${pull.number}${stale}`);
    }
  }
}
