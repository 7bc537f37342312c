// A whole weekly release driven by keys through the router, with the real pollers, engine and services against
// the demo world; no terminal. Counts the keys the happy path takes.
import { afterEach, expect, it, vi } from 'vitest';
import { selectActiveStep } from '../../src/store/selectors.js';
import { createEngine, type Engine } from '../../src/engine/engine.js';
import type { NotifyKind } from '../../src/engine/ports.js';
import { chooseCandidate } from '../../src/keys/choose-candidate.js';
import type { CommandDeps } from '../../src/keys/commands.js';
import type { KeyPress } from '../../src/keys/match.js';
import { routeKey } from '../../src/keys/route-key.js';
import { startPollers, type RunningPollers } from '../../src/pollers/start-pollers.js';
import { createServices } from '../../src/services/index.js';
import { startSim, type AcmeFacts, type SimHandle, type SimStats } from '../../src/sim/index.js';
import { freshStore, statusOf } from './checklist-builders.js';

let cleanup: { engine: Engine; pollers: RunningPollers; sim: SimHandle } | undefined;
afterEach(async () => {
  cleanup?.engine.stop();
  cleanup?.pollers.stop();
  await cleanup?.sim.close();
});

it('drives the weekly release from review to release complete with the keyboard', async () => {
  const sim = await startSim({ speed: 100 });
  const facts = sim.world.facts as unknown as AcmeFacts;
  const services = createServices(sim.config, {});
  const store = freshStore(Date.now());
  const notes: { kind: NotifyKind; text: string }[] = [];
  const pollers = startPollers(store, services, sim.config);
  const engine = createEngine({
    store,
    services,
    config: sim.config,
    now: Date.now,
    notify: (kind, text) => notes.push({ kind, text }),
    refresh: (what) => void pollers.refresh(what),
    watchMs: 30,
    rateLimitWaitMs: 100,
  });
  cleanup = { engine, pollers, sim };
  engine.start();
  const deps: CommandDeps = { perform: (action) => engine.perform(action), quit: () => undefined };
  let keys = 0;
  const press = (input: string, key: KeyPress = {}) => {
    keys += 1;
    return routeKey(store, deps, input, key);
  };
  const enter = () => press('', { return: true });
  const until = (id: string, status: string, timeout = 15_000) => vi.waitFor(() => expect(statusOf(store, id)).toBe(status), { timeout, interval: 10 });

  await vi.waitFor(() => expect(store.getState().candidates.status).toBe('ready'), { timeout: 10_000 });
  enter();
  press('y');
  expect(statusOf(store, 'review-changes')).toBe('done');

  enter();
  expect(store.getState().ui.dialog).toEqual({ kind: 'candidate' });
  const candidates = store.getState().candidates;
  const green = candidates.status === 'ready' ? candidates.data.find((r) => r.isLatestGreen) : undefined;
  expect(green?.commit.sha).toBe(facts.stagingGreen);
  // The list preselects the latest green commit: Enter in the select input picks it.
  keys += 1;
  chooseCandidate(store, deps, facts.stagingGreen);

  enter();
  press('y');
  await until('wait-pr-ci', 'done');
  expect(notes.map((n) => n.text)).toContainEqual(expect.stringMatching(/^Wait for the pull request's CI: CI green/));
  // As a person would: merge once the step says GitHub agrees (its mergeable_state can lag the checks).
  await vi.waitFor(() => expect(selectActiveStep(store.getState())?.condition.text).toMatch(/can merge/), { timeout: 15_000, interval: 10 });

  enter();
  press('y');
  await until('update-ppcs', 'active', 20_000);
  expect(statusOf(store, 'verify-environment')).toBe('done');

  enter();
  press('y');
  await until('update-ppcs', 'failed', 20_000);
  // r on the failed step retries the failed PPC (after y).
  press('r');
  press('y');
  await until('release-complete', 'done');
  expect(store.getState().checklist.cursor).toBe(8);
  // Batches of customers keep the demo's twelve inside Travis's ten requests an hour: no waiting for the
  // window, each customer sent once, and the scripted failure costs one job restart, not a request. Each wave
  // (canary, early adopters, everyone else) has requests of its own, of at most rollout.concurrency customers.
  const stats = (await (await fetch(`${sim.url}/_sim/stats`)).json()) as SimStats;
  const customers = sim.config.ppcs?.customers.map((c) => c.id) ?? [];
  const size = Math.min(sim.config.ppcs?.trigger.per_request ?? 1, sim.config.rollout.concurrency);
  const named = sim.config.rollout.waves.flatMap((w) => w.customers ?? []);
  const waveSizes = sim.config.rollout.waves.map((w) => w.customers?.length ?? customers.length - named.length);
  expect(stats.travisRequests).toBe(waveSizes.reduce((sum, n) => sum + Math.ceil(n / size), 0));
  expect(stats.travisRequests).toBeLessThan(customers.length);
  expect(stats.ppcTriggers).toEqual(Object.fromEntries(customers.map((id) => [id, 1])));
  expect(stats.requests['POST /travis/job/:id/restart']).toBe(1);
  // Two keys per step the user acts on (review, choose, open, merge, update) and two for the scripted PPC failure.
  expect(keys).toBe(12);
}, 60_000);
