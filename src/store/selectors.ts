import type { Job } from '../domain/ci.js';
import { currentIndex } from '../domain/checklist.js';
import { gateCondition } from '../domain/gates.js';
import type { PromotionView, ReleaseView } from '../domain/release-view.js';
import { mergedSha } from '../domain/sha.js';
import type { GateCondition, StepDefinition, StepProgress } from '../domain/playbook.js';
import type { CustomerPpc, PpcCounts } from '../domain/ppc.js';
import type { CockpitState, PromotionState } from './state.js';

// Every selector returns a primitive or a reference that stays the same while its inputs do (zustand 5 compares
// with Object.is; a fresh object per call re-renders forever).

export type Selector<T> = (state: CockpitState) => T;

const promotionViews = new WeakMap<PromotionState, PromotionView>();
const releaseViews = new WeakMap<CockpitState, ReleaseView>();

/** The promotion as the gates read it: the merged commit derived once, GitHub's test merge never in sight. */
function promotionView(promotion: PromotionState): PromotionView {
  let view = promotionViews.get(promotion);
  if (!view) {
    const { mergeSha: _mergeSha, usualJobMs: _usual, ...facts } = promotion;
    view = { ...facts, mergedSha: mergedSha(promotion) };
    promotionViews.set(promotion, view);
  }
  return view;
}

/** What the domain's gates and checklist read of the store (the same object for the same state). */
export function selectReleaseView(state: CockpitState): ReleaseView {
  let view = releaseViews.get(state);
  if (!view) {
    const { now, meta, environments, diffs, candidates, rollout, checklist } = state;
    view = { now, meta, environments, diffs, candidates, rollout, checklist, promotion: promotionView(state.promotion) };
    releaseViews.set(state, view);
  }
  return view;
}

/** One checklist row: what the step is, where it stands, and its live condition. */
export interface StepView {
  readonly index: number;
  readonly definition: StepDefinition;
  readonly progress: StepProgress;
  readonly condition: GateCondition;
  /** The step the release is at (the first not done or skipped). */
  readonly isCurrent: boolean;
}

/** The index of the step the release is at; -1 once every step is done or skipped. */
export function selectActiveIndex(state: CockpitState): number {
  return currentIndex(state.checklist.steps);
}

// Keyed by index; a cached view is reused only when every part of it is unchanged, so two stores never mix.
const stepViews = new Map<number, StepView>();
const stepSelectors = new Map<number, Selector<StepView | undefined>>();

function stepView(state: CockpitState, index: number): StepView | undefined {
  const progress = state.checklist.steps[index];
  const definition = progress && state.checklist.playbook.steps.find((d) => d.id === progress.id);
  if (!progress || !definition) return undefined;
  const condition = gateCondition(definition, selectReleaseView(state));
  const isCurrent = index === currentIndex(state.checklist.steps);
  const cached = stepViews.get(index);
  if (
    cached &&
    cached.definition === definition &&
    cached.progress === progress &&
    cached.isCurrent === isCurrent &&
    cached.condition.text === condition.text &&
    cached.condition.isMet === condition.isMet &&
    cached.condition.isFailed === condition.isFailed
  ) {
    return cached;
  }
  const view: StepView = { index, definition, progress, condition, isCurrent };
  stepViews.set(index, view);
  return view;
}

/** A selector for the step at `index` (the same function for the same index). */
export function selectStepView(index: number): Selector<StepView | undefined> {
  let selector = stepSelectors.get(index);
  if (!selector) {
    selector = (state) => stepView(state, index);
    stepSelectors.set(index, selector);
  }
  return selector;
}

/** The step the release is at, or undefined once it is complete. */
export function selectActiveStep(state: CockpitState): StepView | undefined {
  return stepView(state, currentIndex(state.checklist.steps));
}

/** The step under the user's cursor (it may differ from the active one). */
export function selectSelectedStep(state: CockpitState): StepView | undefined {
  return stepView(state, state.checklist.cursor);
}

/** What the cockpit is in the middle of doing, in words, or undefined when quitting now loses nothing. */
export function selectInFlight(state: CockpitState): string | undefined {
  const running = state.checklist.steps.find((s) => s.status === 'running');
  const { updating, queued, verifying } = state.rollout.counts;
  const ppcs = updating + queued + verifying;
  if (ppcs > 0) return `${ppcs} PPC update${ppcs === 1 ? '' : 's'} in progress`;
  if (running) {
    const title = state.checklist.playbook.steps.find((d) => d.id === running.id)?.title ?? running.id;
    return `"${title}" is running`;
  }
  return undefined;
}

/** The rollout's counts by state (kept in step with the fleet by the store). */
export function selectCounts(state: CockpitState): PpcCounts {
  return state.rollout.counts;
}

const windows = new WeakMap<readonly CustomerPpc[], Map<string, readonly CustomerPpc[]>>();
const windowSelectors = new Map<string, Selector<readonly CustomerPpc[]>>();

/** The PPCs the rollout pane shows: `size` rows from `offset`; the same array until the fleet or the window changes. */
export function selectRolloutWindow(offset: number, size: number): Selector<readonly CustomerPpc[]> {
  const key = `${offset}:${size}`;
  let selector = windowSelectors.get(key);
  if (!selector) {
    selector = (state) => {
      const { ppcs } = state.rollout;
      let byWindow = windows.get(ppcs);
      if (!byWindow) {
        byWindow = new Map();
        windows.set(ppcs, byWindow);
      }
      let slice = byWindow.get(key);
      if (!slice) {
        slice = ppcs.slice(Math.max(0, offset), Math.max(0, offset) + Math.max(0, size));
        byWindow.set(key, slice);
      }
      return slice;
    };
    windowSelectors.set(key, selector);
  }
  return selector;
}

/** The PPC under the rollout cursor. */
export function selectSelectedPpc(state: CockpitState): CustomerPpc | undefined {
  return state.rollout.ppcs[state.ui.rolloutCursor];
}

/** A row of the CI pane: the promotion PR's build jobs first, then the deploy build's. */
export interface CiJobRow {
  readonly build: 'pr' | 'deploy';
  readonly buildNumber: string;
  readonly job: Job;
}

let ciRowsCache: { pr: CockpitState['promotion']['prBuild']; deploy: CockpitState['promotion']['deployBuild']; rows: readonly CiJobRow[] } | undefined;

/** The CI pane's rows in display order; `ui.ciCursor` indexes into it. */
export function selectCiJobs(state: CockpitState): readonly CiJobRow[] {
  const { prBuild, deployBuild } = state.promotion;
  if (ciRowsCache && ciRowsCache.pr === prBuild && ciRowsCache.deploy === deployBuild) return ciRowsCache.rows;
  const rows: CiJobRow[] = [
    ...(prBuild?.jobs ?? []).map((job) => ({ build: 'pr' as const, buildNumber: prBuild?.number ?? '', job })),
    ...(deployBuild?.jobs ?? []).map((job) => ({ build: 'deploy' as const, buildNumber: deployBuild?.number ?? '', job })),
  ];
  ciRowsCache = { pr: prBuild, deploy: deployBuild, rows };
  return rows;
}

/** The job under the CI cursor. */
export function selectSelectedJob(state: CockpitState): CiJobRow | undefined {
  const rows = selectCiJobs(state);
  return rows[Math.min(state.ui.ciCursor, rows.length - 1)];
}
