import type { Config } from '../config/schema.js';

/**
 * The parts of a team's own config the demo world is shaped after (`cockpit demo --config FILE`), so that a new
 * on-call engineer rehearses the team's real checklist: its environments and branches, pinned files, customers,
 * waves and schedule. Everything else (repositories, URLs, people, tokens) stays the demo world's own.
 */
export interface TeamShape {
  /** Lowest first, as the config orders them; the top two play the release's staging and production. */
  readonly environments: readonly { readonly name: string; readonly branch: string }[];
  readonly ppc: { readonly file: string; readonly project: string };
  readonly sdk: { readonly file: string; readonly variable: string };
  readonly customers: readonly { readonly id: string; readonly name: string }[];
  readonly waves: readonly { readonly name: string; readonly customers?: readonly string[] }[];
  readonly schedule: Config['schedule'];
}

/** The acme world's own shape: what the demo serves without --config. */
export const ACME_TEAM: TeamShape = {
  environments: [
    { name: 'testing', branch: 'master' },
    { name: 'staging', branch: 'staging' },
    { name: 'production', branch: 'production' },
  ],
  ppc: { file: 'Gopkg.lock', project: 'github.com/acme/ppc' },
  sdk: { file: '.travis.yml', variable: 'SDK_VERSION' },
  customers: [],
  waves: [],
  schedule: { timezone: 'UTC', nightly: '02:00', weekly: { day: 'tuesday', time: '14:00' } },
};

/** A validated config's shape; a customer without a name is named after its id. */
export function teamShapeOf(config: Config): TeamShape {
  return {
    environments: config.environments.map((e) => ({ name: e.name, branch: e.branch })),
    ppc: { file: config.components.ppc.file, project: config.components.ppc.project },
    sdk: { file: config.components.sdk.file, variable: config.components.sdk.variable },
    customers: (config.ppcs?.customers ?? []).map((c) => ({ id: c.id, name: c.name ?? c.id })),
    waves: config.rollout.waves.map((w) => ({ name: w.name, ...(w.customers ? { customers: [...w.customers] } : {}) })),
    schedule: config.schedule,
  };
}
