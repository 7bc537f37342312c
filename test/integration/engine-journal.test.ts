// The promotion's writes go through the journal: the intent before the request, the outcome before the store
// shows it. Against the demo world over real HTTP.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { WEEKLY_PLAYBOOK } from '../../src/domain/weekly-playbook.js';
import { createEngine, type Engine } from '../../src/engine/engine.js';
import type { JournalPort } from '../../src/engine/ports.js';
import type { EngineRecord } from '../../src/journal/events.js';
import { createServices, type Services } from '../../src/services/index.js';
import { startSim, type AcmeFacts, type SimHandle } from '../../src/sim/index.js';
import { createCockpitStore, type CockpitStoreApi } from '../../src/store/create-cockpit-store.js';
import { injectFault } from '../helpers/sim.js';

interface World {
  readonly sim: SimHandle;
  readonly facts: AcmeFacts;
  readonly services: Services;
  readonly store: CockpitStoreApi;
  readonly engine: Engine;
  /** Each record with what the store showed as the PR at that moment. */
  readonly written: { readonly record: EngineRecord; readonly pullShown: number | undefined }[];
}

const open: World[] = [];
afterEach(async () => {
  for (const w of open.splice(0)) {
    w.engine.stop();
    await w.sim.close();
  }
});

async function world(): Promise<World> {
  const sim = await startSim({ speed: 100, seed: 2 });
  const services = createServices(sim.config, {});
  const store = createCockpitStore({ playbook: WEEKLY_PLAYBOOK, now: Date.now(), meta: { timezone: 'UTC' } });
  const written: World['written'] = [];
  let n = 0;
  const journal: JournalPort = {
    record(record) {
      written.push({ record, pullShown: store.getState().promotion.pull?.number });
      return record.type === 'intent' ? `i${++n}` : record.id;
    },
  };
  const engine = createEngine({ store, services, config: sim.config, now: Date.now, notify: () => undefined, journal, watchMs: 30, rateLimitWaitMs: 100 });
  const w = { sim, facts: sim.world.facts as unknown as AcmeFacts, services, store, engine, written };
  open.push(w);
  return w;
}

function jumpTo(store: CockpitStoreApi, stepId: string, candidate: string): void {
  const steps = store.getState().checklist.steps;
  const index = steps.findIndex((s) => s.id === stepId);
  store.getState().stepsAdvanced(steps.map((s, i) => (i < index ? { id: s.id, status: 'done' } : i === index ? { id: s.id, status: 'active' } : { id: s.id, status: 'pending' })));
  store.getState().promotionRead({ candidateSha: candidate });
}

const posts = (sim: SimHandle, route: string) => sim.stats().requests[route] ?? 0;

describe('the promotion in the journal', () => {
  it('writes the branch and PR intents before their requests leave, and the PR number before the store shows the PR', async () => {
    const w = await world();
    jumpTo(w.store, 'open-promotion-pr', w.facts.stagingGreen);
    await injectFault(w.sim.url, { target: 'github', kind: 'slow', method: 'POST', path: '/repos/acme/service/pulls', delayMs: 1_000, count: 1 });
    const done = w.engine.perform({ type: 'open-pr', sha: w.facts.stagingGreen });
    // While GitHub holds the request, the journal already says what was asked, and nothing about its answer.
    // (GitHub's client spaces writes a second apart, so the PR request leaves a moment after the branch's.)
    await vi.waitFor(() => expect(posts(w.sim, 'POST /github/repos/:owner/:repo/pulls')).toBe(1), { timeout: 5_000 });
    expect(w.written.map((x) => x.record.type === 'intent' ? x.record.action : `outcome ${x.record.id}`)).toEqual(['create-branch', 'outcome i1', 'open-pr']);
    await done;
    const number = w.store.getState().promotion.pull?.number;
    const last = w.written.at(-1);
    expect(last?.record).toEqual({ type: 'outcome', id: 'i2', ok: true, number, url: expect.stringContaining(`/pull/${number}`) });
    expect(last?.pullShown).toBeUndefined();
  });

  it('reuses the open PR and an existing release branch at the same sha without opening anything', async () => {
    const w = await world();
    jumpTo(w.store, 'open-promotion-pr', w.facts.stagingGreen);
    await w.engine.perform({ type: 'open-pr', sha: w.facts.stagingGreen });
    const intents = w.written.length;
    jumpTo(w.store, 'open-promotion-pr', w.facts.stagingGreen);
    await w.engine.perform({ type: 'open-pr', sha: w.facts.stagingGreen });
    expect(w.store.getState().checklist.steps.find((s) => s.id === 'open-promotion-pr')?.outcome).toMatch(/was already open/);
    // The branch is asked for again (and found at the same sha); no second PR is asked for.
    expect(w.written.slice(intents).map((x) => (x.record.type === 'intent' ? x.record.action : x.record.ok && 'note' in x.record ? x.record.note : ''))).toEqual(['create-branch', 'exists']);
    expect(w.sim.stats().prsCreated).toBe(1);
    expect(w.sim.stats().refsCreated).toBe(1);
  });

  it('writes the merge intent, then the merge sha; an already merged PR asks for nothing', async () => {
    const w = await world();
    jumpTo(w.store, 'open-promotion-pr', w.facts.stagingGreen);
    await w.engine.perform({ type: 'open-pr', sha: w.facts.stagingGreen });
    const number = w.store.getState().promotion.pull?.number ?? 0;
    await vi.waitFor(async () => expect((await w.services.github.getPull(number)).mergeable).toBe(true), { timeout: 10_000 });
    jumpTo(w.store, 'merge-promotion-pr', w.facts.stagingGreen);
    const before = w.written.length;
    await w.engine.perform({ type: 'merge-pr', number, sha: w.facts.stagingGreen });
    const mergeSha = w.store.getState().promotion.mergeSha;
    expect(w.written.slice(before).map((x) => x.record)).toEqual([
      // The demo world's repository allows merge commits first: that is the method sent and written down.
      { type: 'intent', action: 'merge-pr', number, sha: w.facts.stagingGreen, method: 'merge' },
      { type: 'outcome', id: expect.any(String), ok: true, number, sha: mergeSha },
    ]);
    jumpTo(w.store, 'merge-promotion-pr', w.facts.stagingGreen);
    await w.engine.perform({ type: 'merge-pr', number, sha: w.facts.stagingGreen });
    expect(w.written.length).toBe(before + 2);
    expect(w.sim.stats().merges).toBe(1);
  });
});
