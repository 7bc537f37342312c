import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Playbook } from '../domain/playbook.js';
import { countPpcs } from '../domain/ppc.js';
import type { SourceName } from '../domain/source.js';
import type { CockpitActions } from './actions.js';
import type { CockpitEvent, EventListener, StepsEventType } from './events.js';
import { clamp, reduce } from './reduce.js';
import { PANES, type CockpitState, type MetaState } from './state.js';

export type CockpitStore = CockpitState & CockpitActions;
export type CockpitStoreApi = StoreApi<CockpitStore>;

export interface CreateStoreOptions {
  readonly playbook: Playbook;
  readonly meta?: Partial<MetaState>;
  readonly now?: number;
}

const SOURCES: readonly SourceName[] = ['github', 'travis', 'sites', 'ppcs'];

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

const STEP_EVENTS: readonly StepsEventType[] = ['stepsAdvanced', 'stepStarted', 'stepCompleted', 'stepFailed', 'stepReopened', 'stepSkipped', 'stepConfirmed'];

/**
 * One store per cockpit (and per test): built from the initial state plus its actions. Every data action is an
 * event: reduced to one update, handed to the event listeners (the journal) before the update is applied, so
 * the journal line is on disk before any subscriber hears of the change. Work that reacts to changes (the
 * engine) is scheduled: it runs once the write and all its subscribers are done, never inside a listener, so
 * no reaction depends on the order the subscribers subscribed in.
 */
export function createCockpitStore(options: CreateStoreOptions): CockpitStoreApi {
  const listeners = new Set<EventListener>();
  const reactions = new Set<() => void>();
  const queue = new Set<() => void>();
  let writing = 0;
  let draining = false;

  function drain(): void {
    if (draining || writing > 0) return;
    draining = true;
    try {
      for (let work = first(queue); work; work = first(queue)) {
        queue.delete(work);
        work();
      }
    } finally {
      draining = false;
    }
  }

  const api = createStore<CockpitStore>()((set, get) => {
    function write(update: Partial<CockpitStore> | ((s: CockpitStore) => Partial<CockpitStore>)): void {
      writing += 1;
      try {
        set(update);
      } finally {
        writing -= 1;
      }
      for (const reaction of reactions) queue.add(reaction);
      drain();
    }

    function dispatch(event: CockpitEvent): void {
      const previous = get();
      const change = reduce(previous, event);
      if (!change) return;
      if (listeners.size > 0) {
        const next = { ...previous, ...change };
        for (const listener of listeners) listener(event, next, previous);
      }
      write(change);
    }

    const steps = Object.fromEntries(
      STEP_EVENTS.map((type) => [type, (next: CockpitState['checklist']['steps'], cursor?: number) => dispatch({ type, steps: next, ...(cursor === undefined ? {} : { cursor }) })]),
    ) as Pick<CockpitActions, (typeof STEP_EVENTS)[number]>;

    return {
      ...initialState(options),
      clockTicked: (now, windows) => dispatch({ type: 'clockTicked', now, ...(windows ? { windows } : {}) }),
      historyRead: (usualStepMs) => dispatch({ type: 'historyRead', usualStepMs }),
      drivingLost: () => dispatch({ type: 'drivingLost' }),
      sourceHealthChanged: (poll) => dispatch({ type: 'sourceHealthChanged', poll }),
      environmentsRead: (environments, diffs, poll) => dispatch({ type: 'environmentsRead', environments, ...(diffs ? { diffs } : {}), ...(poll ? { poll } : {}) }),
      candidatesRead: (candidates, poll) => dispatch({ type: 'candidatesRead', candidates, ...(poll ? { poll } : {}) }),
      promotionRead: (promotion, poll) => dispatch({ type: 'promotionRead', promotion, ...(poll ? { poll } : {}) }),
      candidateChosen: (sha) => dispatch({ type: 'candidateChosen', sha }),
      pullOpened: (sha, pull) => dispatch({ type: 'pullOpened', sha, pull }),
      prMerged: (pull, mergeSha) => dispatch({ type: 'prMerged', pull, mergeSha }),
      headMoved: (pull) => dispatch({ type: 'headMoved', pull }),
      logOpened: (jobId) => dispatch({ type: 'logOpened', jobId }),
      logRead: (log) => dispatch({ type: 'logRead', log }),
      logDiscarded: () => dispatch({ type: 'logDiscarded' }),
      rolloutStarted: (target) => dispatch({ type: 'rolloutStarted', target }),
      fleetRead: (ppcs, poll) => dispatch({ type: 'fleetRead', ppcs, ...(poll ? { poll } : {}) }),
      ppcsUpdated: (patches) => dispatch({ type: 'ppcsUpdated', patches }),
      ppcSkipped: (id, reason) => dispatch({ type: 'ppcSkipped', id, reason }),
      ...steps,
      releaseRestored: (restored) => dispatch({ type: 'releaseRestored', ...restored }),
      replicaChecked: (watch) => dispatch({ type: 'replicaChecked', watch }),
      primaryHeard: (update) => dispatch({ type: 'primaryHeard', update }),

      moveCursor: (delta) => write((s) => ({ checklist: { ...s.checklist, cursor: clamp(s.checklist.cursor + delta, 0, s.checklist.steps.length - 1) } })),
      cycleFocus: (delta) =>
        write((s) => {
          const index = PANES.indexOf(s.ui.focus);
          const focus = PANES[(index + delta + PANES.length) % PANES.length] ?? 'checklist';
          return { ui: { ...s.ui, focus } };
        }),
      openDialog: (dialog) => write((s) => ({ ui: { ...s.ui, dialog } })),
      closeDialog: () => write((s) => ({ ui: { ...s.ui, dialog: null } })),
      setNotice: (notice) => write((s) => ({ ui: { ...s.ui, notice } })),
      moveCiCursor: (delta) => write((s) => ({ ui: { ...s.ui, ciCursor: Math.max(0, s.ui.ciCursor + delta) } })),
      moveRolloutCursor: (delta) =>
        write((s) => ({ ui: { ...s.ui, rolloutCursor: clamp(s.ui.rolloutCursor + delta, 0, Math.max(0, s.rollout.ppcs.length - 1)) } })),

      onEvent: (listener) => {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
      afterChange: (work) => {
        reactions.add(work);
        return () => {
          reactions.delete(work);
          queue.delete(work);
        };
      },
      schedule: (work) => {
        queue.add(work);
        drain();
      },
    };
  });
  // Outside the actions only a test's state builder writes: its changes are scheduled after like any other.
  const rawSet = api.setState as (update: Partial<CockpitStore> | ((s: CockpitStore) => Partial<CockpitStore>)) => void;
  api.setState = ((update: Partial<CockpitStore> | ((s: CockpitStore) => Partial<CockpitStore>)) => {
    writing += 1;
    try {
      rawSet(update);
    } finally {
      writing -= 1;
    }
    for (const reaction of reactions) queue.add(reaction);
    drain();
  }) as CockpitStoreApi['setState'];
  return api;
}

function first<T>(set: ReadonlySet<T>): T | undefined {
  for (const value of set) return value;
  return undefined;
}
