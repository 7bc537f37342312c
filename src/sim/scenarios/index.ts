import type { Random } from '../random.js';
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
}

export interface Scenario {
  readonly name: string;
  readonly summary: string;
  /** The playbook `cockpit demo --scenario NAME` runs unless told otherwise. @default 'weekly' */
  readonly playbook?: string;
  create(context: ScenarioContext): World;
}

/** Every scenario by name; add one here and `--scenario` knows it. */
export const SCENARIOS: Readonly<Record<string, Scenario>> = { weekly, nightly, hotfix, fleet, strict };
export const DEFAULT_SCENARIO = 'weekly';
