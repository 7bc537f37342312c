import type { StepDefinition, StepKind, StepType } from './playbook.js';

/** The environments a playbook moves between, as its step texts name them. */
export interface StepEnvironments {
  readonly from: string;
  readonly to: string;
}

interface StepTemplate {
  readonly kind: StepKind;
  readonly who: string;
  readonly title: (e: StepEnvironments) => string;
  readonly description: (e: StepEnvironments) => string;
}

/** The step types a playbook is made of, except `manual` (which has no behaviour, so no default words). */
export type BuiltInStepType = Exclude<StepType, 'manual'>;

/**
 * Every built-in step's kind and default words, worded for the environments it runs between. The built-in
 * playbooks and a team's own playbook file take their steps from here, so a step reads the same everywhere.
 */
export const STEP_CATALOGUE: Readonly<Record<BuiltInStepType, StepTemplate>> = {
  'review-changes': {
    kind: 'manual',
    who: 'primary',
    title: () => 'Review what changes',
    description: ({ from, to }) =>
      `Read what ${to} is about to receive: the commits ${from} has that ${to} lacks, and whether the PPC revision ` +
      '(Gopkg.lock) or the SDK version (.travis.yml) moves. The environments pane shows both. Press Enter once you have read them.',
  },
  'choose-candidate': {
    kind: 'choose',
    who: 'primary',
    title: () => 'Choose the release candidate',
    description: ({ from }) =>
      `Pick the ${from} commit to promote. The latest commit whose CI passed is preselected; it is often not ${from}'s head, ` +
      'because the newest nightly merge may still be red. A commit whose CI is red or unfinished can only be chosen with an explicit override.',
  },
  'open-promotion-pr': {
    kind: 'action',
    who: 'cockpit',
    title: () => 'Open the promotion pull request',
    description: ({ from, to }) =>
      `After you confirm, the cockpit opens a pull request ${from} -> ${to} for the candidate. When the candidate is not ${from}'s ` +
      'head it first creates a branch release/<date>-<short sha> at the candidate, so that nothing newer rides along. An open pull request ' +
      'with the same head and base is reused, never duplicated.',
  },
  'find-nightly-pr': {
    kind: 'gate',
    who: 'cockpit',
    title: () => "Find last night's pull request",
    description: ({ from, to }) =>
      `The nightly job opens a pull request ${from} -> ${to} at the nightly window. This step finds the newest one opened since ` +
      'the last window; if there is none, the nightly promotion did not run and the release stops here until you skip the step with a reason.',
  },
  'find-hotfix-pr': {
    kind: 'gate',
    who: 'primary',
    title: () => 'Find the hotfix pull request',
    description: ({ from, to }) =>
      `Open the fix as a pull request into ${to} from its own branch (not ${from}, not a release/ branch). This step finds the newest ` +
      'such pull request that is open; the steps after it act on that one, and name it before they do anything.',
  },
  'await-approval': {
    kind: 'gate',
    who: 'manager',
    title: () => "Get a manager's approval",
    description: ({ to }) =>
      `A change that reaches ${to} outside the weekly window needs an approving review on GitHub by one of the approvers in ` +
      'hotfix.approvers. Only an approval of the pull request head counts: a push after it needs a new one, and the merge refuses ' +
      'without it. The journal records who approved.',
  },
  'wait-pr-ci': {
    kind: 'gate',
    who: 'CI',
    title: () => "Wait for the pull request's CI",
    description: () =>
      "Travis runs the pull request's jobs. This step completes on its own when every required job has passed; if one fails the " +
      'release stops here: l shows the failed job\'s log, r restarts it on Travis, or s skips the step with a reason.',
  },
  'merge-promotion-pr': {
    kind: 'action',
    who: 'cockpit',
    title: () => 'Merge the promotion pull request',
    description: () =>
      'After you confirm, the cockpit merges the pull request, telling GitHub the exact head it checked: if someone pushed to it since, ' +
      'GitHub refuses and nothing unreviewed is merged. A pull request that is already merged is recognised, and the step completes by itself.',
  },
  'wait-deploy': {
    kind: 'gate',
    who: 'CI',
    title: ({ to }) => `Wait for the ${to} deploy`,
    description: ({ to }) => `The merge starts a push build on the ${to} branch; its deploy job ships the service. This step completes when that build passes.`,
  },
  'verify-environment': {
    kind: 'gate',
    who: 'cockpit',
    title: ({ to }) => `Verify ${to}`,
    description: ({ to }) =>
      `${capitalise(to)}'s site must report the merged version and answer its health check. Deploys take a moment to switch over, so this ` +
      'step waits until both hold.',
  },
  'update-ppcs': {
    kind: 'action',
    who: 'cockpit',
    title: () => 'Update the customer PPCs',
    description: () =>
      "After you confirm, the cockpit updates each customer's private cloud to the new PPC revision wave by wave (a canary first), " +
      'several customers per Travis request (Travis accepts about ten API-triggered builds an hour). A customer counts as done once its own version endpoint reports the new revision. If one ' +
      'fails the rollout pauses: press r on it to retry it. The step completes when every PPC is done or skipped.',
  },
  'wait-ppcs': {
    kind: 'gate',
    who: 'CI',
    title: () => 'Wait for the customer PPCs',
    description: () => 'The customer PPCs update themselves (the cockpit triggers nothing). This step completes when every PPC reports the released revision.',
  },
  'release-complete': {
    kind: 'gate',
    who: 'cockpit',
    title: () => 'Release complete',
    description: ({ to }) => `Every step before this one is done or skipped: ${to} serves the release. Nothing left to do.`,
  },
};

export const BUILT_IN_STEP_TYPES = Object.keys(STEP_CATALOGUE) as readonly BuiltInStepType[];

/** Words a playbook may put in place of the catalogue's. */
export type StepWords = Partial<Pick<StepDefinition, 'id' | 'title' | 'who' | 'description'>>;

/** A built-in step with its default words for `envs`; the id defaults to the type. */
export function builtInStep(type: BuiltInStepType, envs: StepEnvironments, words: StepWords = {}): StepDefinition {
  const template = STEP_CATALOGUE[type];
  return {
    id: words.id ?? type,
    type,
    kind: template.kind,
    title: words.title ?? template.title(envs),
    who: words.who ?? template.who,
    description: words.description ?? template.description(envs),
  };
}

export function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}
