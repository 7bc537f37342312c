// The rollout writes to the release journal: each request's intent before it is sent, its outcome (request id,
// then each customer's job and result) after; a job restart likewise. What cannot be written is not sent.
import { afterEach, expect, it, vi } from 'vitest';
import type { EngineRecord } from '../../src/journal/events.js';
import { closeRolloutWorlds, finishRollout, ppcOf, rolloutWorld, simStats, statesOf, stepStatus, wait } from './rollout-support.js';

afterEach(closeRolloutWorlds);

it('journals each trigger before Travis sees it, and its request id and job results after', async () => {
  const lines: { readonly event: EngineRecord; readonly id: string; readonly accepted: number }[] = [];
  let next = 0;
  const w = await rolloutWorld({
    waves: [],
    concurrency: 12,
    perRequest: 6,
    journal: (sim) => ({
      record(event) {
        const id = event.type === 'intent' ? (event.id ?? `i${(next += 1)}`) : event.id;
        lines.push({ event, id, accepted: sim.stats().travisRequests });
        return id;
      },
    }),
  });
  await w.engine.perform({ type: 'update-ppcs' });
  await finishRollout(w);
  const failing = w.facts.failingCustomer;

  const triggers = lines.filter((l) => l.event.type === 'intent' && l.event.action === 'trigger-ppcs');
  expect(triggers.map((l) => (l.event.type === 'intent' && l.event.action === 'trigger-ppcs' ? l.event.customers : []))).toEqual([w.customers.slice(0, 6), w.customers.slice(6)]);
  for (const [i, trigger] of triggers.entries()) {
    const { id } = trigger;
    const answered = lines.filter((l) => l.event.type === 'outcome' && l.event.id === id);
    // Written before the request: Travis counted it between the intent and its first outcome.
    expect(answered[0]?.accepted).toBeGreaterThan(trigger.accepted);
    const outcomes = answered.map((l) => l.event);
    // First the request id, as soon as Travis answers; then every customer's job and its result.
    expect(outcomes[0]).toEqual({ type: 'outcome', id, ok: true, requestId: expect.any(Number) });
    expect(outcomes.at(-1)).toMatchObject({ ok: true, requestId: outcomes[0]?.type === 'outcome' && outcomes[0].ok ? outcomes[0].requestId : -1 });
    const note = outcomes.at(-1)?.type === 'outcome' ? ((outcomes.at(-1) as { note?: string }).note ?? '') : '';
    for (const customer of w.customers.slice(i * 6, i * 6 + 6)) expect(note).toMatch(new RegExp(`${customer}: update job \\S+ (passed|failed)`));
  }
  const restart = lines.find((l) => l.event.type === 'intent' && l.event.action === 'restart-job');
  expect(restart?.event).toMatchObject({ action: 'restart-job', customer: failing, jobId: expect.any(Number) });
  expect(lines.filter((l) => l.event.type === 'intent')).toHaveLength(3);
});

it('sends nothing it could not write down first, and says why', async () => {
  const w = await rolloutWorld({
    waves: [],
    concurrency: 12,
    perRequest: 6,
    journal: () => ({
      record() {
        throw new Error('ENOSPC: no space left on device');
      },
    }),
  });
  await w.engine.perform({ type: 'update-ppcs' });
  await vi.waitFor(() => expect(stepStatus(w.store)).toBe('failed'), wait);
  expect(statesOf(w.store, w.customers.slice(0, 6))).toEqual(Array(6).fill('failed'));
  expect(ppcOf(w.store, w.customers[0] ?? '')?.detail).toBe('not sent: the release journal could not be written (ENOSPC: no space left on device)');
  expect((await simStats(w.sim)).travisRequests).toBe(0);
});
