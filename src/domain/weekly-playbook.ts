import type { Playbook } from './playbook.js';
import { builtInStep, capitalise, type StepEnvironments } from './step-catalogue.js';

/**
 * The weekly production release as data: the environment below the top one (staging) -> the top one
 * (production), then the customer PPCs.
 *
 * Waiting for the PPCs is not a separate step: "update customer PPCs" stays running until every PPC reports
 * the target revision (or was skipped), and its live condition says how far the rollout is. A separate
 * "wait for the PPCs" gate would only repeat the same line one row lower.
 */
export function weeklyPlaybook(envs: StepEnvironments): Playbook {
  return {
    name: 'Weekly production release',
    id: 'weekly',
    label: 'Weekly release',
    from: envs.from,
    to: envs.to,
    steps: [
      builtInStep('review-changes', envs),
      builtInStep('choose-candidate', envs),
      builtInStep('open-promotion-pr', envs),
      builtInStep('wait-pr-ci', envs),
      builtInStep('merge-promotion-pr', envs),
      builtInStep('wait-deploy', envs),
      builtInStep('verify-environment', envs),
      builtInStep('update-ppcs', envs),
      builtInStep('release-complete', envs, {
        description: `${capitalise(envs.to)} serves the new version and every customer PPC runs the new revision. Nothing left to do this week.`,
      }),
    ],
  };
}

/** The weekly playbook for the usual environments (staging -> production). */
export const WEEKLY_PLAYBOOK: Playbook = weeklyPlaybook({ from: 'staging', to: 'production' });

// Named here too, where the release branch was first described.
export { releaseBranchName, releaseDate } from './release-branch.js';
