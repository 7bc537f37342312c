import type { Build, CiState } from './ci.js';
import { isActive } from './ci-verdict.js';
import type { EnvironmentStatus } from './environment.js';
import { countPpcs, type CustomerPpc } from './ppc.js';
import type { PullRequest } from './pull.js';
import type { SourceHealth, SourceName } from './source.js';

/** What `cockpit status` found, as sentences, sorted into the three kinds that decide the exit code. */
export interface StatusFacts {
  /** Sources that could not be read: the glance is incomplete. */
  readonly unreachable: readonly string[];
  /** Things that failed and need a human. */
  readonly failures: readonly string[];
  /** Work under way that will settle by itself. */
  readonly inProgress: readonly string[];
}

/** How a glance ends; the status mode gives each its exit code (3, 1, 8, 0: see exit-codes.ts). */
export type StatusVerdict = 'unreachable' | 'needsHuman' | 'inProgress' | 'ok';

/**
 * The verdict of `cockpit status`: an unreachable source outranks a failure, which outranks work in
 * progress; otherwise ok. An incomplete glance comes first because any "all fine" or "failed" it gives
 * may be wrong. `reasons` are the sentences of the kind that decided the verdict.
 */
export function statusVerdict(facts: StatusFacts): { verdict: StatusVerdict; reasons: string[] } {
  if (facts.unreachable.length > 0) return { verdict: 'unreachable', reasons: [...facts.unreachable] };
  if (facts.failures.length > 0) return { verdict: 'needsHuman', reasons: [...facts.failures] };
  if (facts.inProgress.length > 0) return { verdict: 'inProgress', reasons: [...facts.inProgress] };
  return { verdict: 'ok', reasons: [] };
}

/** One environment as `statusFacts` reads it. */
export interface EnvironmentFacts {
  readonly status: EnvironmentStatus;
  /** The latest push build of the environment's branch (the one that deploys it), when CI was read. */
  readonly pushBuild?: Build | undefined;
  /** The promotion source's latest green commit, named next to its red head: what the release can still promote. */
  readonly latestGreen?: string | undefined;
}

/** Something the glance needed and could not read: the glance is incomplete, whatever else it found. */
export interface UnreadPart {
  readonly source: SourceName;
  /** What could not be read, e.g. "the environments' heads and CI". */
  readonly what: string;
  /** Why, short: "rate limited", "cannot connect". */
  readonly why?: string | undefined;
  /** When a rate limit resets, as the answer said, already in the configured zone: "04:28 UTC (in 59m)". */
  readonly resets?: string | undefined;
}

/** A promotion pull request (nightly master -> staging, weekly staging -> production) and its CI verdict. */
export interface PromotionFacts {
  readonly pull: PullRequest;
  readonly ci: CiState;
}

export interface StatusInputs {
  readonly sources: readonly SourceHealth[];
  /** Lowest first, as configured. */
  readonly environments: readonly EnvironmentFacts[];
  readonly promotions: readonly PromotionFacts[];
  readonly ppcs: readonly CustomerPpc[];
  /** What could not be read; each source's parts become one "not read" sentence. */
  readonly unread?: readonly UnreadPart[];
}

const SOURCE_NAME: Readonly<Record<SourceName, string>> = { github: 'GitHub', travis: 'Travis CI', sites: 'sites', ppcs: 'customer PPCs' };

/** How long after its push build passes a site may still serve the old version (it is deploying). */
export const DEPLOY_GRACE_MS = 2 * 60_000;

/**
 * Sorts what the cockpit read into `StatusFacts`.
 *
 * Judgement calls:
 * - A source in state `down` is unreachable, and so is every part the glance could not read (`unread`), whatever
 *   the source's state: a rate-limited GitHub answered, but the glance knows nothing of the environments.
 * - The lowest environment (testing, fed by every commit) is judged on site health only: its builds run
 *   and fail all day and are the developers' business, not the release's.
 * - An environment is judged by its latest push build only when that build is of its head. Otherwise (an older
 *   commit's build, or none read) the head's own CI decides: red is a failure even when an older commit is green
 *   and deployed (the latest green candidate is named with it), running or no result yet is in progress, and a
 *   green head whose site serves something else is still deploying.
 * - A site not serving the head whose push build passed less than `graceMs` ago is "deploying" (in
 *   progress), not a failure. An unhealthy site is reported as unhealthy only, not also as a mismatch.
 * - A rollout is under way while a PPC is queued, updating or verifying, or while some are pending and
 *   some done.
 */
