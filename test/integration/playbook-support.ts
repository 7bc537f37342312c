// A built-in playbook driven by keys through the router, with the real pollers, engine and services against a
// demo world over real HTTP; no terminal.
import { expect, vi } from 'vitest';
import type { Config } from '../../src/config/schema.js';
import { builtInPlaybook } from '../../src/domain/playbooks.js';
import type { Playbook } from '../../src/domain/playbook.js';
import { createEngine, type Engine } from '../../src/engine/engine.js';
import type { EngineRecord, UnstampedEvent } from '../../src/journal/events.js';
import { createJournalFacts } from '../../src/modes/release/journal-facts.js';
import type { CommandDeps } from '../../src/keys/commands.js';
import type { KeyPress } from '../../src/keys/match.js';
import { routeKey } from '../../src/keys/route-key.js';
import { startPollers, type RunningPollers } from '../../src/pollers/start-pollers.js';
import { createServices, type Services } from '../../src/services/index.js';
import { startSim, type SimHandle, type SimStats, type TeamShape } from '../../src/sim/index.js';
import { createCockpitStore, type CockpitStoreApi } from '../../src/store/create-cockpit-store.js';
import { statusOf } from '../unit/checklist-builders.js';

export interface PlaybookRun {
  readonly sim: SimHandle;
  readonly config: Config;
  readonly playbook: Playbook;
  readonly services: Services;
  readonly store: CockpitStoreApi;
  readonly engine: Engine;
  readonly pollers: RunningPollers;
  /** What the engine wrote to the journal, in order. */
  readonly journal: EngineRecord[];
  /** What the store's changes wrote to the journal (steps, the PR, the approval...), in order. */
  readonly events: UnstampedEvent[];
  press(input: string, key?: KeyPress): void;
  enter(): void;
  until(stepId: string, status: string, timeout?: number): Promise<void>;
  stats(): Promise<SimStats>;
  stop(): Promise<void>;
}

export async function runPlaybook(name: string, scenario: string, options: { readonly speed?: number; readonly config?: (c: Config) => Config; readonly team?: TeamShape } = {}): Promise<PlaybookRun> {
  const sim = await startSim({ scenario, speed: options.speed ?? 50, seed: 3, ...(options.team ? { team: options.team } : {}) });
  const config = options.config ? options.config(sim.config) : sim.config;
  const playbook = builtInPlaybook(name, config.environments.map((e) => e.name));
  if (!playbook || typeof playbook === 'string') throw new Error(`no built-in playbook ${name}: ${playbook}`);
  const services = createServices(config, {});
  const store = createCockpitStore({ playbook, now: Date.now(), meta: { mode: 'demo', timezone: config.schedule.timezone, approvers: config.hotfix.approvers } });
  const events: UnstampedEvent[] = [];
  const facts = createJournalFacts();
  store.getState().onEvent((event, next, previous) => void events.push(...facts(event, previous, next)));
  const pollers = startPollers(store, services, config);
  const journal: EngineRecord[] = [];
  let n = 0;
  const engine = createEngine({
    store,
    services,
    config,
    now: Date.now,
    notify: () => undefined,
    refresh: (what) => void pollers.refresh(what),
    journal: { record: (record) => (journal.push(record), record.type === 'intent' ? `i${++n}` : record.id) },
    watchMs: 30,
    rateLimitWaitMs: 100,
  });
  engine.start();
  const deps: CommandDeps = { perform: (action) => engine.perform(action), quit: () => undefined };
  const press = (input: string, key: KeyPress = {}) => routeKey(store, deps, input, key);
  return {
    sim,
    config,
    playbook,
    services,
    store,
    engine,
    pollers,
    journal,
    events,
    press,
    enter: () => press('', { return: true }),
    until: (id, status, timeout = 15_000) => vi.waitFor(() => expect(statusOf(store, id)).toBe(status), { timeout, interval: 10 }),
    stats: async () => (await (await fetch(`${sim.url}/_sim/stats`)).json()) as SimStats,
    async stop() {
      engine.stop();
      pollers.stop();
      await sim.close();
    },
  };
}
