import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lastNightly, nextNightly, nextWeekly, type Weekday } from '../../src/domain/schedule.js';

// Schedule arithmetic across time zones and DST, property-tested: the next window is never in the past, lands
// on the configured weekday in the team's zone, and is the first such one (none is skipped).

// Zones with DST at odd hours or of odd sizes, half-hour offsets, the date line, and plain ones.
const ZONES = ['UTC', 'Europe/Berlin', 'Europe/London', 'America/New_York', 'America/Santiago', 'America/Havana', 'Australia/Lord_Howe', 'Australia/Adelaide', 'Asia/Kolkata', 'Asia/Kathmandu', 'Pacific/Chatham', 'Pacific/Apia', 'Pacific/Kiritimati', 'Asia/Tehran', 'America/St_Johns', 'Africa/Casablanca', 'Antarctica/Troll'] as const;
const DAYS: readonly Weekday[] = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
const HOUR = 3_600_000;

const zone = fc.constantFrom(...ZONES);
const time = fc.tuple(fc.integer({ min: 0, max: 23 }), fc.constantFrom(0, 15, 30, 45, 59)).map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`);
// 2020 to 2035, with extra weight on the hours around the usual DST changes.
const instant = fc.oneof(fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2035, 0, 1) }), fc.constantFrom(Date.UTC(2026, 2, 29, 0, 30), Date.UTC(2026, 9, 25, 0, 30), Date.UTC(2026, 2, 8, 6, 59), Date.UTC(2026, 10, 1, 5, 30), Date.UTC(2026, 3, 5, 2, 0)).chain((t) => fc.integer({ min: t - 6 * HOUR, max: t + 6 * HOUR })));

function weekdayIn(t: number, timeZone: string): string {
  return new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'long' }).format(t).toLowerCase();
}

describe('schedule arithmetic, property-tested', () => {
  it('the next weekly window is at or after now, on the configured weekday in the zone, within a week', () => {
    fc.assert(
      fc.property(zone, fc.constantFrom(...DAYS), time, instant, (timezone, day, at, now) => {
        const schedule = { timezone, nightly: '02:00', weekly: { day, time: at } };
        const next = nextWeekly(schedule, now).getTime();
        expect(next).toBeGreaterThanOrEqual(now);
        expect(weekdayIn(next, timezone)).toBe(day);
        // Within a week (and a DST change's hour or two).
        expect(next - now).toBeLessThanOrEqual(7 * 24 * HOUR + 2 * HOUR);
        // The first such window: asking a moment before it gives it again, asking a moment after gives a later one.
        expect(nextWeekly(schedule, next - 1).getTime()).toBe(next);
        expect(nextWeekly(schedule, next + 1).getTime()).toBeGreaterThan(next);
      }),
      { numRuns: 200 },
    );
  });

  it('the next nightly window is at or after now and within two days; the last one at or before now', () => {
    fc.assert(
      fc.property(zone, time, instant, (timezone, nightly, now) => {
        const schedule = { timezone, nightly, weekly: { day: 'tuesday' as Weekday, time: '14:00' } };
        const next = nextNightly(schedule, now).getTime();
        const last = lastNightly(schedule, now).getTime();
        expect(next).toBeGreaterThanOrEqual(now);
        expect(next - now).toBeLessThanOrEqual(26 * HOUR);
        expect(last).toBeLessThanOrEqual(now);
        expect(now - last).toBeLessThanOrEqual(26 * HOUR);
        // Nothing scheduled between the last window and the next one.
        expect(nextNightly(schedule, last + 1).getTime()).toBe(next === now ? nextNightly(schedule, now + 1).getTime() : next);
      }),
      { numRuns: 200 },
    );
  });
});
