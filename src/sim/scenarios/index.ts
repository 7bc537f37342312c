import type { Random } from '../random.js';
import type { TeamShape } from '../team.js';
import type { World } from '../world/world.js';
import { fleet } from './fleet.js';
import { hotfix } from './hotfix.js';
import { nightly } from './nightly.js';
import { strict } from './strict.js';
import { weekly } from './weekly.js';

export interface ScenarioContext {
  readonly random: Random;
  /** Sim time at the start; the scenario's history is dated back from it. */
  readonly now: number;
  /** A team's own shape (`cockpit demo --config`); only a scenario that `acceptsTeam` is given one. */
  readonly team?: TeamShape;
}

export interface Scenario {
  readonly name: string;
  readonly summary: string;
  /** The playbook `cockpit demo --scenario NAME` runs unless told otherwise. @default 'weekly' */
  readonly playbook?: string;
  /** Whether the scenario can wear a team's names; the others script trouble on acme's own branches. */
  readonly acceptsTeam?: boolean;
  create(context: ScenarioContext): World;
}

/** Every scenario by name; add one here and `--scenario` knows it. */
export const SCENARIOS: Readonly<Record<string, Scenario>> = { weekly, nightly, hotfix, fleet, strict };
export const DEFAULT_SCENARIO = 'weekly';
