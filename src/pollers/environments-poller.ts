import type { Config } from '../config/schema.js';
import type { Services } from '../services/index.js';
import { createPoller, type Poller } from './poller.js';
import { readEnvironments } from './read-environments.js';
import { writeFailure, writePoll, type WriteContext } from './store-write.js';

export const ENVIRONMENTS_INTERVAL_MS = 30_000;

/** Branch heads, CI, sites and pins of every environment, every 30 s (mostly 304s when nothing moved). */
export function createEnvironmentsPoller(ctx: WriteContext, services: Services, config: Config): Poller {
  return createPoller({
    name: 'environments',
    intervalMs: ENVIRONMENTS_INTERVAL_MS,
    read: () => readEnvironments(services, config),
    write: ({ data, observed }) =>
      writePoll(ctx, observed, () => ({ environments: { status: 'ready', data: data.environments, at: ctx.now() }, diffs: data.diffs })),
    onError: (error) =>
      writeFailure(ctx, error, 'github', (s, message) => ({
        environments: { status: 'error', message, at: ctx.now(), ...('data' in s.environments && s.environments.data ? { data: s.environments.data } : {}) },
      })),
    now: ctx.now,
  });
}
