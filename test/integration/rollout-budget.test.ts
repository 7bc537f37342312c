// Travis's ten API-triggered requests an hour: requests past the budget wait in the queue, and each waiting row
// says until when; the sim's clock is jumped an hour ahead instead of waiting for it.
import { afterEach, expect, it, vi } from 'vitest';
import { advanceClock, closeRolloutWorlds, finishRollout, fleetRequests, customersOf, ppcOf, rolloutWorld, simStats, statesOf, wait, type RolloutWorld } from './rollout-support.js';

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

it("keeps to the repository's hourly limit from the config, and to the one a 429 names when Travis says less", async () => {
  // The config says 4 an hour; the fleet repo allows 3 (its api_builds_rate_limit): the fourth is refused with
  // max_requests 3, and the rollout keeps to 3 from then on.
  const w = await rolloutWorld({ waves: [], concurrency: 12, perRequest: 1, hourlyLimit: 4 });
  const { sim, store, engine } = w;
  await fetch(`${sim.url}/_sim/travis`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ requestLimit: 3 }) });
  await engine.perform({ type: 'update-ppcs' });
  await vi.waitFor(() => expect(store.getState().rollout.counts.queued).toBe(9), wait);
  const stats = await simStats(sim);
  expect(stats.requests[TRIGGERS]).toBe(4);
  expect(stats.travisRequests).toBe(3);
  // Long past the recheck, nothing more is tried within the hour: Travis said 3.
  await new Promise((resolve) => setTimeout(resolve, 400));
  expect((await simStats(sim)).requests[TRIGGERS]).toBe(4);
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
  store.getState().clockTicked(sim.clock.now());
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

const fault = (sim: { url: string }, rule: Record<string, unknown>) =>
  fetch(`${sim.url}/_sim/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ target: 'travis', method: 'POST', path: '/repo', count: 1, ...rule }) });
const LOOKS = 'GET /travis/repo/:slug/requests';

/** Every state and detail row `id` shows, in order, as a person watching the pane would see them. */
function rowsSeen(store: RolloutWorld['store'], id: string): [string, string | undefined][] {
  const seen: [string, string | undefined][] = [];
  store.subscribe((s) => {
    const row = s.rollout.ppcs.find((p) => p.id === id);
    const last = seen.at(-1);
    if (row && (last?.[0] !== row.state || last[1] !== row.detail)) seen.push([row.state, row.detail]);
  });
  return seen;
}

it('a request whose answer was a 5xx is unknown, not failed: looked for, then put to the user, and r sends it again', async () => {
  const w = await rolloutWorld({ waves: [], concurrency: 12, perRequest: 6, lookForMs: 1_500, lookDelaysMs: [100, 200] });
  const { sim, store, engine, customers, notes } = w;
  // The world answers 503 before it does anything: Travis never got it, but nobody can know that from the answer.
  await fault(sim, { kind: '5xx' });
  await engine.perform({ type: 'update-ppcs' });
  const first = customers.slice(0, 6);
  await vi.waitFor(() => expect(ppcOf(store, first[0] ?? '')?.detail).toMatch(/^unknown: the answer to its update request was lost/), wait);
  expect(statesOf(store, first)).toEqual(first.map(() => 'updating'));
  expect(notes.filter((n) => n.kind === 'failure')).toHaveLength(0);
  await vi.waitFor(() => expect(statesOf(store, first)).toEqual(first.map(() => 'failed')), wait);
  expect(ppcOf(store, first[0] ?? '')?.detail).toMatch(/^unknown whether Travis got its update request: no sign of a request carrying COCKPIT_BATCH=\S+ after 1s of looking/);
  expect(notes.filter((n) => n.kind === 'failure')).toHaveLength(1);
  // Looked for more than once, never sent again on its own.
  const looked = await simStats(sim);
  expect(looked.requests[LOOKS]).toBeGreaterThan(2);
  // Two requests of six went; the one whose answer was lost was not sent again on its own.
  expect(looked.requests[TRIGGERS]).toBe(2);
  expect(looked.travisRequests).toBe(1);

  await engine.perform({ type: 'retry-ppc', id: first[2] ?? '' });
  await vi.waitFor(() => expect(first.map((id) => ppcOf(store, id)?.detail ?? '')).toEqual(first.map(() => expect.stringMatching(/^in Travis request \d+/))), wait);
  await finishRollout(w);
  const stats = await simStats(sim);
  expect(stats.travisRequests).toBe(2);
  expect(stats.ppcTriggers).toEqual(Object.fromEntries(customers.map((id) => [id, 1])));
}, 40_000);

it('finds a request whose answer was lost after Travis took it (the world drops the connection) and follows it, never sending it again', async () => {
  const w = await rolloutWorld({ waves: [], concurrency: 12, perRequest: 6, lookDelaysMs: [100, 200] });
  const { sim, store, engine, customers } = w;
  await fault(sim, { kind: 'lost' });
  const seen = rowsSeen(store, customers[0] ?? '');
  await engine.perform({ type: 'update-ppcs' });
  await finishRollout(w);
  expect(seen).toContainEqual(['updating', expect.stringMatching(/^in Travis request \d+ \(found again after its answer was lost\)$/)]);
  expect(seen.map(([state]) => state)).not.toContain('failed');
  const stats = await simStats(sim);
  expect(stats.travisRequests).toBe(2);
  expect(stats.ppcTriggers).toEqual(Object.fromEntries(customers.map((id) => [id, 1])));
}, 40_000);

it('a request Travis holds past the client timeout, then takes, is found when it appears: nothing looked up too early is taken as not sent', async () => {
  // The 20 s case scaled down: the client gives up after 400 ms, the world acts after 1.5 s, and Travis lists the
  // request without its config for a while after that (requestsFilledInLater).
  const w = await rolloutWorld({ waves: [], concurrency: 12, perRequest: 6, timeoutMs: 400, lookForMs: 20_000, lookDelaysMs: [100, 200, 400], rules: { requestsFilledInLater: true } });
  const { sim, store, engine, customers } = w;
  await fault(sim, { kind: 'slow', delayMs: 1_500 });
  await engine.perform({ type: 'update-ppcs' });
  const seen = rowsSeen(store, customers[0] ?? '');
  await vi.waitFor(() => expect(ppcOf(store, customers[0] ?? '')?.detail).toMatch(/^unknown: the answer to its update request was lost/), wait);
  await finishRollout(w);
  expect(seen).toContainEqual(['updating', expect.stringMatching(/^in Travis request \d+ \(found again after its answer was lost\)$/)]);
  expect(seen.map(([state]) => state)).not.toContain('failed');
  expect(w.notes.filter((n) => /unknown|lost/.test(n.text))).toEqual([]);
  const stats = await simStats(sim);
  expect(stats.travisRequests).toBe(2);
  expect(stats.ppcTriggers).toEqual(Object.fromEntries(customers.map((id) => [id, 1])));
}, 40_000);

it('completes a whole rollout against Travis as strict as the real one: builds created late, requests filled in later, no log_parts', async () => {
  const w = await rolloutWorld({ waves: [], concurrency: 12, perRequest: 6, rules: { buildsCreatedLate: true, requestsFilledInLater: true, noLogParts: true } });
  await w.engine.perform({ type: 'update-ppcs' });
  await finishRollout(w);
  const stats = await simStats(w.sim);
  expect(stats.travisRequests).toBe(2);
  expect(stats.ppcTriggers).toEqual(Object.fromEntries(w.customers.map((id) => [id, 1])));
}, 40_000);
