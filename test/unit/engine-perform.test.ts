// The engine against the demo world over real HTTP: the real GitHub and Travis clients, the sim's server.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Config } from '../../src/config/schema.js';
import { createEngine, type Engine } from '../../src/engine/engine.js';
import type { EnginePorts, NotifyKind } from '../../src/engine/ports.js';
import { startPollers, type RunningPollers } from '../../src/pollers/start-pollers.js';
import { createServices, type Services } from '../../src/services/index.js';
import { startSim, type AcmeFacts, type SimHandle } from '../../src/sim/index.js';
import type { CockpitStoreApi } from '../../src/store/create-cockpit-store.js';
import { freshStore, jumpTo, statusOf } from './checklist-builders.js';

// The real services must satisfy the engine's ports as they are.
const fitsPorts = (services: Services): EnginePorts => services;

interface World {
  readonly sim: SimHandle;
  readonly facts: AcmeFacts;
  readonly services: Services;
  readonly store: CockpitStoreApi;
  readonly engine: Engine;
  readonly notes: { kind: NotifyKind; text: string }[];
  pollers?: RunningPollers;
}

const open: World[] = [];

/** The demo world's config, with `per_request` customers per Travis request when given. */
function configOf(sim: SimHandle, perRequest: number | undefined): Config {
  const { ppcs } = sim.config;
  if (perRequest === undefined || !ppcs) return sim.config;
  return { ...sim.config, ppcs: { ...ppcs, trigger: { ...ppcs.trigger, per_request: perRequest } } };
}

async function world(options: { readonly withPollers?: boolean; readonly perRequest?: number } = {}): Promise<World> {
  const sim = await startSim({ speed: 100 });
  const config = configOf(sim, options.perRequest);
  const services = createServices(config, {});
  const store = freshStore(Date.now());
  const notes: World['notes'] = [];
  let pollers: RunningPollers | undefined;
  const engine = createEngine({
    store,
    services: fitsPorts(services),
    config,
    now: Date.now,
    notify: (kind, text) => notes.push({ kind, text }),
    refresh: (what) => void pollers?.refresh(what),
    watchMs: 30,
    rateLimitWaitMs: 100,
  });
  if (options.withPollers) pollers = startPollers(store, services, config);
  const w: World = { sim, facts: sim.world.facts as unknown as AcmeFacts, services, store, engine, notes, ...(pollers ? { pollers } : {}) };
  open.push(w);
  return w;
}

afterEach(async () => {
  for (const w of open.splice(0)) {
    w.engine.stop();
    w.pollers?.stop();
    await w.sim.close();
  }
});

const step = (store: CockpitStoreApi, id: string) => store.getState().checklist.steps.find((s) => s.id === id);

describe('open-pr', () => {
  it('goes through a release branch at a candidate that is not the head, and reuses the open PR when asked again', async () => {
    const { facts, services, store, engine } = await world();
    expect(facts.stagingGreen).not.toBe(facts.stagingHead);
    jumpTo(store, 'open-promotion-pr');
    store.getState().promotionRead({ candidateSha: facts.stagingGreen });
    await engine.perform({ type: 'open-pr', sha: facts.stagingGreen });

    const pull = store.getState().promotion.pull;
    const branch = `release/${new Date().toISOString().slice(0, 10)}-${facts.stagingGreen.slice(0, 7)}`;
    expect(pull).toMatchObject({ headRef: branch, baseRef: 'production', headSha: facts.stagingGreen, state: 'open' });
    expect(step(store, 'open-promotion-pr')).toMatchObject({ status: 'done', outcome: `PR #${pull?.number} opened: ${branch} -> production` });
    expect(statusOf(store, 'wait-pr-ci')).toBe('active');

    jumpTo(store, 'open-promotion-pr');
    await engine.perform({ type: 'open-pr', sha: facts.stagingGreen });
    expect(step(store, 'open-promotion-pr')?.outcome).toBe(`PR #${pull?.number} was already open: ${branch} -> production`);
    expect(await services.github.listPulls({ base: 'production', state: 'open' })).toHaveLength(1);
  });

  it("opens from staging itself when the candidate is staging's head", async () => {
    const { facts, store, engine } = await world();
    jumpTo(store, 'open-promotion-pr');
    await engine.perform({ type: 'open-pr', sha: facts.stagingHead });
    expect(store.getState().promotion.pull).toMatchObject({ headRef: 'staging', headSha: facts.stagingHead });
  });
});

describe('merge-pr', () => {
  it('refuses a head that moved, merges at the checked head, and recognises the merge when asked again', async () => {
    const { facts, services, store, engine, sim } = await world();
    jumpTo(store, 'open-promotion-pr');
    await engine.perform({ type: 'open-pr', sha: facts.stagingGreen });
    const number = store.getState().promotion.pull?.number ?? 0;
    await vi.waitFor(async () => expect((await services.github.getPull(number)).mergeable).not.toBeNull());

    jumpTo(store, 'merge-promotion-pr');
    // Asked to merge a head that is not the PR's: nothing is sent, and the step waits again rather than failing.
    await engine.perform({ type: 'merge-pr', number, sha: facts.stagingHead });
    expect(step(store, 'merge-promotion-pr')).toMatchObject({ status: 'active' });
    expect(step(store, 'merge-promotion-pr')?.reason).toMatch(/^not merged: the head of PR #\d+ moved from .+ to .+/);
    expect(store.getState().ui.notice?.tone).toBe('warning');
    expect(await services.github.isMerged(number)).toBe(false);
    expect(sim.stats().requests['PUT /github/repos/:owner/:repo/pulls/:number/merge'] ?? 0).toBe(0);

    await engine.perform({ type: 'merge-pr', number, sha: facts.stagingGreen });
    const mergeSha = store.getState().promotion.mergeSha ?? '';
    expect(step(store, 'merge-promotion-pr')).toMatchObject({ status: 'done', outcome: `PR #${number} merged as ${mergeSha.slice(0, 7)}` });
    expect((await services.github.getHead('production')).sha).toBe(mergeSha);

    jumpTo(store, 'merge-promotion-pr');
    await engine.perform({ type: 'merge-pr', number, sha: facts.stagingGreen });
    expect(step(store, 'merge-promotion-pr')?.outcome).toBe(`PR #${number} was already merged as ${mergeSha.slice(0, 7)}`);
  });

  it('turns an unreachable GitHub into a failed step and a notice, not a crash', async () => {
    const { store, engine, sim } = await world();
    jumpTo(store, 'merge-promotion-pr');
    await sim.close();
    await engine.perform({ type: 'merge-pr', number: 1, sha: 'abc' });
    expect(step(store, 'merge-promotion-pr')).toMatchObject({ status: 'failed' });
    expect(step(store, 'merge-promotion-pr')?.reason).toMatch(/GitHub/);
  });
});

// update-ppcs (waves, concurrency, the hourly budget, halt, retry, skip, abort) is tested against the demo world
// in test/integration/rollout-*.test.ts.
