import type { Build, Job } from './ci.js';
import { isActive } from './ci-verdict.js';
import { failed, met, waiting } from './condition.js';
import type { GateCondition } from './playbook.js';
import { branchOf, type ReleaseView } from './release-view.js';
import { sameRevision, shortSha } from './sha.js';

const TRAVIS_PR_CHECK = 'Travis CI - Pull Request';
const TRAVIS_PR_STATUS = 'continuous-integration/travis-ci/pr';

/** As long as a head may show no gating check before the gate says CI never started, unless the config says. */
export const CI_START_LIMIT_MS = 10 * 60_000;

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
export function prCiCondition(state: ReleaseView): GateCondition {
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

export function deployCondition(state: ReleaseView): GateCondition {
  const { deployBuild } = state.promotion;
  const mergeSha = state.promotion.mergedSha;
  const to = state.checklist.playbook.to;
  if (!mergeSha) return waiting('waiting for the merge');
  if (!deployBuild || !sameRevision(deployBuild.sha, mergeSha)) {
    return waiting(`waiting for the push build of ${shortSha(mergeSha)} on ${branchOf(state, to)}`);
  }
  return buildCondition(deployBuild, 'deploy ', 'deployed');
}

