import { headline } from '../domain/commit.js';
import { shortSha } from '../domain/sha.js';
import { mergeReadiness } from '../domain/merge-readiness.js';
import type { CockpitState, PendingAction } from '../store/state.js';

/** " by squash" once the method the merge will send is known (config and repository settings). */
export function mergeHow(state: CockpitState): string {
  const { merge, pull } = state.promotion;
  return merge?.method?.ok && merge.headSha === pull?.headSha ? ` by ${merge.method.method}` : '';
}

/** The optional checks failing on the head (`unstable`): the merge is allowed, and the user hears which. */
export function optionalNote(state: CockpitState): string {
  const { pull, merge } = state.promotion;
  if (!pull || pull.merged) return '';
  const readiness = mergeReadiness(pull, merge);
  return readiness.kind === 'ready' && readiness.optionalFailing.length > 0 ? ` Optional checks failing (GitHub allows the merge): ${readiness.optionalFailing.join(', ')}.` : '';
}

/** The y/n question before PUT update-branch: what the base has that the head lacks, and that CI runs again. */
export function updateBranchPrompt(action: Extract<PendingAction, { type: 'update-branch' }>, state: CockpitState): string {
  const { pull, merge } = state.promotion;
  const base = pull?.baseRef ?? state.checklist.playbook.to;
  const head = pull?.headRef ?? `PR #${action.number}'s branch`;
  const missing = merge?.headSha === action.sha ? merge.missing : undefined;
  const [newest] = missing?.commits ?? [];
  const lacks = missing && newest ? ` It lacks ${missing.behindBy} commit${missing.behindBy === 1 ? '' : 's'} of ${base}, newest ${shortSha(newest.sha)} "${headline(newest.message)}".` : '';
  const approval = state.checklist.playbook.steps.some((s) => s.type === 'await-approval') ? ' An approval of the old head will not cover the new one.' : '';
  return `Update PR #${action.number}: merge ${base} into ${head} at ${shortSha(action.sha)}?${lacks} Its head moves, so CI runs again before it can merge.${approval}`;
}
