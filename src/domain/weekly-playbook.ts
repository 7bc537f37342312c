import type { Playbook } from './playbook.js';

/**
 * The weekly production release as data: staging -> production, then the customer PPCs.
 *
 * Waiting for the PPCs is not a separate step: "update customer PPCs" stays running until every PPC reports
 * the target revision (or was skipped), and its live condition says how far the rollout is. A separate
 * "wait for the PPCs" gate would only repeat the same line one row lower.
 */
export const WEEKLY_PLAYBOOK: Playbook = {
  name: 'Weekly production release',
  from: 'staging',
  to: 'production',
  steps: [
    {
      id: 'review-changes',
      type: 'review-changes',
      kind: 'manual',
      title: 'Review what changes',
      who: 'primary',
      description:
        'Read what production is about to receive: the commits staging has that production lacks, and whether the PPC revision ' +
        '(Gopkg.lock) or the SDK version (.travis.yml) moves. The environments pane shows both. Press Enter once you have read them.',
    },
    {
      id: 'choose-candidate',
      type: 'choose-candidate',
      kind: 'choose',
      title: 'Choose the release candidate',
      who: 'primary',
      description:
        "Pick the staging commit to promote. The latest commit whose CI passed is preselected; it is often not staging's head, " +
        'because the newest nightly merge may still be red. A commit whose CI is red or unfinished can only be chosen with an explicit override.',
    },
    {
      id: 'open-promotion-pr',
      type: 'open-promotion-pr',
      kind: 'action',
      title: 'Open the promotion pull request',
      who: 'cockpit',
      description:
        "After you confirm, the cockpit opens a pull request staging -> production for the candidate. When the candidate is not staging's " +
        'head it first creates a branch release/<date>-<short sha> at the candidate, so that nothing newer rides along. An open pull request ' +
        'with the same head and base is reused, never duplicated.',
    },
    {
      id: 'wait-pr-ci',
      type: 'wait-pr-ci',
      kind: 'gate',
      title: "Wait for the pull request's CI",
      who: 'CI',
      description:
        "Travis runs the pull request's jobs. This step completes on its own when every required job has passed; if one fails the " +
        'release stops here until the job is fixed and passes, or you skip the step with a reason. Press l on a job in the CI pane for its log.',
    },
    {
      id: 'merge-promotion-pr',
      type: 'merge-promotion-pr',
      kind: 'action',
      title: 'Merge the promotion pull request',
      who: 'cockpit',
      description:
        'After you confirm, the cockpit merges the pull request, telling GitHub the exact head it checked: if someone pushed to it since, ' +
        'GitHub refuses and nothing unreviewed reaches production. A pull request that is already merged is recognised.',
    },
    {
      id: 'wait-deploy',
      type: 'wait-deploy',
      kind: 'gate',
      title: 'Wait for the production deploy',
      who: 'CI',
      description:
        "The merge starts a push build on the production branch; its deploy job ships the service. This step completes when that build passes.",
    },
    {
      id: 'verify-environment',
      type: 'verify-environment',
      kind: 'gate',
      title: 'Verify production',
      who: 'cockpit',
      description:
        "Production's site must report the merged version and answer its health check. Deploys take a moment to switch over, so this " +
        'step waits until both hold.',
    },
    {
      id: 'update-ppcs',
      type: 'update-ppcs',
      kind: 'action',
      title: 'Update the customer PPCs',
      who: 'cockpit',
      description:
        "After you confirm, the cockpit updates each customer's private cloud to the new PPC revision wave by wave (a canary first), " +
        'several customers per Travis request (Travis accepts about ten API-triggered builds an hour). A customer counts as done once its own version endpoint reports the new revision. If one ' +
        'fails the rollout pauses: press r on it to retry it. The step completes when every PPC is done or skipped.',
    },
    {
      id: 'release-complete',
      type: 'release-complete',
      kind: 'gate',
      title: 'Release complete',
      who: 'cockpit',
      description: 'Production serves the new version and every customer PPC runs the new revision. Nothing left to do this week.',
    },
  ],
};

/** The calendar date of `now` in the team's time zone, as YYYY-MM-DD. */
export function releaseDate(now: number, timeZone = 'UTC'): string {
  try {
    // en-CA formats as YYYY-MM-DD.
    return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
  } catch {
    return new Date(now).toISOString().slice(0, 10);
  }
}

/**
 * The branch a promotion goes through when the candidate is not the head of `from`: `release/<date>-<short sha>`,
 * the date in the team's time zone. A branch at the candidate keeps anything pushed after it out of the release.
 */
export function releaseBranchName(sha: string, now: number, timeZone = 'UTC'): string {
  return `release/${releaseDate(now, timeZone)}-${sha.slice(0, 7)}`;
}
