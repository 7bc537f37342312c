import { approvalOf } from '../approval.js';
import { headline } from '../commit.js';
import { mergeReadiness } from '../merge-readiness.js';
import type { StepDefinition } from '../playbook.js';
import type { PullRequest } from '../pull.js';
import { readsReviews } from '../pull-lookup.js';
import { testedHead } from '../pull-gates.js';
import type { ReleaseView } from '../release-view.js';
import { shortSha } from '../sha.js';
import type { StepAction, StepActionRule } from './behaviour.js';

/** What Enter on the merge step sends: the merge of the tested head, or the branch update a PR behind its base needs. */
function proposeMerge(_definition: StepDefinition, view: ReleaseView): StepAction | string {
  const { pull } = view.promotion;
  if (!pull) return 'there is no promotion pull request to merge yet';
  const readiness = pull.merged ? undefined : mergeReadiness(pull, view.promotion.merge);
  // Behind: Enter offers the branch update instead; its new head needs CI again before any merge.
  if (readiness?.kind === 'behind') return { type: 'update-branch', number: pull.number, sha: pull.headSha };
  const unapproved = approvalBlocker(view, pull);
  if (unapproved) return unapproved;
  if (readiness?.kind === 'wait') return `${readiness.text}; try again in a moment`;
  if (readiness?.kind === 'refused') return readiness.text;
  // The merge sends the head the checks passed on, never merely the head last read.
  const tested = testedHead(view);
  if (!pull.merged && tested !== undefined && tested !== pull.headSha) {
    return `PR #${pull.number}'s head moved to ${shortSha(pull.headSha)} after its checks passed on ${shortSha(tested)}: they have to pass again first`;
  }
  return { type: 'merge-pr', number: pull.number, sha: tested ?? pull.headSha };
}

/**
 * In a playbook that waits for an approval, the merge needs one of the head it merges: a push after the
 * approval (the approval step being done already) must not slip through unreviewed.
 */
function approvalBlocker(view: ReleaseView, pull: PullRequest): string | undefined {
  if (pull.merged || !waitsForApproval(view)) return undefined;
  const approval = approvalOf(view.promotion.reviews ?? [], view.meta.approvers ?? [], pull.headSha);
  if (approval.kind === 'approved') return undefined;
  if (approval.kind === 'changes-requested') return `${approval.by} requested changes on PR #${pull.number}; it cannot be merged`;
  if (approval.kind === 'no-approvers') return 'nobody can approve it: hotfix.approvers in the config is empty';
  const since = approval.stale ? ` (${approval.stale.by} approved ${shortSha(approval.stale.sha)}, not the head ${shortSha(pull.headSha)})` : '';
  return `PR #${pull.number} needs an approving review of its head by a manager before it is merged${since}`;
}

function waitsForApproval(view: ReleaseView): boolean {
  return readsReviews(view.checklist.playbook);
}

/** " by squash" once the method the merge will send is known (config and repository settings). */
function mergeHow(view: ReleaseView): string {
  const { merge, pull } = view.promotion;
  return merge?.method?.ok && merge.headSha === pull?.headSha ? ` by ${merge.method.method}` : '';
}

/** The optional checks failing on the head (`unstable`): the merge is allowed, and the user hears which. */
function optionalNote(view: ReleaseView): string {
  const { pull, merge } = view.promotion;
  if (!pull || pull.merged) return '';
  const readiness = mergeReadiness(pull, merge);
  return readiness.kind === 'ready' && readiness.optionalFailing.length > 0 ? ` Optional checks failing (GitHub allows the merge): ${readiness.optionalFailing.join(', ')}.` : '';
}

/** The y/n question before PUT update-branch: what the base has that the head lacks, and that CI runs again. */
function updateBranchPrompt(action: Extract<StepAction, { type: 'update-branch' }>, view: ReleaseView): string {
  const { pull, merge } = view.promotion;
  const base = pull?.baseRef ?? view.checklist.playbook.to;
  const head = pull?.headRef ?? `PR #${action.number}'s branch`;
  const missing = merge?.headSha === action.sha ? merge.missing : undefined;
  const [newest] = missing?.commits ?? [];
  const lacks = missing && newest ? ` It lacks ${missing.behindBy} commit${missing.behindBy === 1 ? '' : 's'} of ${base}, newest ${shortSha(newest.sha)} "${headline(newest.message)}".` : '';
  const approval = waitsForApproval(view) ? ' An approval of the old head will not cover the new one.' : '';
  return `Update PR #${action.number}: merge ${base} into ${head} at ${shortSha(action.sha)}?${lacks} Its head moves, so CI runs again before it can merge.${approval}`;
}

function mergePrompt(action: StepAction, view: ReleaseView): string {
  if (action.type === 'update-branch') return updateBranchPrompt(action, view);
  if (action.type !== 'merge-pr') return '';
  const { to } = view.checklist.playbook;
  const approval = approvalOf(view.promotion.reviews ?? [], view.meta.approvers ?? [], action.sha);
  const approved = approval.kind === 'approved' ? ` (approved by ${approval.by})` : '';
  return `Merge PR #${action.number} into ${to} at ${shortSha(action.sha)}${mergeHow(view)}${approved}? Its merge deploys ${to}.${optionalNote(view)}`;
}

export const MERGE_ACTION: StepActionRule = { proposes: ['merge-pr', 'update-branch'], propose: proposeMerge, prompt: mergePrompt };
