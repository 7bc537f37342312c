import type { Scenario } from './index.js';
import { buildAcmeWorld } from './history.js';
import { mergeHotfixIntoProduction } from './production-hotfix.js';
import { strictRules } from '../world/rules.js';

/**
 * The weekly world with every rule of world/rules.ts on: GitHub and Travis as hard as they really are (slow build
 * creation, optional checks, branch rules, answers lost after the effect...). `cockpit demo --scenario strict` is a
 * release a person can try against them.
 */
export const strict: Scenario = {
  name: 'strict',
  summary: 'the weekly release against a world as strict as the real GitHub and Travis (every /_sim/rules rule on)',
  create: ({ random, now }) => {
    const { world } = buildAcmeWorld(random, now);
    Object.assign(world.rules, strictRules());
    // A base that moved: production has a hotfix staging lacks, so the release's pull request starts `behind`.
    mergeHotfixIntoProduction(world, random.fork('strict-hotfix'), now);
    return world;
  },
};
