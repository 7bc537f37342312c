import type { Config } from '../config/schema.js';
import { STEPS } from '../domain/steps/steps.js';
import type { Services } from '../services/index.js';
import type { CockpitState } from '../store/state.js';
import { createPoller, type Poller } from './poller.js';
import { readEnvironments } from './read-environments.js';
import { currentStepType } from './release-step.js';
import { failureFacts, pollFacts, type WriteContext } from './store-write.js';

export const ENVIRONMENTS_INTERVAL_MS = 30_000;
/** While the release verifies the target's site: it flips a couple of seconds after the deploy build passes. */
export const ENVIRONMENTS_VERIFYING_MS = 3_000;

/** How long the environments poller waits between reads: 3 s while the release verifies a site, else 30 s. */
export function environmentsIntervalMs(state: CockpitState): number {
  const step = currentStepType(state);
  return step !== undefined && STEPS[step].waitsOn[0] === 'environments' ? ENVIRONMENTS_VERIFYING_MS : ENVIRONMENTS_INTERVAL_MS;
}

/** Branch heads, CI, sites and pins of every environment (mostly 304s when nothing moved), at environmentsIntervalMs. */
export function createEnvironmentsPoller(ctx: WriteContext, services: Services, config: Config): Poller {
  return createPoller({
    name: 'environments',
    intervalMs: () => environmentsIntervalMs(ctx.store.getState()),
    read: () => readEnvironments(services, config),
    write: ({ data, observed }) => ctx.store.getState().environmentsRead({ status: 'ready', data: data.environments, at: ctx.now() }, data.diffs, pollFacts(ctx, observed)),
    onError: (error) => {
      const { poll, message } = failureFacts(ctx, error, 'github');
      const s = ctx.store.getState();
      s.environmentsRead({ status: 'error', message, at: ctx.now(), ...('data' in s.environments && s.environments.data ? { data: s.environments.data } : {}) }, undefined, poll);
    },
    now: ctx.now,
  });
}
