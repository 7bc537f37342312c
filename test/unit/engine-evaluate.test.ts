import { describe, expect, it } from 'vitest';
import { createEngine } from '../../src/engine/engine.js';
import type { EnginePorts, NotifyKind } from '../../src/engine/ports.js';
import { build, CANDIDATE, environment, freshStore, job, jumpTo, MERGE, pull, statusOf, prCi } from './checklist-builders.js';

// The engine's reaction to what the pollers write, without any service call: any call would be a bug here.
const NO_SERVICES = new Proxy({} as EnginePorts, {
  get: () => new Proxy({}, { get: (_t, name) => () => Promise.reject(new Error(`unexpected call ${String(name)}`)) }),
});

function setup() {
  const store = freshStore();
  const notes: { kind: NotifyKind; text: string }[] = [];
  const engine = createEngine({
    store,
    services: NO_SERVICES,
    config: { environments: [], ppcs: undefined },
    now: () => 7_000_000,
    notify: (kind, text) => notes.push({ kind, text }),
  });
  return { store, engine, notes };
}

describe('engine.evaluate', () => {
  it('passes a gate as soon as the pollers write what it waits for, and rings once', () => {
    const { store, engine, notes } = setup();
    jumpTo(store, 'wait-pr-ci');
    const stop = engine.start();
    store.getState().promotionRead({ pull: pull(), ...prCi(build('1234', [job('1234.1', 'started')])) });
    expect(statusOf(store, 'wait-pr-ci')).toBe('active');
    expect(notes).toEqual([]);
    store.getState().promotionRead({ ...prCi(build('1234', [job('1234.1', 'passed')])) });
    expect(statusOf(store, 'wait-pr-ci')).toBe('done');
    expect(statusOf(store, 'merge-promotion-pr')).toBe('active');
    expect(store.getState().checklist.cursor).toBe(4);
    expect(notes).toEqual([{ kind: 'success', text: "Wait for the pull request's CI: CI green: 1 of 1 jobs passed" }]);
    stop();
  });

  it('announces a red build as a failure and stays at the gate', () => {
    const { store, engine, notes } = setup();
    jumpTo(store, 'wait-pr-ci');
    engine.start();
    store.getState().promotionRead({ pull: pull(), ...prCi(build('1234', [job('1234.1', 'failed')])) });
    expect(statusOf(store, 'wait-pr-ci')).toBe('failed');
    expect(notes).toEqual([{ kind: 'failure', text: "Wait for the pull request's CI failed: job 1234.1 job 1234.1 failed" }]);
    // Further polls with the same result ring no more bells.
    store.getState().promotionRead({ ...prCi(build('1234', [job('1234.1', 'failed')])) });
    expect(notes).toHaveLength(1);
    engine.stop();
  });

  it('ends the deploy and the verification in one update with one bell', () => {
    const { store, engine, notes } = setup();
    jumpTo(store, 'wait-deploy');
    store.getState().environmentsRead({ status: 'ready', data: [environment('production', MERGE)], at: 0 });
    engine.start();
    // Distinct step arrays written (a nested update reaches a listener twice with the same array).
    const written = new Set<unknown>();
    const unsubscribe = store.subscribe((s, prev) => {
      if (s.checklist.steps !== prev.checklist.steps) written.add(s.checklist.steps);
    });
    store.getState().promotionRead({ candidateSha: CANDIDATE, mergeSha: MERGE, deployBuild: build('1240', [job('1240.1', 'passed')], { sha: MERGE, event: 'push' }) });
    expect(written.size).toBe(1);
    expect(statusOf(store, 'update-ppcs')).toBe('active');
    expect(notes).toEqual([{ kind: 'success', text: 'Wait for the production deploy: deployed: 1 of 1 jobs passed; Verify production: production serves 5e6f7a8 (healthy)' }]);
    unsubscribe();
    engine.stop();
  });

  it('does not take the test merge GitHub reports before the merge for the merge', () => {
    const { store, engine } = setup();
    jumpTo(store, 'wait-deploy');
    engine.start();
    store.getState().promotionRead({ pull: pull({ mergeCommitSha: MERGE }), mergeSha: MERGE, deployBuild: build('1240', [job('1240.1', 'passed')], { sha: MERGE, event: 'push' }) });
    expect(statusOf(store, 'wait-deploy')).toBe('active');
    engine.stop();
  });
});
