import { deployCondition } from '../ci-gates.js';
import { waiting } from '../condition.js';
import { chooseCondition, completeCondition, ppcCondition, reviewCondition, verifyCondition } from '../release-gates.js';
import { CONFIRM_ACTION, UPDATE_PPCS_ACTION } from './actions.js';
import type { StepBehaviour } from './behaviour.js';
import type { StepType } from './step-type.js';

type ReleaseStepType = Exclude<StepType, 'open-promotion-pr' | 'find-nightly-pr' | 'find-hotfix-pr' | 'await-approval' | 'wait-pr-ci' | 'merge-promotion-pr' | 'wait-until'>;

export function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

const ppcNeed = { any: ['merge-promotion-pr'], why: 'the merge before it (merge-promotion-pr): the new PPC revision is the one pinned at the merged release' } as const;

/** The steps around the pull request: what to promote, the deploy, the site, the customers, the end. */
export const RELEASE_STEPS: { readonly [T in ReleaseStepType]: StepBehaviour } = {
  'review-changes': {
    kind: 'manual',
    who: 'primary',
    title: () => 'Review what changes',
    description: ({ from, to }) =>
      `Read what ${to} is about to receive: the commits ${from} has that ${to} lacks, and whether the PPC revision ` +
      '(Gopkg.lock) or the SDK version (.travis.yml) moves. The environments pane shows both. Press Enter once you have read them.',
    waitsOn: [],
    pane: () => 'environments',
    condition: (_s, view) => reviewCondition(view),
    action: CONFIRM_ACTION,
  },
  'choose-candidate': {
    kind: 'choose',
    who: 'primary',
    title: () => 'Choose the release candidate',
    description: ({ from }) =>
      `Pick the ${from} commit to promote. The latest commit whose CI passed is preselected; it is often not ${from}'s head, ` +
      'because the newest nightly merge may still be red. A commit whose CI is red or unfinished can only be chosen with an explicit override.',
    waitsOn: [],
    pane: () => 'environments',
    condition: (_s, view) => chooseCondition(view),
  },
  'wait-deploy': {
    kind: 'gate',
    who: 'CI',
    title: ({ to }) => `Wait for the ${to} deploy`,
    description: ({ to }) => `The merge starts a push build on the ${to} branch; its deploy job ships the service. This step completes when that build passes.`,
    needs: { any: ['merge-promotion-pr'], why: "the merge before it (merge-promotion-pr): the deploy is the merge's push build" },
    // After the merge the PR is closed and no build is active yet (Travis creates the push build a moment later).
    waitsOn: ['promotion'],
    pane: () => 'ci',
    condition: (_s, view) => deployCondition(view),
    build: 'deploy',
  },
  'verify-environment': {
    kind: 'gate',
    who: 'cockpit',
    title: ({ to }) => `Verify ${to}`,
    description: ({ to }) =>
      `${capitalise(to)}'s site must report the merged version and answer its health check. Deploys take a moment to switch over, so this ` +
      'step waits until both hold.',
    needs: { any: ['merge-promotion-pr'], why: 'the merge before it (merge-promotion-pr): it checks the site serves the merged version' },
    waitsOn: ['environments', 'promotion'],
    pane: () => 'environments',
    condition: (_s, view) => verifyCondition(view),
  },
  'update-ppcs': {
    kind: 'action',
    who: 'cockpit',
    title: () => 'Update the customer PPCs',
    description: () =>
      "After you confirm, the cockpit updates each customer's private cloud to the new PPC revision wave by wave (a canary first), " +
      'several customers per Travis request (Travis accepts about ten API-triggered builds an hour). A customer counts as done once its own version endpoint reports the new revision. If one ' +
      'fails the rollout pauses: press r on it to retry it. The step completes when every PPC is done or skipped.',
    needs: ppcNeed,
    isRollout: true,
    waitsOn: [],
    pane: () => 'rollout',
    condition: (_s, view) => ppcCondition(view),
    isLiveAction: true,
    action: UPDATE_PPCS_ACTION,
  },
  'wait-ppcs': {
    kind: 'gate',
    who: 'CI',
    title: () => 'Wait for the customer PPCs',
    description: () => 'The customer PPCs update themselves (the cockpit triggers nothing). This step completes when every PPC reports the released revision.',
    needs: ppcNeed,
    isRollout: true,
    waitsOn: ['fleet'],
    pane: () => 'rollout',
    condition: (_s, view) => ppcCondition(view),
  },
  'release-complete': {
    kind: 'gate',
    who: 'cockpit',
    title: () => 'Release complete',
    description: ({ to }) => `Every step before this one is done or skipped: ${to} serves the release. Nothing left to do.`,
    waitsOn: [],
    // The last step is about the rollout only in a playbook that has one.
    pane: ({ hasRollout }) => (hasRollout ? 'rollout' : 'environments'),
    condition: (step, view) => completeCondition(step, view),
  },
  manual: {
    kind: 'manual',
    // A manual step's words are the playbook file's own; these stand in only where a file gave none.
    who: 'primary',
    title: () => 'Manual step',
    description: () => 'Press Enter once it is done.',
    mayRepeat: true,
    waitsOn: [],
    pane: () => 'environments',
    condition: () => waiting('waiting for you to confirm it is done'),
    action: CONFIRM_ACTION,
  },
};
