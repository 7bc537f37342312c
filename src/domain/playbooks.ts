import { hotfixPlaybook } from './hotfix-playbook.js';
import { nightlyPlaybook } from './nightly-playbook.js';
import type { Playbook } from './playbook.js';
import type { StepEnvironments } from './step-catalogue.js';
import { weeklyPlaybook } from './weekly-playbook.js';

interface BuiltIn {
  readonly make: (envs: StepEnvironments) => Playbook;
  /** Which of the configured environments (lowest first) it moves between: counted from the top. */
  readonly fromTop: 1 | 2;
}

/**
 * The playbooks `--playbook NAME` knows; anything else is a team's own playbook file. Each is bound to the
 * configured environments by position, so a team whose environments are called dev, stage and prod gets
 * the same playbooks: weekly and hotfix into the top one, nightly into the one below it.
 */
const BUILT_INS: Readonly<Record<string, BuiltIn>> = {
  weekly: { make: weeklyPlaybook, fromTop: 1 },
  nightly: { make: nightlyPlaybook, fromTop: 2 },
  hotfix: { make: hotfixPlaybook, fromTop: 1 },
};

export const BUILT_IN_PLAYBOOK_NAMES: readonly string[] = Object.keys(BUILT_INS);

/** The built-in playbook `name` for environments named `environments` (lowest first), or why it cannot run there. */
export function builtInPlaybook(name: string, environments: readonly string[]): Playbook | string | undefined {
  const builtIn = BUILT_INS[name];
  if (!builtIn) return undefined;
  const to = environments[environments.length - builtIn.fromTop];
  const from = environments[environments.length - builtIn.fromTop - 1];
  if (!from || !to) return `the ${name} playbook needs ${builtIn.fromTop + 1} environments below each other; the config has ${environments.length}`;
  return builtIn.make({ from, to });
}

/** Every built-in playbook's name, which a team's own playbook must not take (releases are found by it). */
export function builtInPlaybookNames(): readonly string[] {
  return Object.values(BUILT_INS).map((b) => b.make({ from: 'a', to: 'b' }).name);
}
