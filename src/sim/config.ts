import { configSchema, type Config } from '../config/schema.js';
import type { World } from './world/world.js';

import { ACME_TEAM } from './team.js';

/** The demo team's schedule: scenarios date their history against it (last night's 02:00 promotion). */
export const SIM_SCHEDULE = ACME_TEAM.schedule;

/** A complete cockpit config whose every URL points at the sim at `url`; validated, so it can be written as is. */
export function simConfig(world: World, url: string): Config {
  return configSchema.parse({
    service: { repo: world.git.fullName },
    github: { api_url: `${url}/github` },
    ci: { provider: 'travis', api_url: `${url}/travis`, web_url: `${url}/web/travis` },
    environments: world.environments.map((e) => ({
      name: e.name,
      branch: e.branch,
      site: { url: `${url}/sites/${e.name}/version`, format: 'json', field: 'version', health_url: `${url}/sites/${e.name}/health` },
    })),
    components: {
      ppc: { ...world.team.ppc },
      sdk: { ...world.team.sdk },
    },
    schedule: world.team.schedule,
    roles: world.roles,
    hotfix: { approvers: [...world.approvers] },
    ppcs: {
      trigger: { repo: world.fleet.slug, branch: world.fleet.defaultBranch, per_request: 6 },
      version: { format: 'json', field: 'revision' },
      customers: world.customers.map((c) => ({ id: c.id, name: c.name, url: `${url}/ppcs/${c.id}/version` })),
    },
    rollout: { concurrency: 4, waves: world.waves.map((w) => ({ name: w.name, ...(w.customers ? { customers: [...w.customers] } : {}) })) },
  });
}
