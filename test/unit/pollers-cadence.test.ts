import { describe, expect, it } from 'vitest';
import { ENVIRONMENTS_INTERVAL_MS, ENVIRONMENTS_VERIFYING_MS, environmentsIntervalMs } from '../../src/pollers/environments-poller.js';
import { PROMOTION_ACTIVE_MS, PROMOTION_IDLE_MS, PROMOTION_WAITING_MS, promotionIntervalMs } from '../../src/pollers/promotion-poller.js';
import type { CockpitState, PromotionState } from '../../src/store/state.js';
import { build, freshStore, job, jumpTo, MERGE, pull } from './checklist-builders.js';

/** A store whose release is at `stepId`, with the promotion slice as given. */
function at(stepId: string, promotion: Partial<PromotionState> = {}): CockpitState {
  const store = freshStore();
  jumpTo(store, stepId);
  store.getState().promotionRead(promotion);
  return store.getState();
}

const mergedPull = pull({ state: 'closed', merged: true, mergeCommitSha: MERGE });
const passedDeploy = build('7', [job('7.1', 'passed')], { state: 'passed', event: 'push', pullRequestNumber: null, sha: 'f'.repeat(40) });

describe('promotionIntervalMs', () => {
  it('polls fast while a release step waits on the PR or a build, even with the PR closed and no build running', () => {
    // Just after the merge: the PR is closed, the previous deploy build is finished, the new one not there yet.
    for (const step of ['wait-pr-ci', 'merge-promotion-pr', 'wait-deploy', 'verify-environment']) {
      expect([step, promotionIntervalMs(at(step, { pull: mergedPull, deployBuild: passedDeploy }))]).toEqual([step, PROMOTION_WAITING_MS]);
    }
    expect(PROMOTION_WAITING_MS).toBeLessThanOrEqual(5_000);
  });

  it('polls at the active cadence while a PR is open or a build runs before the release waits on them', () => {
    expect(promotionIntervalMs(at('review-changes', { pull: pull() }))).toBe(PROMOTION_ACTIVE_MS);
    expect(promotionIntervalMs(at('choose-candidate', { deployBuild: build('8', [job('8.1', 'started')], { event: 'push' }) }))).toBe(PROMOTION_ACTIVE_MS);
  });

  it('idles when nothing moves and no step waits on it', () => {
    expect(promotionIntervalMs(at('review-changes', { pull: null, deployBuild: passedDeploy }))).toBe(PROMOTION_IDLE_MS);
    expect(promotionIntervalMs(at('update-ppcs', { pull: mergedPull, deployBuild: passedDeploy }))).toBe(PROMOTION_IDLE_MS);
  });
});

describe('environmentsIntervalMs', () => {
  it('polls fast only while the release verifies the environment', () => {
    expect(environmentsIntervalMs(at('verify-environment'))).toBe(ENVIRONMENTS_VERIFYING_MS);
    expect(ENVIRONMENTS_VERIFYING_MS).toBeLessThanOrEqual(5_000);
    for (const step of ['review-changes', 'wait-deploy', 'update-ppcs']) expect([step, environmentsIntervalMs(at(step))]).toEqual([step, ENVIRONMENTS_INTERVAL_MS]);
  });

  it('idles once every step is settled', () => {
    const store = freshStore();
    store.getState().stepsAdvanced(store.getState().checklist.steps.map((s) => ({ id: s.id, status: 'done' as const })));
    expect(environmentsIntervalMs(store.getState())).toBe(ENVIRONMENTS_INTERVAL_MS);
    expect(promotionIntervalMs(store.getState())).toBe(PROMOTION_IDLE_MS);
  });
});
