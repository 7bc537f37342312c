import type { EnvironmentDiff, EnvironmentStatus } from '../domain/environment.js';
import type { StepProgress } from '../domain/playbook.js';
import type { CustomerPpc } from '../domain/ppc.js';
import type { RateQuota, SourceHealth } from '../domain/source.js';
import type { CandidateRow, Dialog, Loadable, LogTail, MetaState, PaneId, PromotionState, UiState } from './state.js';

/** Everything that changes the store. Pollers call the data setters once per completed poll. */
export interface CockpitActions {
  tick(now: number): void;
  setMeta(meta: Partial<MetaState>): void;
  setSource(health: SourceHealth): void;
  setQuota(quota: RateQuota | undefined): void;
  setEnvironments(environments: Loadable<readonly EnvironmentStatus[]>, diffs?: readonly EnvironmentDiff[]): void;
  setCandidates(candidates: Loadable<readonly CandidateRow[]>): void;
  setPromotion(patch: Partial<PromotionState>): void;
  setLog(log: LogTail | null): void;
  setRolloutTarget(target: string | undefined): void;
  /** Replaces the whole fleet (config order). */
  setPpcs(ppcs: readonly CustomerPpc[]): void;
  /** Updates some PPCs by id in one store update. */
  patchPpcs(patches: ReadonlyArray<{ readonly id: string } & Partial<Omit<CustomerPpc, 'id'>>>): void;
  updateStep(id: string, patch: Partial<Omit<StepProgress, 'id'>>): void;
  /**
   * Several step changes as one store update (a gate met -> done, the next becomes active); `cursor`, when
   * given, moves the selection in the same update (it follows the release when it was on the current step).
   */
  setSteps(steps: readonly StepProgress[], cursor?: number): void;
  moveCursor(delta: number): void;
  setCursor(index: number): void;
  focusPane(pane: PaneId): void;
  cycleFocus(delta: 1 | -1): void;
  openDialog(dialog: Dialog): void;
  closeDialog(): void;
  setNotice(notice: UiState['notice']): void;
  moveCiCursor(delta: number): void;
  moveRolloutCursor(delta: number): void;
}
