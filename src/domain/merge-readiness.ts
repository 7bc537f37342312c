import type { CiSignals } from './ci.js';
import { headline, type Commit } from './commit.js';
import type { MethodChoice } from './merge-method.js';
import type { PullRequest, Review } from './pull.js';

/**
 * What GitHub's mergeable_state alone does not say, read for one head of the pull request: what the base has
 * that the head lacks (`behind`), the files both sides changed (`dirty`), the checks not passing and the
 * reviews (`blocked`, `unstable`), and the merge method the config and the repository agree on.
 */
export interface MergeFacts {
  /** The head these facts were read at: facts of an older head say nothing about the current one. */
  readonly headSha: string;
  readonly method?: MethodChoice;
  /** Commits of the base the head lacks, newest first; `behindBy` counts them all (the list may be cut). */
  readonly missing?: { readonly behindBy: number; readonly commits: readonly Commit[] };
  /** Files changed on both sides since the merge base: where the conflict is. */
  readonly bothChanged?: readonly string[];
  /** Checks and statuses on the head that have not succeeded. */
  readonly notPassing?: readonly { readonly name: string; readonly state: 'pending' | 'failing' }[];
  readonly reviews?: readonly Review[];
}

export type Readiness =
  /** Merge allowed; `optionalFailing` names the checks failing that GitHub does not require (`unstable`). */
  | { readonly kind: 'ready'; readonly text: string; readonly optionalFailing: readonly string[] }
  /** GitHub is still computing, or has said nothing yet: wait and read again. */
  | { readonly kind: 'wait'; readonly text: string }
  /** The base moved: the branch can be updated (after the user's yes), then CI runs on the new head. */
  | { readonly kind: 'behind'; readonly text: string }
  /** No merge now: a conflict, a draft, a rule GitHub enforces, or a merge method the repository forbids. */
  | { readonly kind: 'refused'; readonly text: string };

const short = (sha: string): string => sha.slice(0, 7);

/** The checks and statuses on a sha that have not succeeded (skipped and neutral count as passed, as GitHub counts them). */
export function notPassing(signals: CiSignals): NonNullable<MergeFacts['notPassing']> {
  type Check = NonNullable<MergeFacts['notPassing']>[number];
  const runs = signals.checkRuns.flatMap((r): Check[] => {
    if (r.status !== 'completed') return [{ name: r.name, state: 'pending' }];
    return r.conclusion === 'success' || r.conclusion === 'neutral' || r.conclusion === 'skipped' ? [] : [{ name: r.name, state: 'failing' }];
  });
  const statuses = signals.statuses.flatMap((s): Check[] => (s.state === 'success' ? [] : [{ name: s.context, state: s.state === 'pending' ? 'pending' : 'failing' }]));
  return [...runs, ...statuses];
}

/** The facts that still describe the pull's head, or undefined. */
function current(pull: PullRequest, facts: MergeFacts | undefined): MergeFacts | undefined {
  return facts && facts.headSha === pull.headSha ? facts : undefined;
}

function list(items: readonly string[], max = 3): string {
  const shown = items.slice(0, max).join(', ');
  return items.length > max ? `${shown} and ${items.length - max} more` : shown;
}

/** Each reviewer's latest say (comments do not change it), as GitHub counts reviews. */
function latestByReviewer(reviews: readonly Review[]): Map<string, Review> {
  const out = new Map<string, Review>();
  for (const r of reviews) if (r.state === 'APPROVED' || r.state === 'CHANGES_REQUESTED' || r.state === 'DISMISSED') out.set(r.user, r);
  return out;
}

