// The engine against the demo world over real HTTP: the real GitHub and Travis clients, the sim's server.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Config } from '../../src/config/schema.js';
import { createEngine, type Engine } from '../../src/engine/engine.js';
import type { EnginePorts, NotifyKind } from '../../src/engine/ports.js';
import { startPollers, type RunningPollers } from '../../src/pollers/start-pollers.js';
import { createServices, type Services } from '../../src/services/index.js';
import { startSim, type AcmeFacts, type SimHandle, type SimStats } from '../../src/sim/index.js';
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


/** What the demo world counted, read over HTTP as any process would. */
async function simStats(sim: SimHandle): Promise<SimStats> {
  return (await (await fetch(`${sim.url}/_sim/stats`)).json()) as SimStats;
}

/** The fleet repo's API-triggered requests, oldest first, as Travis lists them. */
async function fleetRequests(sim: SimHandle): Promise<{ message: string; merge_mode: string; config: { env: { jobs: string[] } } }[]> {
  const slug = encodeURIComponent(sim.config.ppcs?.trigger.repo ?? '');
  const body = (await (await fetch(`${sim.url}/travis/repo/${slug}/requests?limit=100`)).json()) as { requests: { message: string; merge_mode: string; config: { env: { jobs: string[] } } }[] };
  return body.requests.reverse();
}

const RESTARTS = 'POST /travis/job/:id/restart';
const ppcOf = (store: CockpitStoreApi, id: string) => store.getState().rollout.ppcs.find((p) => p.id === id);

