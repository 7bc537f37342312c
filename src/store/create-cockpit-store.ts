import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Playbook } from '../domain/playbook.js';
import { countPpcs } from '../domain/ppc.js';
import type { SourceName } from '../domain/source.js';
import type { CockpitActions } from './actions.js';
import { patchFleet } from './fleet-patch.js';
import { PANES, type CockpitState, type MetaState } from './state.js';

export type CockpitStore = CockpitState & CockpitActions;
export type CockpitStoreApi = StoreApi<CockpitStore>;

export interface CreateStoreOptions {
  readonly playbook: Playbook;
  readonly meta?: Partial<MetaState>;
  readonly now?: number;
}

const SOURCES: readonly SourceName[] = ['github', 'travis', 'sites', 'ppcs'];

function clamp(value: number, min: number, max: number): number {
  return Math.max(min, Math.min(max, value));
}

export function initialState(options: CreateStoreOptions): CockpitState {
  const { playbook } = options;
  return {
    meta: { mode: 'driving', releaseId: '', releaseName: playbook.name, repo: '', roles: {}, timezone: 'UTC', windows: undefined, ...options.meta },
    now: options.now ?? Date.now(),
    sources: Object.fromEntries(SOURCES.map((source) => [source, { source, state: 'unknown' }])) as CockpitState['sources'],
    quota: undefined,
    environments: { status: 'loading' },
    diffs: [],
    candidates: { status: 'loading' },
    promotion: { candidateSha: undefined, pull: null, prBuild: null, deployBuild: null, mergeSha: undefined, usualJobMs: {} },
    log: null,
    rollout: { target: undefined, ppcs: [], counts: countPpcs([]) },
    checklist: {
      playbook,
      steps: playbook.steps.map((step, index) => ({ id: step.id, status: index === 0 ? 'active' : 'pending' })),
      cursor: 0,
    },
    ui: { focus: 'checklist', dialog: null, notice: null, ciCursor: 0, rolloutCursor: 0 },
  };
}

/** One store per cockpit (and per test): built from the initial state plus its actions. */
export function createCockpitStore(options: CreateStoreOptions): CockpitStoreApi {
  return createStore<CockpitStore>()((set) => ({
    ...initialState(options),
    tick: (now) => set({ now }),
    setMeta: (meta) => set((s) => ({ meta: { ...s.meta, ...meta } })),
    setSource: (health) => set((s) => ({ sources: { ...s.sources, [health.source]: health } })),
    setQuota: (quota) => set({ quota }),
    setEnvironments: (environments, diffs) => set((s) => ({ environments, diffs: diffs ?? s.diffs })),
    setCandidates: (candidates) => set({ candidates }),
    setPromotion: (patch) => set((s) => ({ promotion: { ...s.promotion, ...patch } })),
    setLog: (log) => set({ log }),
    setRolloutTarget: (target) => set((s) => ({ rollout: { ...s.rollout, target } })),
    setPpcs: (ppcs) => set((s) => ({ rollout: { ...s.rollout, ppcs, counts: countPpcs(ppcs) } })),
    patchPpcs: (patches) =>
      set((s) => {
        if (patches.length === 0) return s;
        return { rollout: { ...s.rollout, ...patchFleet(s.rollout.ppcs, s.rollout.counts, patches) } };
      }),
    updateStep: (id, patch) =>
      set((s) => ({ checklist: { ...s.checklist, steps: s.checklist.steps.map((step) => (step.id === id ? { ...step, ...patch } : step)) } })),
    setSteps: (steps, cursor) =>
      set((s) => ({ checklist: { ...s.checklist, steps, cursor: cursor === undefined ? s.checklist.cursor : clamp(cursor, 0, steps.length - 1) } })),
    moveCursor: (delta) =>
      set((s) => ({ checklist: { ...s.checklist, cursor: clamp(s.checklist.cursor + delta, 0, s.checklist.steps.length - 1) } })),
    setCursor: (index) => set((s) => ({ checklist: { ...s.checklist, cursor: clamp(index, 0, s.checklist.steps.length - 1) } })),
    focusPane: (focus) => set((s) => ({ ui: { ...s.ui, focus } })),
    cycleFocus: (delta) =>
      set((s) => {
        const index = PANES.indexOf(s.ui.focus);
        const focus = PANES[(index + delta + PANES.length) % PANES.length] ?? 'checklist';
        return { ui: { ...s.ui, focus } };
      }),
    openDialog: (dialog) => set((s) => ({ ui: { ...s.ui, dialog } })),
    closeDialog: () => set((s) => ({ ui: { ...s.ui, dialog: null } })),
    setNotice: (notice) => set((s) => ({ ui: { ...s.ui, notice } })),
    moveCiCursor: (delta) => set((s) => ({ ui: { ...s.ui, ciCursor: Math.max(0, s.ui.ciCursor + delta) } })),
    moveRolloutCursor: (delta) =>
      set((s) => ({ ui: { ...s.ui, rolloutCursor: clamp(s.ui.rolloutCursor + delta, 0, Math.max(0, s.rollout.ppcs.length - 1)) } })),
  }));
}
