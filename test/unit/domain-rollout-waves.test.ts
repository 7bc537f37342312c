// Waves from the config, and Travis's hourly request budget.
import { describe, expect, it } from 'vitest';
import { EMPTY_LEDGER, budgetAt, recordAccepted, recordRefused } from '../../src/domain/rollout-budget.js';
import { resolveWaves, type WaveConfig } from '../../src/domain/rollout-waves.js';

const FLEET = ['a', 'b', 'c', 'd', 'e', 'f'];

describe('resolveWaves', () => {
  it.each<[string, readonly WaveConfig[], readonly [string, readonly string[]][]]>([
    ['no waves: everyone in config order', [], [['everyone', FLEET]]],
    ['a canary, then everyone else', [{ name: 'canary', customers: ['c'] }, { name: 'rest' }], [['canary', ['c']], ['rest', ['a', 'b', 'd', 'e', 'f']]]],
    [
      'named waves keep config order within, whatever order they list',
      [{ name: 'canary', customers: ['e'] }, { name: 'early', customers: ['f', 'a'] }, { name: 'rest' }],
      [['canary', ['e']], ['early', ['a', 'f']], ['rest', ['b', 'c', 'd']]],
    ],
    [
      'a catch-all takes only those not named earlier; a later wave keeps its own',
      [{ name: 'canary', customers: ['a'] }, { name: 'middle' }, { name: 'last', customers: ['f'] }],
      [['canary', ['a']], ['middle', ['b', 'c', 'd', 'e', 'f']]],
    ],
    ['a customer named twice stays in its first wave', [{ name: 'one', customers: ['a', 'b'] }, { name: 'two', customers: ['b', 'c'] }, { name: 'rest' }], [['one', ['a', 'b']], ['two', ['c']], ['rest', ['d', 'e', 'f']]]],
    ['customers no wave names still go, last', [{ name: 'canary', customers: ['b'] }, { name: 'early', customers: ['c'] }], [['canary', ['b']], ['early', ['c']], ['not in any wave', ['a', 'd', 'e', 'f']]]],
    ['unknown ids are ignored and an empty wave dropped', [{ name: 'ghosts', customers: ['zz'] }, { name: 'rest' }], [['rest', FLEET]]],
  ])('%s', (_name, waves, expected) => {
    expect(resolveWaves(FLEET, waves).map((w) => [w.name, w.ids])).toEqual(expected);
  });

  it('has no waves without customers', () => {
    expect(resolveWaves([], [])).toEqual([]);
  });
});

describe('budgetAt', () => {
  const HOUR = 3_600_000;
  const options = { recheckMs: 60_000 };
  const sent = (times: readonly number[]) => times.reduce((ledger, t) => recordAccepted(ledger, t, undefined), EMPTY_LEDGER);

  it.each([
    ['nothing sent: all ten', sent([]), 0, { available: 10 }],
    ['three this hour: seven', sent([0, 1, 2]), 10, { available: 7 }],
    ['ten this hour: none until the oldest is an hour old', sent([0, 1, 2, 3, 4, 5, 6, 7, 8, 9].map((i) => i * 1000)), 20_000, { available: 0, freesAt: HOUR }],
    ['the oldest expired: one again', sent([0, 1, 2, 3, 4, 5, 6, 7, 8, 9].map((i) => i * 1000)), HOUR, { available: 1 }],
    ['twelve over two hours: the rolling hour counts', sent([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11].map((i) => i * 600_000)), 6_600_000, { available: 4 }],
  ])('%s', (_name, ledger, now, expected) => {
    expect(budgetAt(ledger, now, options)).toEqual(expected);
  });

  it("believes Travis when someone else spent the hour, then tries again after a while", () => {
    // Our first request, and Travis counted 3 remaining before it took it: others sent seven, 2 are left.
    const ledger = recordAccepted(EMPTY_LEDGER, 0, 3);
    expect(budgetAt(ledger, 1_000, options)).toEqual({ available: 2 });
    const spent = recordAccepted(recordAccepted(ledger, 2_000, 2), 3_000, 1);
    expect(budgetAt(spent, 4_000, options)).toEqual({ available: 0, freesAt: 63_000 });
    expect(budgetAt(spent, 63_000, options)).toEqual({ available: 7 });
  });

  it("reads remaining_requests as Travis counts it: 10 on the first request of the hour leaves 9", () => {
    expect(budgetAt(recordAccepted(EMPTY_LEDGER, 0, 10), 1_000, options)).toEqual({ available: 9 });
  });

  it("learns the hourly limit from a 429's max_requests, over the configured one", () => {
    const five = recordRefused(sent([0, 1, 2, 3, 4]), 100, 5);
    // Our five count against the five Travis named until the oldest is an hour old, recheck or not.
    expect(budgetAt(five, 200, { ...options, limit: 20 })).toEqual({ available: 0, freesAt: HOUR });
    expect(budgetAt(five, 70_000, { ...options, limit: 20 })).toEqual({ available: 0, freesAt: HOUR });
    // Without max_requests, the configured 20 stands: one more is tried after the recheck.
    const unsaid = recordRefused(sent([0, 1, 2, 3, 4]), 100);
    expect(budgetAt(unsaid, 200, { ...options, limit: 20 })).toEqual({ available: 0, freesAt: 60_100 });
    expect(budgetAt(unsaid, 70_000, { ...options, limit: 20 })).toEqual({ available: 15 });
    expect(budgetAt(sent([0, 1, 2]), 200, { ...options, limit: 20 })).toEqual({ available: 17 });
  });

  it('a refusal stops everything until the recheck, or until our own oldest expires when that is later', () => {
    expect(budgetAt(recordRefused(EMPTY_LEDGER, 5_000), 6_000, options)).toEqual({ available: 0, freesAt: 65_000 });
    const full = recordRefused(sent([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]), 100);
    expect(budgetAt(full, 200, options)).toEqual({ available: 0, freesAt: HOUR });
  });
});