describe('update-ppcs', () => {
  it('sends the customers five to a Travis request, lets the failed job\'s batch finish but holds the next, and restarts only the failed job', async () => {
    const { sim, facts, store, engine, notes } = await world({ withPollers: true, perRequest: 5 });
    const customers = sim.config.ppcs?.customers.map((c) => c.id) ?? [];
    expect(customers).toHaveLength(12);
    const target = facts.ppcRevision.staging;
    jumpTo(store, 'update-ppcs');
    store.getState().setRolloutTarget(target);
    await vi.waitFor(() => expect(store.getState().rollout.ppcs.filter((p) => p.state === 'pending')).toHaveLength(12));

    // Which Travis requests had PPCs updating at the same moment: one batch in flight at a time.
    let mostRequestsAtOnce = 0;
    store.subscribe((s) => {
      const requests = new Set(s.rollout.ppcs.flatMap((p) => (p.state === 'updating' ? (p.detail?.match(/Travis request \d+/) ?? []) : [])));
      mostRequestsAtOnce = Math.max(mostRequestsAtOnce, requests.size);
    });
    engine.start();
    await engine.perform({ type: 'update-ppcs' });
    expect(statusOf(store, 'update-ppcs')).toBe('running');
    // The first five go to Travis at once; the rest wait in the queue, and their rows say where.
    expect(customers.slice(0, 5).map((id) => ppcOf(store, id)?.state)).toEqual(Array(5).fill('updating'));
    expect(customers.slice(5).map((id) => ppcOf(store, id)?.detail)).toEqual([...Array(5).fill('queued: batch 2 of 3'), ...Array(2).fill('queued: batch 3 of 3')]);
    await vi.waitFor(() => expect(ppcOf(store, 'acme')?.detail).toMatch(/^in Travis request \d+/), { timeout: 5_000, interval: 10 });

    // The scripted customer's first job fails: the others of its batch carry on, and the next batch waits.
    const failing = facts.failingCustomer;
    const batch = Math.floor(customers.indexOf(failing) / 5);
    const sameBatch = customers.slice(batch * 5, batch * 5 + 5).filter((id) => id !== failing);
    const later = customers.slice(batch * 5 + 5);
    await vi.waitFor(() => expect(statusOf(store, 'update-ppcs')).toBe('failed'), { timeout: 20_000, interval: 20 });
    expect(ppcOf(store, failing)).toMatchObject({ state: 'failed', detail: expect.stringMatching(/^update job \S+ failed$/) });
    expect(notes.some((n) => n.kind === 'failure' && n.text.startsWith(`PPC ${failing} failed`))).toBe(true);
    await vi.waitFor(() => expect(sameBatch.map((id) => ppcOf(store, id)?.state)).toEqual(sameBatch.map(() => 'done')), { timeout: 10_000, interval: 20 });
    expect((await simStats(sim)).travisRequests).toBe(batch + 1);
    for (const id of later) expect(ppcOf(store, id)).toMatchObject({ state: 'queued', detail: expect.stringMatching(/^queued: batch \d of 3; paused while a PPC has failed$/) });

    await engine.perform({ type: 'retry-ppc', id: failing });
    expect(statusOf(store, 'update-ppcs')).toBe('running');
    await vi.waitFor(() => expect(statusOf(store, 'release-complete')).toBe('done'), { timeout: 20_000, interval: 20 });

    expect(store.getState().rollout.ppcs.every((p) => p.state === 'done' && p.current === target)).toBe(true);
    expect(mostRequestsAtOnce).toBe(1);
    expect(notes.at(-1)?.text).toMatch(/Release complete/);
    // Three requests for twelve customers, each customer in exactly one of them, and the failure cost a restart only.
    const stats = await simStats(sim);
    expect(stats.travisRequests).toBe(3);
    expect(stats.ppcTriggers).toEqual(Object.fromEntries(customers.map((id) => [id, 1])));
    expect(stats.requests[RESTARTS]).toBe(1);
    const sent = (await fleetRequests(sim)).slice(-3);
    expect(sent.map((r) => r.config.env.jobs)).toEqual([0, 5, 10].map((from) => customers.slice(from, from + 5).map((id) => `CUSTOMER=${id} PPC_REVISION=${target}`)));
    expect(sent.map((r) => r.merge_mode)).toEqual(Array(3).fill('deep_merge_append'));
    expect(sent[2]?.message).toBe(`release-cockpit: update ${customers.slice(10).join(', ')} to PPC ${target.slice(0, 7)}`);
  }, 40_000);

  it("waits out Travis's hourly request limit with the batch back in the queue, then sends it", async () => {
    const { sim, facts, services, store, engine } = await world({ withPollers: true, perRequest: 5 });
    const trigger = sim.config.ppcs?.trigger ?? { repo: '', branch: '' };
    // Someone else spent this hour's ten API-triggered requests on the fleet repo.
    for (let i = 0; i < 10; i++) {
      await services.travis.triggerRequest(trigger.repo, { branch: trigger.branch, message: 'someone else', config: {}, mergeMode: 'deep_merge_append' });
    }
    jumpTo(store, 'update-ppcs');
    store.getState().setRolloutTarget(facts.ppcRevision.staging);
    await vi.waitFor(() => expect(store.getState().rollout.ppcs.filter((p) => p.state === 'pending')).toHaveLength(12));
    engine.start();
    await engine.perform({ type: 'update-ppcs' });

    await vi.waitFor(() => expect(ppcOf(store, 'acme')?.detail).toMatch(/^queued: batch 1 of 3; Travis's hourly request limit is reached; trying again at \d\d:\d\d:\d\d UTC$/), { timeout: 5_000, interval: 10 });
    expect(store.getState().rollout.counts).toMatchObject({ queued: 12, updating: 0 });
    expect(store.getState().ui.notice).toMatchObject({ tone: 'warning', text: expect.stringMatching(/hourly limit/) });
    expect(statusOf(store, 'update-ppcs')).toBe('running');

    const spent = (await simStats(sim)).travisRequests;
    sim.clock.advance(3_600_000);
    await vi.waitFor(() => expect(ppcOf(store, 'acme')?.detail).toMatch(/^in Travis request \d+/), { timeout: 5_000, interval: 10 });
    expect(ppcOf(store, 'stark')?.detail).toBe('queued: batch 2 of 3');
    expect((await simStats(sim)).travisRequests).toBe(spent + 1);
  });

  it('fails the whole batch when Travis refuses its request, and one retry sends the batch again', async () => {
    const { sim, facts, store, engine, notes } = await world({ withPollers: true, perRequest: 5 });
    await fetch(`${sim.url}/_sim/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ target: 'travis', kind: '5xx', method: 'POST', path: '/repo', count: 1 }) });
    jumpTo(store, 'update-ppcs');
    store.getState().setRolloutTarget(facts.ppcRevision.staging);
    await vi.waitFor(() => expect(store.getState().rollout.ppcs.filter((p) => p.state === 'pending')).toHaveLength(12));
    engine.start();
    await engine.perform({ type: 'update-ppcs' });

    const first = ['acme', 'globex', 'initech', 'umbrella', 'hooli'];
    await vi.waitFor(() => expect(statusOf(store, 'update-ppcs')).toBe('failed'), { timeout: 5_000, interval: 10 });
    expect(first.map((id) => ppcOf(store, id)?.state)).toEqual(Array(5).fill('failed'));
    expect(ppcOf(store, 'acme')?.detail).toMatch(/^Travis CI: triggering a build/);
    expect(notes.filter((n) => n.kind === 'failure')).toHaveLength(1);
    expect(ppcOf(store, 'stark')?.state).toBe('queued');

    await engine.perform({ type: 'retry-ppc', id: 'acme' });
    await vi.waitFor(() => expect(first.map((id) => ppcOf(store, id)?.detail ?? '')).toEqual(first.map(() => expect.stringMatching(/^in Travis request \d+/))), { timeout: 5_000, interval: 10 });
    const stats = await simStats(sim);
    expect(stats.travisRequests).toBe(1);
    expect(Object.keys(stats.ppcTriggers)).toEqual(first);
  });
});
