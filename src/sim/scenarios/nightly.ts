import { lastNightly } from '../../domain/schedule.js';
import { SIM_SCHEDULE } from '../config.js';
import { openPull } from '../world/github-ops.js';
import type { Scenario } from './index.js';
import { buildAcmeWorld } from './history.js';

/**
 * The morning after the nightly promotion: the master -> staging pull request opened at 02:00 is still open
 * because one of its jobs failed (a flaky integration test); restarting that job makes it pass, and merging
 * deploys staging.
 */
export const nightly: Scenario = {
  name: 'nightly',
  summary: "last night's master -> staging promotion, waiting on one failed (restartable) job",
  playbook: 'nightly',
  create: ({ random, now }) => {
    const { world } = buildAcmeWorld(random, now);
    world.scripted.push({ event: 'pull_request', branch: 'staging', task: 'integration', attempts: 1 });
    const openedAt = lastNightly(SIM_SCHEDULE, now).getTime();
    const pull = openPull(world, { title: 'Nightly promotion: master -> staging', head: 'master', base: 'staging', body: 'Opened by the nightly promotion job.', user: 'dana-w' }, openedAt);
    Object.assign(world.facts, { nightlyPull: pull.number, nightlyBuild: world.pullBuild(pull, now)?.id });
    return world;
  },
};
