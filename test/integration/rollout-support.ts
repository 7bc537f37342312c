// The rollout engine against the demo world over real HTTP: the real Travis client and fleet poller, the sim's
// server, and the engine running on the sim's clock (so that jumping it an hour ahead moves Travis's hourly
// budget and the maintenance windows for both sides).
import { expect, vi } from 'vitest';
import type { Config, CustomerConfig } from '../../src/config/schema.js';
import type { PpcState } from '../../src/domain/ppc.js';
import { createEngine, type Engine } from '../../src/engine/engine.js';
import type { EnginePorts, JournalPort, NotifyKind } from '../../src/engine/ports.js';
import { createFleetPoller } from '../../src/pollers/fleet-poller.js';
import type { Poller } from '../../src/pollers/poller.js';
import { createServices, type Services } from '../../src/services/index.js';
import { startSim, type AcmeFacts, type SimHandle, type SimStats } from '../../src/sim/index.js';
import type { CockpitStoreApi } from '../../src/store/create-cockpit-store.js';
import { freshStore, jumpTo, statusOf } from '../unit/checklist-builders.js';

export interface RolloutOptions {
  readonly scenario?: string;
  readonly speed?: number;
  readonly concurrency?: number;
  readonly perRequest?: number;
  /** ppcs.trigger.hourly_limit in the config. */
  readonly hourlyLimit?: number;
  /** Replaces the scenario's waves ([] for one wave of everyone); a function gets the scenario's facts. */
  readonly waves?: Config['rollout']['waves'] | ((facts: AcmeFacts) => Config['rollout']['waves']);
  /** Maintenance windows by customer; a function gets the sim's clock at the start and the scenario's facts. */
  readonly windows?: Windows | ((now: number, facts: AcmeFacts) => Windows);
  readonly timezone?: string;
  /** The engine's ports around the real services (to lose an answer after the real request went out). */
  readonly ports?: (services: Services) => EnginePorts;
  /** How long the engine sleeps at most while it waits for the budget or a window. @default 100 */
  readonly rateLimitWaitMs?: number;
  /** How long a lost answer is looked for, and the waits between looks (real ms). */
  readonly lookForMs?: number;
  readonly lookDelaysMs?: readonly number[];
  /** The clients' timeout per attempt (real ms). */
  readonly timeoutMs?: number;
  /** Rules of the demo world to switch on (src/sim/world/rules.ts). */
  readonly rules?: Readonly<Record<string, boolean>>;
  /** The release journal port, given the sim (to see what Travis had counted when each line was written). */
  readonly journal?: (sim: SimHandle) => JournalPort;
}

type Windows = Readonly<Record<string, NonNullable<CustomerConfig['window']>>>;

export interface RolloutWorld {
  readonly sim: SimHandle;
  readonly facts: AcmeFacts;
  readonly config: Config;
  readonly services: Services;
  readonly store: CockpitStoreApi;
  readonly engine: Engine;
  readonly fleet: Poller;
  readonly notes: { kind: NotifyKind; text: string }[];
  readonly target: string;
  readonly customers: readonly string[];
}

const open: RolloutWorld[] = [];

