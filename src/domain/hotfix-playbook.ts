import type { Playbook } from './playbook.js';
import { builtInStep, capitalise, type StepEnvironments } from './step-catalogue.js';

/**
 * A critical fix straight to production outside the weekly window: its own pull request into production,
 * merged only with an approving review of its head by a configured manager (hotfix.approvers), then deployed
 * and verified like a weekly release. The customer PPCs are not touched: a hotfix moves the service only.
 */
export function hotfixPlaybook(envs: StepEnvironments): Playbook {
  return {
    name: 'Production hotfix',
    id: 'hotfix',
    label: 'Hotfix',
    from: envs.from,
    to: envs.to,
    steps: [
      builtInStep('find-hotfix-pr', envs),
      builtInStep('await-approval', envs),
      builtInStep('wait-pr-ci', envs),
      builtInStep('merge-promotion-pr', envs, { title: 'Merge the hotfix pull request' }),
      builtInStep('wait-deploy', envs),
      builtInStep('verify-environment', envs),
      builtInStep('release-complete', envs, {
        title: 'Hotfix complete',
        description: `${capitalise(envs.to)} serves the hotfix, approved and recorded in the journal. The next weekly release carries it on as usual.`,
      }),
    ],
  };
}
