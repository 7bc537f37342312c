import { describe, expect, it } from 'vitest';
import { nextWindows } from '../../src/domain/schedule.js';
import { windowText } from '../../src/format/schedule-text.js';

const at = (iso: string): Date => new Date(iso);

describe('windowText', () => {
  it.each<[string, string, string, string]>([
    ['2026-03-03T13:00:00Z', '2026-03-01T10:00:00Z', 'Europe/Berlin', 'Tue 14:00 CET (in 2d 3h)'],
    ['2026-07-07T12:00:00Z', '2026-07-07T11:15:30Z', 'Europe/Berlin', 'Tue 14:00 CEST (in 44m 30s)'],
    ['2026-03-03T14:00:00Z', '2026-03-03T11:55:00Z', 'UTC', 'Tue 14:00 UTC (in 2h 05m)'],
    ['2026-03-10T18:00:00Z', '2026-03-10T17:59:15Z', 'America/New_York', 'Tue 14:00 EDT (in 45s)'],
    ['2026-01-06T19:00:00Z', '2026-01-05T19:00:00Z', 'America/New_York', 'Tue 14:00 EST (in 1d 0h)'],
    ['2026-01-06T03:00:00Z', '2026-01-06T00:00:00Z', 'Australia/Sydney', 'Tue 14:00 AEDT (in 3h 00m)'],
    ['2026-03-03T08:30:00Z', '2026-03-03T08:00:00Z', 'Asia/Kolkata', 'Tue 14:00 IST (in 30m 00s)'],
    ['2026-03-03T05:00:00Z', '2026-03-03T04:00:00Z', 'Asia/Tokyo', 'Tue 14:00 GMT+9 (in 1h 00m)'],
    ['2026-03-03T14:00:00Z', '2026-03-03T14:00:00Z', 'UTC', 'Tue 14:00 UTC (now)'],
    ['2026-03-03T14:00:00Z', '2026-03-03T14:10:00Z', 'UTC', 'Tue 14:00 UTC (now)'],
  ])('%s from %s in %s -> %s', (date, now, zone, text) => {
    expect(windowText(at(date), at(now), zone)).toBe(text);
    expect(windowText(at(date), Date.parse(now), zone)).toBe(text);
  });

  it('shows the spring-forward nightly where it really falls: 03:00 CEST', () => {
    const now = at('2026-03-28T23:00:00Z');
    const { nightly } = nextWindows({ timezone: 'Europe/Berlin', nightly: '02:00', weekly: { day: 'tuesday', time: '14:00' } }, now);
    expect(windowText(nightly, now, 'Europe/Berlin')).toBe('Sun 03:00 CEST (in 2h 00m)');
  });

  it('throws a RangeError for an unknown zone', () => {
    expect(() => windowText(at('2026-03-03T14:00:00Z'), 0, 'Mars/Olympus')).toThrow(/unknown time zone "Mars\/Olympus"/);
  });
});