function blockedText(pull: PullRequest, facts: MergeFacts | undefined): string {
  const reasons: string[] = [];
  const failing = (facts?.notPassing ?? []).map((c) => `${c.name} (${c.state})`);
  if (failing.length > 0) reasons.push(`checks not passing on ${short(pull.headSha)}: ${list(failing)}`);
  else if (facts?.notPassing) reasons.push(`no check has reported on ${short(pull.headSha)} yet`);
  if (facts?.reviews) {
    const latest = [...latestByReviewer(facts.reviews).values()];
    const requested = latest.filter((r) => r.state === 'CHANGES_REQUESTED').map((r) => r.user);
    const approvedHead = latest.some((r) => r.state === 'APPROVED' && r.commitId === pull.headSha);
    if (requested.length > 0) reasons.push(`changes requested by ${list(requested)}`);
    else if (!approvedHead) reasons.push(`no approving review of ${short(pull.headSha)} (if the branch requires one)`);
  }
  const why = reasons.length > 0 ? reasons.join('; ') : 'a branch rule is not met (required reviews or checks GitHub does not name here)';
  return `GitHub blocks merging PR #${pull.number}: ${why}`;
}

function behindText(pull: PullRequest, facts: MergeFacts | undefined): string {
  const missing = facts?.missing;
  const update = `press Enter to update its branch (merge ${pull.baseRef} into ${pull.headRef}); CI then runs again on the new head`;
  if (!missing || missing.behindBy === 0) return `PR #${pull.number} is behind ${pull.baseRef}: ${update}`;
  const [newest] = missing.commits;
  const named = newest ? `: it lacks ${short(newest.sha)} "${headline(newest.message)}"${missing.behindBy > 1 ? ` and ${missing.behindBy - 1} more` : ''}` : '';
  return `PR #${pull.number} is ${missing.behindBy} commit${missing.behindBy === 1 ? '' : 's'} behind ${pull.baseRef}${named}; ${update}`;
}

function dirtyText(pull: PullRequest, facts: MergeFacts | undefined): string {
  const files = facts?.bothChanged ?? [];
  const where = files.length > 0 ? ` in ${list(files)} (changed on both sides)` : '';
  return `PR #${pull.number} conflicts with ${pull.baseRef}${where}: resolve it on ${pull.headRef} (CI then runs again); the cockpit offers no merge`;
}

/**
 * Whether the open pull request can be merged now, and the line that says why not, from GitHub's mergeable and
 * mergeable_state and the facts read for its head. Pure. Merged and closed pulls are the caller's business.
 */
export function mergeReadiness(pull: PullRequest, factsRead: MergeFacts | undefined): Readiness {
  const facts = current(pull, factsRead);
  const n = pull.number;
  const state = pull.mergeableState;
  if (state === 'draft') return { kind: 'refused', text: `PR #${n} is a draft: mark it ready for review on GitHub before it can merge` };
  if (state === 'dirty' || (pull.mergeable === false && state !== 'blocked' && state !== 'behind')) {
    return state === 'dirty' ? { kind: 'refused', text: dirtyText(pull, facts) } : { kind: 'refused', text: `PR #${n} cannot merge (${state || 'GitHub gives no reason'})` };
  }
  if (pull.mergeable === null || state === 'unknown' || state === '') return { kind: 'wait', text: `GitHub is still checking whether PR #${n} can merge` };
  if (state === 'blocked') return { kind: 'refused', text: blockedText(pull, facts) };
  if (state === 'behind') return { kind: 'behind', text: behindText(pull, facts) };
  if (facts?.method && !facts.method.ok) return { kind: 'refused', text: facts.method.error };
  const by = facts?.method?.ok ? ` by ${facts.method.method}` : '';
  if (state === 'unstable') {
    const failing = (facts?.notPassing ?? []).filter((c) => c.state === 'failing').map((c) => c.name);
    const pending = (facts?.notPassing ?? []).filter((c) => c.state === 'pending').map((c) => c.name);
    const named = failing.length > 0 ? `optional checks failing: ${list(failing)}` : pending.length > 0 ? `optional checks pending: ${list(pending)}` : 'optional checks not passing';
    return { kind: 'ready', text: `PR #${n} can merge${by} (unstable: ${named})`, optionalFailing: failing };
  }
  return { kind: 'ready', text: `PR #${n} can merge${by} (${state})`, optionalFailing: [] };
}
