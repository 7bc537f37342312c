import { approvalOf } from './approval.js';
import { headline } from './commit.js';
import { failed, met, waiting } from './condition.js';
import { wallClockText } from './local-time.js';
import { mergeReadiness } from './merge-readiness.js';
import type { GateCondition, StepProgress } from './playbook.js';
import type { PullRequest } from './pull.js';
import { branchOf, type PromotionView, type ReleaseView } from './release-view.js';
import { shortSha } from './sha.js';

export function openPrCondition(state: ReleaseView): GateCondition {
  const { pull, candidateSha } = state.promotion;
  const { from, to } = state.checklist.playbook;
  if (pull) return met(`PR #${pull.number} ${pull.merged ? 'merged' : pull.state}`);
  if (!candidateSha) return waiting('choose a candidate first');
  return waiting(`will open ${from} -> ${to} for ${shortSha(candidateSha)}`);
}

export function mergeCondition(state: ReleaseView): GateCondition {
  const { pull } = state.promotion;
  const mergeSha = state.promotion.mergedSha;
  if (!pull) return waiting('no promotion pull request yet');
  if (pull.merged) return met(`PR #${pull.number} merged${mergeSha ? ` as ${shortSha(mergeSha)}` : ''}`);
  if (pull.state === 'closed') return failed(`PR #${pull.number} was closed without merging`);
  // Never met before the merge: what GitHub says of it (behind, dirty, blocked...) is the line the user reads.
  return waiting(mergeReadiness(pull, state.promotion.merge).text);
}

function pullLine(pull: PullRequest): string {
  const state = pull.merged ? 'merged' : pull.state === 'closed' ? 'closed without merging' : 'open';
  return `PR #${pull.number} ${pull.headRef} -> ${pull.baseRef} (${state})`;
}

export function nightlyPrCondition(state: ReleaseView): GateCondition {
  const { pull, readAt } = state.promotion;
  const { from, to } = state.checklist.playbook;
  const since = state.meta.windows?.lastNightly;
  const when = since === undefined ? 'the last nightly window' : wallClockText(since, state.meta.timezone);
  if (pull) return met(pullLine(pull));
  if (readAt === undefined) return waiting(`looking for the ${branchOf(state, from)} -> ${branchOf(state, to)} pull request opened since ${when}`);
  return failed(`no ${branchOf(state, from)} -> ${branchOf(state, to)} pull request was opened since ${when}: the nightly promotion did not run`);
}

export function hotfixPrCondition(state: ReleaseView): GateCondition {
  const { pull, readAt } = state.promotion;
  const to = branchOf(state, state.checklist.playbook.to);
  if (pull) return met(`${pullLine(pull)}: ${headline(pull.title)}`);
  if (readAt === undefined) return waiting(`looking for an open pull request into ${to}`);
  return waiting(`no open pull request into ${to} other than a promotion: open one from the fix's branch`);
}

export function approvalCondition(state: ReleaseView): GateCondition {
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

/** Why a head-pinned gate opens again: the pull request's head moved from `was`, and who made the new head. */
export function movedHeadText(state: { readonly promotion: Pick<PromotionView, 'pull' | 'headCommit'> }, was: string): string {
  const { pull, headCommit } = state.promotion;
  if (!pull) return `the pull request's head is no longer ${shortSha(was)}`;
  const by = headCommit && headCommit.sha === pull.headSha ? ` (a commit by ${headCommit.author}: "${headline(headCommit.message)}")` : '';
  return `the head of PR #${pull.number} moved from ${shortSha(was)} to ${shortSha(pull.headSha)}${by}: what was checked at ${shortSha(was)} no longer counts`;
}

/**
 * The head the release's CI (and approval) verdicts hold for: the sha a merge must send. Undefined while no
 * head-pinned step is done, or in a playbook without one.
 */
export function testedHead(state: { readonly checklist: Pick<ReleaseView['checklist'], 'steps'> }): string | undefined {
  const pinned = state.checklist.steps.filter((s) => s.status === 'done' && s.sha !== undefined);
  return pinned.at(-1)?.sha;
}

