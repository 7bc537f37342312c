// The rollout planner: which PPCs go next, batched into Travis requests, given counts, budget and windows.
import { describe, expect, it } from 'vitest';
import type { CustomerPpc, PpcState } from '../../src/domain/ppc.js';
import { planRollout, type PlanInput } from '../../src/domain/rollout-plan.js';
import type { Wave } from '../../src/domain/rollout-waves.js';
import type { WindowState } from '../../src/domain/rollout-window.js';
import { ppc } from './checklist-builders.js';

const ids = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i + 1}`);
/** A fleet from a compact spec: every id pending unless `states` says otherwise. */
const fleet = (all: readonly string[], states: Readonly<Record<string, PpcState>> = {}): CustomerPpc[] => all.map((id) => ppc(id, states[id] ?? 'pending'));

const CANARY: Wave = { name: 'canary', ids: ['c1'] };
const REST: Wave = { name: 'rest', ids: ids('r', 9) };
const ALL = ['c1', ...REST.ids];
const T0 = Date.parse('2026-11-07T14:00:00Z');

function input(overrides: Partial<PlanInput>): PlanInput {
  return {
    ppcs: fleet(ALL),
    waves: [CANARY, REST],
    concurrency: 4,
    perRequest: 3,
    budget: { available: 10 },
    windows: new Map(),
    sent: 0,
    timezone: 'UTC',
    ...overrides,
  };
}

const detailOf = (plan: ReturnType<typeof planRollout>, id: string) => plan.waiting.get(id)?.detail;

describe('planRollout: what goes now', () => {
  it.each<[string, Partial<PlanInput>, readonly (readonly string[])[]]>([
    ['the canary wave alone first', {}, [['c1']]],
    ['nothing while the canary is in flight', { ppcs: fleet(ALL, { c1: 'updating' }) }, []],
    ['nothing while the canary verifies: done means it reports the target', { ppcs: fleet(ALL, { c1: 'verifying' }) }, []],
    ['the next wave once the canary is done, in requests of min(per_request, concurrency)', { ppcs: fleet(ALL, { c1: 'done' }) }, [['r1', 'r2', 'r3']]],
    ['a skipped canary counts as finished', { ppcs: fleet(ALL, { c1: 'skipped' }) }, [['r1', 'r2', 'r3']]],
    ['several requests at once when concurrency allows', { ppcs: fleet(ALL, { c1: 'done' }), concurrency: 7, perRequest: 3 }, [['r1', 'r2', 'r3'], ['r4', 'r5', 'r6']]],
    ['concurrency below per_request caps the request', { ppcs: fleet(ALL, { c1: 'done' }), concurrency: 2, perRequest: 5 }, [['r1', 'r2']]],
    ['a request goes only when it fits whole', { ppcs: fleet(ALL, { c1: 'done', r1: 'updating', r2: 'verifying' }), concurrency: 4, perRequest: 3 }, []],
    ['…and the last of a wave is as small as what is left', { ppcs: fleet(ALL, { c1: 'done', ...done(ids('r', 7)), r8: 'updating' }), concurrency: 4, perRequest: 3 }, [['r9']]],
    ['in-flight PPCs of any state count: queued ones go first', { ppcs: fleet(ALL, { c1: 'done', r5: 'queued' }) }, [['r5', 'r1', 'r2']]],
    ['nothing while any PPC has failed', { ppcs: fleet(ALL, { c1: 'done', r1: 'failed' }) }, []],
    ['only what the budget allows', { ppcs: fleet(ALL, { c1: 'done' }), concurrency: 9, budget: { available: 1, freesAt: T0 } }, [['r1', 'r2', 'r3']]],
    ['nothing with the budget spent', { ppcs: fleet(ALL, { c1: 'done' }), budget: { available: 0, freesAt: T0 } }, []],
    ['one wave of everyone without waves', { waves: [] }, [['c1', 'r1', 'r2']]],
    ['nothing once every PPC is done or skipped', { ppcs: fleet(ALL, { ...done(ALL), r3: 'skipped' }) }, []],
  ])('%s', (_name, overrides, expected) => {
    expect(planRollout(input(overrides)).send).toEqual(expected);
  });

  it('never has more than `concurrency` PPCs queued, updating or verifying', () => {
    for (const concurrency of [1, 2, 3, 5, 8]) {
      for (const available of [0, 1, 2, 10]) {
        for (let inFlight = 0; inFlight <= concurrency; inFlight += 1) {
          const states = Object.fromEntries(REST.ids.slice(0, inFlight).map((id) => [id, 'updating' as const]));
          const plan = planRollout(input({ ppcs: fleet(ALL, { c1: 'done', ...states }), concurrency, budget: { available, freesAt: T0 } }));
          const taken = plan.send.flat().length + [...plan.waiting.values()].filter((w) => w.state === 'queued').length;
          expect(inFlight + taken, `concurrency ${concurrency}, budget ${available}, ${inFlight} in flight`).toBeLessThanOrEqual(concurrency);
        }
      }
    }
  });
});

describe('planRollout: what the waiting rows say', () => {
  it('numbers the requests across the waves, counting those sent', () => {
    const plan = planRollout(input({ ppcs: fleet(ALL, { c1: 'done', r1: 'updating', r2: 'updating', r3: 'updating' }), sent: 2 }));
    expect(plan.send).toEqual([]);
    expect(plan.requests).toBe(4);
    expect(['r4', 'r5', 'r6', 'r7', 'r8', 'r9'].map((id) => detailOf(plan, id))).toEqual([
      ...Array(3).fill('queued: wave 2, request 3 of 4'),
      ...Array(3).fill('queued: wave 2, request 4 of 4'),
    ]);
    expect(plan.waiting.get('r4')?.state).toBe('pending');
    expect(plan.wave).toEqual({ number: 2, of: 2, name: 'rest', size: 9 });
  });

  it('places a later wave after the one under way', () => {
    const plan = planRollout(input({}));
    expect(plan.send).toEqual([['c1']]);
    expect(detailOf(plan, 'r1')).toBe('queued: wave 2, request 2 of 4');
    expect(detailOf(plan, 'r9')).toBe('queued: wave 2, request 4 of 4');
    expect(plan.wave?.name).toBe('canary');
  });

  it('leaves out the wave when there is only one', () => {
    const plan = planRollout(input({ waves: [], ppcs: fleet(ALL, { c1: 'updating', r1: 'updating', r2: 'updating' }), sent: 1 }));
    expect(detailOf(plan, 'r3')).toBe('queued: request 2 of 4');
  });

  it("queues requests the budget cannot pay for now, and says until when", () => {
    const freesAt = Date.parse('2026-11-07T15:04:00Z');
    const plan = planRollout(input({ ppcs: fleet(ALL, { c1: 'done' }), concurrency: 9, budget: { available: 1, freesAt }, sent: 1, timezone: 'UTC' }));
    expect(plan.send).toEqual([['r1', 'r2', 'r3']]);
    expect(['r4', 'r7'].map((id) => plan.waiting.get(id))).toEqual([
      { state: 'queued', detail: "waiting for Travis's hourly limit until 15:04 (wave 2, request 3 of 4)" },
      { state: 'queued', detail: "waiting for Travis's hourly limit until 15:04 (wave 2, request 4 of 4)" },
    ]);
    expect(plan.wakeAt).toBe(freesAt);
  });

  it('puts the hold on every waiting row while a PPC has failed, keeping queued ones queued', () => {
    const plan = planRollout(input({ ppcs: fleet(ALL, { c1: 'done', r1: 'failed', r2: 'done', r3: 'done', r4: 'queued' }), sent: 2 }));
    expect(plan.waiting.get('r4')).toEqual({ state: 'queued', detail: 'queued: wave 2, request 3 of 4; on hold while r1 has failed' });
    expect(plan.waiting.get('r9')).toEqual({ state: 'pending', detail: 'queued: wave 2, request 4 of 4; on hold while r1 has failed' });
    const two = planRollout(input({ ppcs: fleet(ALL, { c1: 'done', r1: 'failed', r2: 'failed' }) }));
    expect(detailOf(two, 'r3')).toMatch(/; on hold while 2 PPCs have failed$/);
  });

  it('puts a taken PPC back in line when it no longer fits (its request was refused and others went first)', () => {
    const plan = planRollout(input({ ppcs: fleet(ALL, { c1: 'done', r1: 'updating', r2: 'updating', r9: 'queued' }), concurrency: 4 }));
    expect(plan.waiting.get('r9')?.state).toBe('pending');
  });
});

describe('planRollout: maintenance windows', () => {
  const closed = (opensAt: string): WindowState => ({ isOpen: false, changesAt: Date.parse(opensAt) });
  const open = (closesAt: string): WindowState => ({ isOpen: true, changesAt: Date.parse(closesAt) });

  it('sends only the PPCs whose window is open, and says when the others open', () => {
    const windows = new Map([
      ['r1', closed('2026-11-07T22:00:00Z')],
      ['r2', open('2026-11-07T16:00:00Z')],
    ]);
    const plan = planRollout(input({ ppcs: fleet(ALL, { c1: 'done' }), windows, timezone: 'UTC' }));
    expect(plan.send).toEqual([['r2', 'r3', 'r4']]);
    expect(plan.waiting.get('r1')).toEqual({ state: 'pending', detail: 'waits for its window (Sat 22:00)' });
    // Wakes when r2's window closes (it may still be waiting then) or r1's opens, whichever is first.
    expect(plan.wakeAt).toBe(Date.parse('2026-11-07T16:00:00Z'));
  });

  it("names the window's opening in the schedule's time zone", () => {
    const plan = planRollout(input({ ppcs: fleet(ALL, { c1: 'done' }), windows: new Map([['r1', closed('2026-11-07T21:00:00Z')]]), timezone: 'Europe/Berlin' }));
    expect(detailOf(plan, 'r1')).toBe('waits for its window (Sat 22:00)');
  });

  it('holds back the next wave until the PPC waiting for its window is done (or skipped)', () => {
    const windows = new Map([['c1', closed('2026-11-08T02:00:00Z')]]);
    const waiting = planRollout(input({ windows }));
    expect(waiting.send).toEqual([]);
    expect(waiting.wave?.name).toBe('canary');
    expect(waiting.wakeAt).toBe(Date.parse('2026-11-08T02:00:00Z'));
    expect(planRollout(input({ windows, ppcs: fleet(ALL, { c1: 'skipped' }) })).send).toEqual([['r1', 'r2', 'r3']]);
  });
});

function done(list: readonly string[]): Record<string, PpcState> {
  return Object.fromEntries(list.map((id) => [id, 'done']));
}
