import type { Random } from '../random.js';
import type { CommitRecord } from '../world/git.js';
import { serviceJobs, sdkVersionIn } from '../world/service-jobs.js';
import { HISTORY_TIMING } from '../world/timings.js';
import type { World } from '../world/world.js';
import { fileChanges } from './story.js';

const HOUR = 3_600_000;

/**
 * A hotfix merged into production yesterday, which staging never got: the base of this week's promotion moved,
 * so with rule requireUpToDate the release's pull request is `behind` until its branch is updated. The fix
 * touches no file staging changed, so the update merges cleanly. Production's site serves the merge.
 */
export function mergeHotfixIntoProduction(world: World, random: Random, now: number): CommitRecord {
  const production = world.git.head('production') as CommitRecord;
  const fix = world.commit({
    parents: [production.sha],
    message: 'Hotfix: stop double-charging retried card payments',
    author: 'priya-n',
    at: now - 26 * HOUR,
    changes: fileChanges(['internal/billing/charge_retry.go', 'internal/billing/charge_retry_test.go'], () => random.int(3, 30)),
    random,
  });
  const merge = world.commit({
    parents: [production.sha, fix.sha],
    message: 'Merge pull request #299 from acme/hotfix/double-charge\n\nHotfix: stop double-charging retried card payments',
    author: 'maria-s',
    at: now - 25 * HOUR,
    random,
  });
  world.git.branches.set('hotfix/double-charge', fix.sha);
  world.git.branches.set('production', merge.sha);
  world.createBuild(
    {
      repo: world.service,
      event: 'push',
      branch: 'production',
      commit: { sha: merge.sha, ref: 'refs/heads/production', message: merge.message, committedAt: merge.committedAt },
      headSha: merge.sha,
      createdAt: merge.committedAt + 60_000,
      createdBy: 'maria-s',
      reporting: 'checks',
      jobs: serviceJobs('push', 'production', sdkVersionIn(merge.files)),
      timing: HISTORY_TIMING,
    },
    random,
  );
  world.environments = world.environments.map((e) => (e.branch === 'production' ? { ...e, initialSha: merge.sha } : e));
  Object.assign(world.facts, { productionHead: merge.sha, productionHotfix: { sha: fix.sha, mergeSha: merge.sha, message: fix.message } });
  return merge;
}
