// Travis's ten API-triggered requests an hour: requests past the budget wait in the queue, and each waiting row
// says until when; the sim's clock is jumped an hour ahead instead of waiting for it.
import { afterEach, expect, it, vi } from 'vitest';
import { SourceError } from '../../src/domain/source.js';
import { advanceClock, closeRolloutWorlds, finishRollout, fleetRequests, customersOf, ppcOf, rolloutWorld, simStats, statesOf, wait } from './rollout-support.js';

afterEach(closeRolloutWorlds);

const HOUR = 3_600_000;
const TRIGGERS = 'POST /travis/repo/:slug/requests';
const hhmm = (ms: number) => new Date(ms).toISOString().slice(11, 16);

it('sends ten requests, queues the rest with the time the hour frees up, and sends them once it has', async () => {
  const w = await rolloutWorld({ waves: [], concurrency: 12, perRequest: 1 });
  const { sim, store, engine, customers } = w;
  const startedAt = sim.clock.now();
  await engine.perform({ type: 'update-ppcs' });
  const queued = customers.slice(10);
  await vi.waitFor(() => expect(statesOf(store, queued)).toEqual(['queued', 'queued']), wait);
  // Nothing was refused: the rollout counted its own requests and did not ask for an eleventh.
  expect((await simStats(sim)).requests[TRIGGERS]).toBe(10);
  const until = ppcOf(store, queued[0] ?? '')?.detail?.match(/^waiting for Travis's hourly limit until (\d\d:\d\d) \(request 11 of 12\)$/)?.[1];
  expect([hhmm(startedAt + HOUR), hhmm(startedAt + HOUR + 60_000)]).toContain(until);
  expect(ppcOf(store, queued[1] ?? '')?.detail).toMatch(/ \(request 12 of 12\)$/);
  expect(store.getState().rollout.counts.queued + store.getState().rollout.counts.updating + store.getState().rollout.counts.verifying).toBeLessThanOrEqual(12);

  await advanceClock(sim, HOUR);
  await finishRollout(w);
  const stats = await simStats(sim);
  expect(stats.travisRequests).toBe(12);
  expect(stats.ppcTriggers).toEqual(Object.fromEntries(customers.map((id) => [id, 1])));
  expect((await fleetRequests(sim)).map(customersOf)).toEqual(customers.map((id) => [id]));
}, 40_000);

it('sends the queued requests at the next store change once the hour is over, though its wake-up timer is still far off', async () => {
  // A laptop woken from sleep: the clock has moved on an hour, the timer the rollout set for it counts on.
  const w = await rolloutWorld({ waves: [], concurrency: 12, perRequest: 1, rateLimitWaitMs: HOUR });
  const { sim, store, engine, customers } = w;
  await engine.perform({ type: 'update-ppcs' });
  const queued = customers.slice(10);
  // The hour's ten are done (the scenario's failing customer retried): nothing the rollout follows will change the
  // store when the clock moves.
  await vi.waitFor(async () => {
    const failed = store.getState().rollout.ppcs.find((p) => p.state === 'failed');
    if (failed) await engine.perform({ type: 'retry-ppc', id: failed.id });
    expect(store.getState().rollout.counts).toMatchObject({ done: 10, queued: 2 });
  }, wait);

  await advanceClock(sim, HOUR);
  store.getState().tick(sim.clock.now());
  await vi.waitFor(() => expect(statesOf(store, queued).every((s) => s !== 'queued')).toBe(true), { timeout: 2_000, interval: 10 });
  await finishRollout(w);
  expect((await simStats(sim)).ppcTriggers).toEqual(Object.fromEntries(customers.map((id) => [id, 1])));
}, 40_000);

it('believes Travis when someone else spent the hour: the batch waits in the queue and goes once Travis takes it', async () => {
  const w = await rolloutWorld({ waves: [], concurrency: 12, perRequest: 6 });
  const { sim, services, store, engine, customers } = w;
  const trigger = w.config.ppcs?.trigger ?? { repo: '', branch: '' };
  for (let i = 0; i < 10; i++) {
    await services.travis.triggerRequest(trigger.repo, { branch: trigger.branch, message: 'someone else', config: {}, mergeMode: 'deep_merge_append' });
  }
  await engine.perform({ type: 'update-ppcs' });
  await vi.waitFor(() => expect(ppcOf(store, customers[0] ?? '')?.detail).toMatch(/^waiting for Travis's hourly limit until \d\d:\d\d \(request 1 of 2\)$/), wait);
  expect(store.getState().rollout.counts).toMatchObject({ queued: 12, updating: 0 });
  expect(store.getState().ui.notice).toMatchObject({ tone: 'warning', text: expect.stringMatching(/hourly limit/) });

  await advanceClock(sim, HOUR);
  await finishRollout(w);
  const stats = await simStats(sim);
  expect(stats.travisRequests).toBe(12);
  expect(stats.ppcTriggers).toEqual(Object.fromEntries(customers.map((id) => [id, 1])));
}, 40_000);

it('fails the whole request when Travis refuses it, and a retry of one sends it again with the rest of its own', async () => {
  const w = await rolloutWorld({ waves: [], concurrency: 12, perRequest: 6 });
  const { sim, store, engine, customers, notes } = w;
  await fetch(`${sim.url}/_sim/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ target: 'travis', kind: '5xx', method: 'POST', path: '/repo', count: 1 }) });
  await engine.perform({ type: 'update-ppcs' });
  const first = customers.slice(0, 6);
  await vi.waitFor(() => expect(statesOf(store, first)).toEqual(first.map(() => 'failed')), wait);
  // A 5xx may have been taken all the same: the rollout looked, and found no such request.
  expect(ppcOf(store, first[0] ?? '')?.detail).toMatch(/^Travis CI: triggering a build/);
  expect(notes.filter((n) => n.kind === 'failure')).toHaveLength(1);
  expect((await simStats(sim)).requests['GET /travis/repo/:slug/requests']).toBe(1);

  await engine.perform({ type: 'retry-ppc', id: first[2] ?? '' });
  await vi.waitFor(() => expect(first.map((id) => ppcOf(store, id)?.detail ?? '')).toEqual(first.map(() => expect.stringMatching(/^in Travis request \d+/))), wait);
  await finishRollout(w);
  const stats = await simStats(sim);
  expect(stats.travisRequests).toBe(2);
  expect(stats.ppcTriggers).toEqual(Object.fromEntries(customers.map((id) => [id, 1])));
}, 40_000);

it('finds a request whose answer was lost and follows it, instead of sending it again', async () => {
  let lose = 1;
  const w = await rolloutWorld({
    waves: [],
    concurrency: 12,
    perRequest: 6,
    // The real request goes out and Travis takes it; its answer is lost on the way back.
    ports: (services) => ({
      ...services,
      travis: {
        ...services.travis,
        triggerRequest: async (repo, trigger) => {
          const answer = await services.travis.triggerRequest(repo, trigger);
          if (lose-- > 0) throw new SourceError('travis', 'timeout', 'Travis CI: triggering a build failed: no answer within 15000 ms');
          return answer;
        },
      },
    }),
  });
  const { sim, store, engine, customers } = w;
  await engine.perform({ type: 'update-ppcs' });
  await vi.waitFor(() => expect(ppcOf(store, customers[0] ?? '')?.detail).toMatch(/^in Travis request \d+ \(found again after its answer was lost\)$/), wait);
  await finishRollout(w);
  const stats = await simStats(sim);
  expect(stats.travisRequests).toBe(2);
  expect(stats.ppcTriggers).toEqual(Object.fromEntries(customers.map((id) => [id, 1])));
}, 40_000);
