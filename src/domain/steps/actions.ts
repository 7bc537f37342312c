import { headline } from '../commit.js';
import type { StepDefinition } from '../playbook.js';
import { targetRevision } from '../release-gates.js';
import type { ReleaseView } from '../release-view.js';
import { shortSha } from '../sha.js';
import { releaseBranchName } from '../release-branch.js';
import type { StepAction, StepActionRule } from './behaviour.js';

/** A manual step (and the review) is done when the user says so. */
export const CONFIRM_ACTION: StepActionRule = {
  proposes: ['confirm-manual'],
  propose: (definition) => ({ type: 'confirm-manual', stepId: definition.id }),
  prompt: (action, view) => {
    const id = action.type === 'confirm-manual' ? action.stepId : '';
    const title = view.checklist.playbook.steps.find((s) => s.id === id)?.title ?? id;
    return `Mark "${title}" as done?`;
  },
};

export const OPEN_PR_ACTION: StepActionRule = {
  proposes: ['open-pr'],
  propose: (_d: StepDefinition, view: ReleaseView): StepAction | string =>
    view.promotion.candidateSha ? { type: 'open-pr', sha: view.promotion.candidateSha } : 'choose a candidate first',
  prompt: (action, view) => {
    if (action.type !== 'open-pr') return '';
    const { from, to } = view.checklist.playbook;
    const rows = view.candidates.status === 'loading' ? [] : (view.candidates.data ?? []);
    const row = rows.find((r) => r.commit.sha === action.sha);
    const what = `${shortSha(action.sha)}${row ? ` "${headline(row.commit.message)}"` : ''}`;
    const via = row?.isHead ? '' : ` through a new branch ${releaseBranchName(action.sha, view.now, view.meta.timezone)}`;
    return `Open a pull request ${from} -> ${to} for ${what}${via}?`;
  },
};

export const UPDATE_PPCS_ACTION: StepActionRule = {
  proposes: ['update-ppcs'],
  propose: (_d: StepDefinition, view: ReleaseView): StepAction | string => {
    if (view.rollout.ppcs.length > 0 && !targetRevision(view)) {
      return `the new PPC revision is not known yet: waiting for ${view.checklist.playbook.to}'s lock file to be read at the release`;
    }
    return { type: 'update-ppcs' };
  },
  prompt: (_action, view) => {
    const target = targetRevision(view);
    const n = view.rollout.ppcs.length;
    return `Update ${n} customer PPC${n === 1 ? '' : 's'} to ${target ? shortSha(target) : 'the new revision'}, wave by wave (canary first), several per Travis request?`;
  },
};
