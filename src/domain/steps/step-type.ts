/** The built-in behaviours a step can have; a team's own playbook file picks from these (see STEPS). */
export type StepType =
  | 'review-changes'
  | 'choose-candidate'
  | 'open-promotion-pr'
  | 'find-nightly-pr'
  | 'find-hotfix-pr'
  | 'await-approval'
  | 'wait-pr-ci'
  | 'merge-promotion-pr'
  | 'wait-deploy'
  | 'verify-environment'
  | 'update-ppcs'
  | 'wait-ppcs'
  | 'wait-until'
  | 'release-complete'
  | 'manual';
