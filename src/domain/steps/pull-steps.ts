import { prCiCondition } from '../ci-gates.js';
import { approvalCondition, hotfixPrCondition, mergeCondition, nightlyPrCondition, openPrCondition } from '../pull-gates.js';
import type { StepBehaviour } from './behaviour.js';
import { OPEN_PR_ACTION } from './actions.js';
import { MERGE_ACTION } from './merge-action.js';
import type { StepType } from './step-type.js';

type PullStepType = Extract<StepType, 'open-promotion-pr' | 'find-nightly-pr' | 'find-hotfix-pr' | 'await-approval' | 'wait-pr-ci' | 'merge-promotion-pr'>;

const ci = () => 'ci' as const;

/** The steps that find, open, judge and merge the promotion's pull request. */
export const PULL_STEPS: { readonly [T in PullStepType]: StepBehaviour } = {
  'open-promotion-pr': {
    kind: 'action',
    who: 'cockpit',
    title: () => 'Open the promotion pull request',
    description: ({ from, to }) =>
      `After you confirm, the cockpit opens a pull request ${from} -> ${to} for the candidate. When the candidate is not ${from}'s ` +
      'head it first creates a branch release/<date>-<short sha> at the candidate, so that nothing newer rides along. An open pull request ' +
      'with the same head and base is reused, never duplicated.',
    needs: { any: ['choose-candidate'], why: 'a candidate chosen before it (choose-candidate)' },
    bringsPull: true,
    waitsOn: [],
    pane: ci,
    condition: (_s, view) => openPrCondition(view),
    action: OPEN_PR_ACTION,
  },
  'find-nightly-pr': {
    kind: 'gate',
    who: 'cockpit',
    title: () => "Find last night's pull request",
    description: ({ from, to }) =>
      `The nightly job opens a pull request ${from} -> ${to} at the nightly window. This step finds the newest one opened since ` +
      'the last window; if there is none, the nightly promotion did not run and the release stops here until you skip the step with a reason.',
    bringsPull: true,
    waitsOn: ['promotion'],
    pane: ci,
    condition: (_s, view) => nightlyPrCondition(view),
  },
  'find-hotfix-pr': {
    kind: 'gate',
    who: 'primary',
    title: () => 'Find the hotfix pull request',
    description: ({ from, to }) =>
      `Open the fix as a pull request into ${to} from its own branch (not ${from}, not a release/ branch). This step finds the newest ` +
      'such pull request that is open; the steps after it act on that one, and name it before they do anything.',
    bringsPull: true,
    waitsOn: ['promotion'],
    pane: ci,
    condition: (_s, view) => hotfixPrCondition(view),
  },
  'await-approval': {
    kind: 'gate',
    who: 'manager',
    title: () => "Get a manager's approval",
    description: ({ to }) =>
      `A change that reaches ${to} outside the weekly window needs an approving review on GitHub by one of the approvers in ` +
      'hotfix.approvers. Only an approval of the pull request head counts: a push after it needs a new one, and the merge refuses ' +
      'without it. The journal records who approved.',
    needs: 'pull',
    waitsOn: ['promotion'],
    pane: ci,
    condition: (_s, view) => approvalCondition(view),
    isHeadPinned: true,
  },
  'wait-pr-ci': {
    kind: 'gate',
    who: 'CI',
    title: () => "Wait for the pull request's CI",
    description: () =>
      "Travis runs the pull request's jobs. This step completes on its own when every required job has passed; if one fails the " +
      'release stops here: l shows the failed job\'s log, r restarts it on Travis, or s skips the step with a reason.',
    needs: 'pull',
    waitsOn: ['promotion'],
    pane: ci,
    condition: (_s, view) => prCiCondition(view),
    isHeadPinned: true,
    build: 'pr',
  },
  'merge-promotion-pr': {
    kind: 'action',
    who: 'cockpit',
    title: () => 'Merge the promotion pull request',
    description: () =>
      'After you confirm, the cockpit merges the pull request, telling GitHub the exact head it checked: if someone pushed to it since, ' +
      'GitHub refuses and nothing unreviewed is merged. A pull request that is already merged is recognised, and the step completes by itself.',
    needs: 'pull',
    // Its facts (method, what blocks, what the base has) are read only while it is current: read them at once.
    waitsOn: ['promotion'],
    pane: ci,
    condition: (_s, view) => mergeCondition(view),
    settlesItself: true,
    action: MERGE_ACTION,
  },
};
