import { shortSha } from '../domain/sha.js';
import type { PullRequest } from '../domain/pull.js';
import { wasRefused } from './journalled.js';
import type { EngineOptions } from './ports.js';
import { errorText } from './steps.js';

type Context = Pick<EngineOptions, 'store' | 'services' | 'journal' | 'refresh'>;

/** How long after a lost answer the head is looked at again: GitHub updates the branch a moment after its 202. */
export const LOOKUP_DELAYS_MS: readonly number[] = [0, 1_000, 3_000];

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Merges the base into the promotion PR's branch (the PR is `behind`), only while its head is `sha`: GitHub's
 * expected_head_sha makes a second request after a first that took effect a harmless 422, never a second merge.
 * Journalled like every write; a lost answer is looked up (did the head move?), never sent again by itself. The
 * new head has no CI yet: the merge step waits for it like for any push (the PR-CI verdict is per head).
 */
export async function updatePromotionBranch(ctx: Context, number: number, sha: string, delaysMs: readonly number[] = LOOKUP_DELAYS_MS): Promise<void> {
  const { github } = ctx.services;
  const notice = (text: string, tone: 'info' | 'success' | 'warning' | 'error') => ctx.store.getState().setNotice({ text, tone });
  const id = ctx.journal?.record({ type: 'intent', action: 'update-branch', number, sha });
  notice(`Updating PR #${number}'s branch from ${shortSha(sha)}...`, 'info');
  try {
    const answer = await github.updateBranch(number, sha);
    if (id) ctx.journal?.record({ type: 'outcome', id, ok: true, number, note: answer.message });
    notice(`PR #${number}: ${answer.message} Its head moves from ${shortSha(sha)}; CI runs again on the new head before the merge.`, 'success');
  } catch (error) {
    if (wasRefused(error)) {
      if (id) ctx.journal?.record({ type: 'outcome', id, ok: false, error: errorText(error), notSent: true });
      notice(errorText(error), 'error');
      return;
    }
    const moved = await headMovedFrom(ctx, number, sha, delaysMs);
    if (moved) {
      if (id) ctx.journal?.record({ type: 'outcome', id, ok: true, number, sha: moved.headSha, reconciled: true, note: `the head moved to ${moved.headSha}` });
      notice(`The answer to updating PR #${number}'s branch was lost, but its head moved to ${shortSha(moved.headSha)}: the update happened. CI runs again on the new head.`, 'success');
    } else {
      // Not known either way: GitHub may still be updating. Written as failed, never as "not sent".
      if (id) ctx.journal?.record({ type: 'outcome', id, ok: false, error: `no answer (${errorText(error)}); the head was still ${sha} when looked up` });
      notice(`No answer to updating PR #${number}'s branch (${errorText(error)}), and its head is still ${shortSha(sha)}: it may yet move. Press Enter again only if it stays behind; GitHub refuses a second update once the head moved.`, 'warning');
    }
  } finally {
    ctx.refresh?.('promotion');
  }
}

/** The pull request once its head is no longer `sha`, looked at after each delay; undefined if it stayed. */
async function headMovedFrom(ctx: Context, number: number, sha: string, delaysMs: readonly number[]): Promise<PullRequest | undefined> {
  for (const delay of delaysMs) {
    if (delay > 0) await sleep(delay);
    const pull = await ctx.services.github.getPull(number).catch(() => undefined);
    if (pull && pull.headSha !== sha) return pull;
  }
  return undefined;
}
