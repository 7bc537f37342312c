// The engine against the demo world over real HTTP: the real GitHub and Travis clients, the sim's server.
import { afterEach, describe, expect, it, vi } from 'vitest';
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

async function world(options: { readonly withPollers?: boolean } = {}): Promise<World> {
  const sim = await startSim({ speed: 100 });
  const services = createServices(sim.config, {});
  const store = freshStore(Date.now());
  const notes: World['notes'] = [];
  let pollers: RunningPollers | undefined;
  const engine = createEngine({
    store,
    services: fitsPorts(services),
    config: sim.config,
    now: Date.now,
    notify: (kind, text) => notes.push({ kind, text }),
    refresh: (what) => void pollers?.refresh(what),
    watchMs: 30,
    rateLimitWaitMs: 100,
  });
  if (options.withPollers) pollers = startPollers(store, services, sim.config);
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
    store.getState().setPromotion({ candidateSha: facts.stagingGreen });
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
    const { facts, services, store, engine } = await world();
    jumpTo(store, 'open-promotion-pr');
    await engine.perform({ type: 'open-pr', sha: facts.stagingGreen });
    const number = store.getState().promotion.pull?.number ?? 0;
    await vi.waitFor(async () => expect((await services.github.getPull(number)).mergeable).not.toBeNull());

    jumpTo(store, 'merge-promotion-pr');
    await engine.perform({ type: 'merge-pr', number, sha: facts.stagingHead });
    expect(step(store, 'merge-promotion-pr')).toMatchObject({ status: 'failed' });
    expect(step(store, 'merge-promotion-pr')?.reason).toMatch(/head moved/);
    expect(store.getState().ui.notice?.tone).toBe('error');
    expect(await services.github.isMerged(number)).toBe(false);

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

describe('update-ppcs', () => {
  it('updates the PPCs one at a time in config order, pauses at a failure, and completes the release after a retry', async () => {
    const { sim, facts, store, engine, notes } = await world({ withPollers: true });
    const customers = sim.config.ppcs?.customers.map((c) => c.id) ?? [];
    expect(customers).toHaveLength(12);
    jumpTo(store, 'update-ppcs');
    store.getState().setRolloutTarget(facts.ppcRevision.staging);
    await vi.waitFor(() => expect(store.getState().rollout.ppcs.filter((p) => p.state === 'pending')).toHaveLength(12));

    const started: string[] = [];
    let mostInFlight = 0;
    store.subscribe((s, prev) => {
      const c = s.rollout.counts;
      mostInFlight = Math.max(mostInFlight, c.queued + c.updating + c.verifying);
      for (const p of s.rollout.ppcs) {
        if (p.state === 'updating' && !started.includes(p.id) && prev.rollout.ppcs.find((q) => q.id === p.id)?.state !== 'updating') started.push(p.id);
      }
    });
    engine.start();
    await engine.perform({ type: 'update-ppcs' });
    expect(statusOf(store, 'update-ppcs')).toBe('running');

    // The scripted customer's first update fails: the rollout stops there and says so.
    const failing = facts.failingCustomer;
    await vi.waitFor(() => expect(statusOf(store, 'update-ppcs')).toBe('failed'), { timeout: 20_000, interval: 20 });
    expect(store.getState().rollout.ppcs.find((p) => p.id === failing)).toMatchObject({ state: 'failed' });
    expect(notes.some((n) => n.kind === 'failure' && n.text.startsWith(`PPC ${failing} failed`))).toBe(true);
    const after = customers.slice(customers.indexOf(failing) + 1);
    expect(store.getState().rollout.ppcs.filter((p) => after.includes(p.id)).every((p) => p.state === 'pending')).toBe(true);

    await engine.perform({ type: 'retry-ppc', id: failing });
    expect(statusOf(store, 'update-ppcs')).toBe('running');

    // Travis allows ten API-triggered builds an hour and there are twelve customers: the rollout waits for the window.
    await vi.waitFor(
      () => {
        const held = store.getState().rollout.ppcs.find((p) => p.state === 'queued');
        if (held) sim.clock.advance(3_600_000);
        expect(statusOf(store, 'release-complete')).toBe('done');
      },
      { timeout: 25_000, interval: 20 },
    );
    expect(started).toEqual(customers);
    expect(mostInFlight).toBe(1);
    expect(store.getState().rollout.ppcs.every((p) => p.state === 'done' && p.current === facts.ppcRevision.staging)).toBe(true);
    expect(notes.at(-1)?.text).toMatch(/Release complete/);
  }, 30_000);
});
