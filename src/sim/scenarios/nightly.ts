import { openPull } from '../world/github-ops.js';
import type { Scenario } from './index.js';
import { buildAcmeWorld } from './history.js';

const HOUR = 3_600_000;

/**
 * The morning after the nightly promotion: the master -> staging pull request opened at 02:00 is still open
 * because one of its jobs failed (a flaky integration test); restarting that job makes it pass, and merging
 * deploys staging.
 */
export const nightly: Scenario = {
  name: 'nightly',
  summary: "last night's master -> staging promotion, waiting on one failed (restartable) job",
  create: ({ random, now }) => {
    const { world } = buildAcmeWorld(random, now);
    world.scripted.push({ event: 'pull_request', branch: 'staging', task: 'integration', attempts: 1 });
    const pull = openPull(world, { title: 'Nightly promotion: master -> staging', head: 'master', base: 'staging', body: 'Opened by the nightly promotion job.', user: 'dana-w' }, now - 7 * HOUR);
    Object.assign(world.facts, { nightlyPull: pull.number, nightlyBuild: world.pullBuild(pull, now)?.id });
    return world;
  },
};