/** Starts a demo world and an engine at the `update-ppcs` step with the target pinned; nothing sent yet. */
export async function rolloutWorld(options: RolloutOptions = {}): Promise<RolloutWorld> {
  const sim = await startSim({ speed: options.speed ?? 100, ...(options.scenario ? { scenario: options.scenario } : {}) });
  const base = sim.config;
  const facts = sim.world.facts as unknown as AcmeFacts;
  const waves = typeof options.waves === 'function' ? options.waves(facts) : options.waves;
  const windows = typeof options.windows === 'function' ? options.windows(sim.clock.now(), facts) : options.windows;
  const ppcs = base.ppcs;
  if (!ppcs) throw new Error('the demo world has no PPCs');
  const config: Config = {
    ...base,
    schedule: { ...base.schedule, timezone: options.timezone ?? base.schedule.timezone },
    ppcs: {
      ...ppcs,
      trigger: { ...ppcs.trigger, per_request: options.perRequest ?? ppcs.trigger.per_request, ...(options.hourlyLimit === undefined ? {} : { hourly_limit: options.hourlyLimit }) },
      customers: ppcs.customers.map((c) => {
        const window = windows?.[c.id];
        return window ? { ...c, window } : c;
      }),
    },
    rollout: { concurrency: options.concurrency ?? base.rollout.concurrency, waves: waves ?? base.rollout.waves },
  };
  const services = createServices(config, {}, options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs });
  if (options.rules) Object.assign(sim.world.rules, options.rules);
  const now = () => sim.clock.now();
  const store = freshStore(now());
  const notes: RolloutWorld['notes'] = [];
  const fleet = createFleetPoller({ store, now, quota: () => services.github.quota() }, services, config);
  const engine = createEngine({
    store,
    services: options.ports ? options.ports(services) : services,
    config,
    now,
    notify: (kind, text) => notes.push({ kind, text }),
    refresh: (what) => {
      if (what === 'fleet') void fleet.refreshNow();
    },
    watchMs: 30,
    rateLimitWaitMs: options.rateLimitWaitMs ?? 100,
    ...(options.lookForMs === undefined ? {} : { lookForMs: options.lookForMs }),
    ...(options.lookDelaysMs ? { lookDelaysMs: options.lookDelaysMs } : {}),
    ...(options.journal ? { journal: options.journal(sim) } : {}),
  });
  const target = facts.ppcRevision.staging;
  const customers = config.ppcs?.customers.map((c) => c.id) ?? [];
  const world: RolloutWorld = { sim, facts, config, services, store, engine, fleet, notes, target, customers };
  open.push(world);
  jumpTo(store, 'update-ppcs');
  store.getState().rolloutStarted(target);
  fleet.start();
  await vi.waitFor(() => expect(store.getState().rollout.counts.pending).toBe(customers.length), { timeout: 20_000, interval: 20 });
  engine.start();
  return world;
}

/** Stops every world the test started. Call from afterEach. */
export async function closeRolloutWorlds(): Promise<void> {
  for (const w of open.splice(0)) {
    w.engine.stop();
    w.fleet.stop();
    await w.sim.close();
  }
}

export const ppcOf = (store: CockpitStoreApi, id: string) => store.getState().rollout.ppcs.find((p) => p.id === id);
export const statesOf = (store: CockpitStoreApi, ids: readonly string[]): (PpcState | undefined)[] => ids.map((id) => ppcOf(store, id)?.state);
export const stepStatus = (store: CockpitStoreApi) => statusOf(store, 'update-ppcs');

/** What the demo world counted, read over HTTP as any process would. */
export async function simStats(sim: SimHandle): Promise<SimStats> {
  return (await (await fetch(`${sim.url}/_sim/stats`)).json()) as SimStats;
}

export async function advanceClock(sim: SimHandle, ms: number): Promise<void> {
  const res = await fetch(`${sim.url}/_sim/clock`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ advanceMs: ms }) });
  expect(res.ok).toBe(true);
}

export interface SentRequest {
  readonly message: string;
  readonly merge_mode: string;
  readonly config: { readonly env: { readonly jobs: readonly string[] } };
}

/** The fleet repo's API-triggered requests since the scenario began, oldest first, as Travis lists them. */
export async function fleetRequests(sim: SimHandle): Promise<SentRequest[]> {
  const slug = encodeURIComponent(sim.config.ppcs?.trigger.repo ?? '');
  const body = (await (await fetch(`${sim.url}/travis/repo/${slug}/requests?limit=100`)).json()) as { requests: SentRequest[] };
  // The scenario's own history holds last week's rollout (one request for every customer).
  return body.requests.reverse().slice(1);
}

/** The customers each request carried, in order. */
export const customersOf = (request: SentRequest): string[] => request.config.env.jobs.map((entry) => /CUSTOMER=(\S+)/.exec(entry)?.[1] ?? entry);

export const wait = { timeout: 20_000, interval: 10 } as const;

/** Waits for the rollout step to be done, retrying each PPC that fails (the demo's scripted one fails once). */
export async function finishRollout(w: RolloutWorld, timeout = 30_000): Promise<void> {
  await vi.waitFor(
    async () => {
      const failed = w.store.getState().rollout.ppcs.find((p) => p.state === 'failed');
      if (failed) await w.engine.perform({ type: 'retry-ppc', id: failed.id });
      expect(stepStatus(w.store)).toBe('done');
    },
    { timeout, interval: 20 },
  );
}
