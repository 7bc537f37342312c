import type { Scenario } from './index.js';
import { buildAcmeWorld } from './history.js';

/**
 * The Tuesday production release: master ahead of staging, staging's head red with a green commit before it,
 * production behind with an older PPC revision and SDK, a dozen customer PPCs on the old revision (one of them
 * fails its first update). Nothing is in flight: the cockpit drives everything from here.
 */
export const weekly: Scenario = {
  name: 'weekly',
  summary: 'the Tuesday production release window (the default)',
  acceptsTeam: true,
  create: ({ random, now, team }) => buildAcmeWorld(random, now, team).world,
};
