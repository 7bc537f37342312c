import type { Playbook } from './playbook.js';
import { builtInStep, capitalise, type StepEnvironments } from './step-catalogue.js';

/**
 * The morning check of the nightly promotion (testing -> staging): was last night's pull request merged and
 * staging deployed? Every step completes by itself when the nightly job did its work, so a good night is a
 * checklist that ticks through on its own; a bad one stops at the step that needs a human, with the failed
 * job's log one key away (l) and a restart of it another (r).
 */
export function nightlyPlaybook(envs: StepEnvironments): Playbook {
  return {
    name: 'Nightly staging check',
    id: 'nightly',
    label: 'Nightly check',
    from: envs.from,
    to: envs.to,
    steps: [
      builtInStep('find-nightly-pr', envs),
      builtInStep('wait-pr-ci', envs),
      builtInStep('merge-promotion-pr', envs, {
        title: 'Merge the nightly pull request',
        description:
          'The nightly job merges the pull request once its CI passes; when it has, this step completes by itself. When it has not ' +
          '(a job failed and was restarted since), the cockpit merges it after you confirm, at the exact head that was checked.',
      }),
      builtInStep('wait-deploy', envs),
      builtInStep('verify-environment', envs),
      builtInStep('release-complete', envs, {
        title: `${capitalise(envs.to)} is up to date`,
        description: `${capitalise(envs.to)} serves last night's promotion from ${envs.from}. Nothing left to do until the next nightly window.`,
      }),
    ],
  };
}