export function statusFacts(inputs: StatusInputs, now: Date | number, graceMs = DEPLOY_GRACE_MS): StatusFacts {
  const unreachable: string[] = [];
  const failures: string[] = [];
  const inProgress: string[] = [];
  const nowMs = typeof now === 'number' ? now : now.getTime();

  const unread = inputs.unread ?? [];
  // A source with unread parts says what is missing; a generic "unreachable" on top would say it twice.
  for (const s of inputs.sources) {
    if (s.state === 'down' && !unread.some((u) => u.source === s.source)) unreachable.push(`${s.source} unreachable${s.detail ? `: ${s.detail}` : ''}`);
  }
  for (const source of new Set(unread.map((u) => u.source))) unreachable.push(unreadSentence(source, unread.filter((u) => u.source === source)));

  inputs.environments.forEach(({ status, pushBuild, latestGreen }, i) => {
    const env = status.name;
    if (!status.site.healthy) failures.push(`${env} site unhealthy${status.site.detail ? `: ${status.site.detail}` : ''}`);
    if (i === 0) return;
    const head = status.head.sha;
    const green = latestGreen && latestGreen !== head ? `; latest green candidate ${latestGreen.slice(0, 7)}` : '';
    if (pushBuild && pushBuild.sha === head) {
      if (isActive(pushBuild.state)) inProgress.push(`${env} push build #${pushBuild.number} running`);
      else if (pushBuild.state !== 'passed') failures.push(`${env} push build #${pushBuild.number} of head ${head.slice(0, 7)} ${pushBuild.state}${green}`);
      else if (status.site.healthy && !status.siteMatchesHead) {
        const served = status.site.version ? `serves ${status.site.version.slice(0, 7)}` : 'reports no version';
        const finished = Date.parse(pushBuild.finishedAt ?? pushBuild.updatedAt ?? '');
        if (nowMs - finished < graceMs) inProgress.push(`${env} deploying ${head.slice(0, 7)}`);
        else failures.push(`${env} site ${served}, not the branch head ${head.slice(0, 7)}, though its push build passed`);
      }
      return;
    }
    // The latest push build is an older commit's (or was not read): it says nothing about the head, whose own CI decides.
    const older = pushBuild ? ` (the latest push build #${pushBuild.number} is of ${pushBuild.sha.slice(0, 7)})` : '';
    // No verdict is not a green one: the glance is incomplete until the token may read CI.
    if (status.ciUnreadable) unreachable.push(`${env} head ${head.slice(0, 7)} CI not read: ${status.ciUnreadable}`);
    else if (status.headCi === 'failure') failures.push(`${env} head ${head.slice(0, 7)} CI failed${older}${green}`);
    else if (status.headCi === 'pending') inProgress.push(`${env} head ${head.slice(0, 7)} CI running`);
    else if (status.headCi === 'none') inProgress.push(`${env} head ${head.slice(0, 7)} has no CI result yet${older}`);
    else if (status.site.healthy && !status.siteMatchesHead) {
      inProgress.push(`${env} head ${head.slice(0, 7)} passed CI; its site still serves ${status.site.version?.slice(0, 7) ?? 'no version'}${older}`);
    }
  });

  for (const { pull, ci } of inputs.promotions) {
    if (pull.state !== 'open') continue;
    const name = `pull request #${pull.number} ${pull.headRef} -> ${pull.baseRef}`;
    if (ci === 'failure') failures.push(`${name}: CI failed`);
    else if (ci === 'pending') inProgress.push(`${name}: CI running`);
  }

  // Environments read, yet no revision to judge the customers by (a malformed pin): "0 done" is not a fleet at rest.
  const top = inputs.environments.at(-1)?.status;
  if (top && inputs.ppcs.length > 0 && inputs.ppcs.every((p) => p.target === undefined)) {
    const problem = top.components.problems[0];
    unreachable.push(`customer PPCs not judged: the PPC revision ${top.name} pins is not known${problem ? ` (${problem})` : ''}`);
  }
  const counts = countPpcs(inputs.ppcs);
  const failed = inputs.ppcs.filter((p) => p.state === 'failed').map((p) => p.id);
  if (failed.length > 0) {
    const shown = failed.slice(0, 5).join(', ') + (failed.length > 5 ? ` and ${failed.length - 5} more` : '');
    failures.push(`${failed.length} customer PPC${failed.length === 1 ? '' : 's'} failed to update: ${shown}`);
  }
  const moving = counts.queued + counts.updating + counts.verifying;
  if (moving > 0 || (counts.pending > 0 && counts.done > 0)) {
    inProgress.push(`rollout under way: ${counts.done} of ${inputs.ppcs.length} customer PPCs done`);
  }

  return { unreachable, failures, inProgress };
}

/** "GitHub not read (rate limited): the environments; the pull request; the limit resets at Fri 04:28 UTC (in 59m)". */
function unreadSentence(source: SourceName, parts: readonly UnreadPart[]): string {
  const what = [...new Set(parts.map((p) => p.what))].join('; ');
  const why = parts.find((p) => p.why)?.why;
  const resets = parts.find((p) => p.resets)?.resets;
  return `${SOURCE_NAME[source]} not read${why ? ` (${why})` : ''}: ${what}${resets ? `; the limit resets at ${resets}` : ''}`;
}
