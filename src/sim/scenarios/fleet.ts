import type { Scenario } from './index.js';
import { buildAcmeWorld } from './history.js';

/** How many customer PPCs the `fleet` scenario has: the design's "a thousand PPCs". */
export const FLEET_SIZE = 1_000;

/**
 * The weekly world at scale: a thousand customer PPCs (ppc-0001 … ppc-1000) on production's PPC revision, a
 * canary wave of the first and everyone else after it, and no scripted failure, so that a rollout of the
 * whole fleet can be driven and measured against Travis's ten requests an hour.
 */
export const fleet: Scenario = {
  name: 'fleet',
  summary: 'the weekly release with a thousand customer PPCs (the rollout at scale)',
  create: ({ random, now }) => {
    const { world, facts } = buildAcmeWorld(random, now);
    const customers = Array.from({ length: FLEET_SIZE }, (_, i) => {
      const n = String(i + 1).padStart(4, '0');
      return { id: `ppc-${n}`, name: `Customer ${n}`, initialRevision: facts.ppcRevision.production };
    });
    const [canary] = customers;
    world.customers = customers;
    world.waves = [{ name: 'canary', customers: canary ? [canary.id] : [] }, { name: 'everyone else' }];
    world.ppcFailOnce.clear();
    Object.assign(world.facts, { customers: customers.map((c) => c.id), canary: canary?.id, failingCustomer: undefined });
    return world;
  },
};
