import { describe, expect, it } from 'vitest';
import { createEngine } from '../../src/engine/engine.js';
import type { EnginePorts } from '../../src/engine/ports.js';
import { build, freshStore, job, jumpTo, prCi, pull, statusOf } from './checklist-builders.js';

const NO_SERVICES = new Proxy({} as EnginePorts, {
  get: () => new Proxy({}, { get: (_t, name) => () => Promise.reject(new Error(`unexpected call ${String(name)}`)) }),
});

describe('work scheduled after a store change', () => {
  it('runs once the write and every subscriber are done, never inside a listener, once per round of changes', () => {
    const store = freshStore();
    const seen: string[] = [];
    let inListener = false;
    store.subscribe((s, previous) => {
      inListener = true;
      seen.push('listener');
      // A listener's own write does not run the work inside this listener.
      if (s.promotion !== previous.promotion) store.getState().setNotice({ text: 'heard', tone: 'info' });
      inListener = false;
    });
    store.getState().afterChange(() => seen.push(inListener ? 'work inside a listener' : 'work'));
    store.getState().promotionRead({ pull: pull() });
    expect(seen).toEqual(['listener', 'listener', 'work']);
  });

  it('runs again after changes the work itself made, not nested in it', () => {
    const store = freshStore();
    let depth = 0;
    let deepest = 0;
    let runs = 0;
    store.getState().afterChange(() => {
      depth += 1;
      deepest = Math.max(deepest, depth);
      runs += 1;
      if (runs < 3) store.getState().clockTicked(runs);
      depth -= 1;
    });
    store.getState().clockTicked(0);
    expect(runs).toBe(3);
    expect(deepest).toBe(1);
  });

  it('the engine evaluates after a listener that subscribed before it, whatever that listener writes', () => {
    const store = freshStore();
    jumpTo(store, 'wait-pr-ci');
    let inListener = false;
    const heardIn: boolean[] = [];
    store.subscribe((s, previous) => {
      inListener = true;
      if (s.promotion !== previous.promotion) store.getState().moveCiCursor(1);
      inListener = false;
    });
    const engine = createEngine({
      store,
      services: NO_SERVICES,
      config: { environments: [], ppcs: undefined },
      now: () => 7_000_000,
      notify: () => heardIn.push(inListener),
    });
    engine.start();
    store.getState().promotionRead({ pull: pull(), ...prCi(build('1234', [job('1234.1', 'passed')])) });
    expect(statusOf(store, 'wait-pr-ci')).toBe('done');
    expect(heardIn).toEqual([false]);
    engine.stop();
  });
});
