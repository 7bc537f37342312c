import { openPull } from '../world/github-ops.js';
import type { CommitRecord } from '../world/git.js';
import type { Scenario } from './index.js';
import { buildAcmeWorld } from './history.js';
import { fileChanges } from './story.js';

const MIN = 60_000;
/** How long after the start the manager's approval arrives (sim time): long enough to see the cockpit wait for it. */
export const HOTFIX_APPROVAL_DELAY_MS = 20_000;

/**
 * A critical fix outside the weekly window: a branch off production with one commit, its pull request into
 * production open and green, and the manager (maria-s) approving it a moment after the cockpit starts.
 */
export const hotfix: Scenario = {
  name: 'hotfix',
  summary: "a critical fix for production outside the window, approved by the manager a moment after the start",
  playbook: 'hotfix',
  create: ({ random, now }) => {
    const { world } = buildAcmeWorld(random, now);
    const production = world.git.head('production') as CommitRecord;
    const files = ['internal/billing/discount.go', 'internal/billing/discount_test.go'];
    const fix = world.commit({
      parents: [production.sha],
      message: 'Cap discounts at the invoice total\n\nA stacked discount over 100% made invoices negative.',
      author: 'priya-n',
      at: now - 50 * MIN,
      changes: fileChanges(files, () => random.int(4, 40)),
    });
    world.git.branches.set('hotfix/negative-invoices', fix.sha);
    const pull = openPull(world, { title: 'Hotfix: cap discounts at the invoice total', head: 'hotfix/negative-invoices', base: 'production', body: 'Negative invoices since last week.', user: 'priya-n' }, now - 40 * MIN);
    // Reviews are listed once their time has come (see the reviews route): this one a moment after the start.
    pull.reviews.push({ id: world.nextReviewId, user: 'maria-s', state: 'APPROVED', body: 'Approved as a hotfix.', commitId: pull.headSha, submittedAt: now + HOTFIX_APPROVAL_DELAY_MS });
    world.nextReviewId += 1;
    Object.assign(world.facts, { hotfixPull: pull.number, hotfixSha: fix.sha, approvalAt: now + HOTFIX_APPROVAL_DELAY_MS });
    return world;
  },
};
