import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  isHotfix,
  isInWeeklyWindow,
  isValidTimeZone,
  lastNightly,
  lastWeeklyStart,
  nextWindows,
  WEEKLY_WINDOW_MINUTES,
  type Schedule,
  type Weekday,
} from '../../src/domain/schedule.js';

const sched = (timezone: string, nightly = '02:00', day: Weekday = 'tuesday', time = '14:00'): Schedule => ({
  timezone,
  nightly,
  weekly: { day, time },
});
const iso = (d: Date): string => d.toISOString();

afterEach(() => {
  vi.useRealTimers();
});

describe('nextWindows: nightly', () => {
  it.each<[string, Schedule, string, string]>([
    ['UTC, before the window', sched('UTC'), '2026-03-03T01:00:00.000Z', '2026-03-03T02:00:00.000Z'],
    ['UTC, exactly at the window returns now', sched('UTC'), '2026-03-03T02:00:00.000Z', '2026-03-03T02:00:00.000Z'],
    ['UTC, just after the window moves to tomorrow', sched('UTC'), '2026-03-03T02:00:00.001Z', '2026-03-04T02:00:00.000Z'],
    ['UTC, across a month end', sched('UTC'), '2026-02-28T03:00:00.000Z', '2026-03-01T02:00:00.000Z'],
    ['Berlin in winter (CET)', sched('Europe/Berlin'), '2026-01-10T12:00:00.000Z', '2026-01-11T01:00:00.000Z'],
    ['Berlin in summer (CEST)', sched('Europe/Berlin'), '2026-07-10T12:00:00.000Z', '2026-07-11T00:00:00.000Z'],
    ['Berlin, the night before spring forward', sched('Europe/Berlin'), '2026-03-28T00:30:00.000Z', '2026-03-28T01:00:00.000Z'],
    // 02:00 does not exist on 2026-03-29 in Berlin (02:00 CET -> 03:00 CEST): it moves forward to 03:00 CEST.
    ['Berlin, 02:00 on spring-forward night becomes 03:00 CEST', sched('Europe/Berlin'), '2026-03-28T23:00:00.000Z', '2026-03-29T01:00:00.000Z'],
    ['Berlin, 02:30 on spring-forward night becomes 03:30 CEST', sched('Europe/Berlin', '02:30'), '2026-03-28T23:00:00.000Z', '2026-03-29T01:30:00.000Z'],
    ['Berlin, after the gap the next is 02:00 CEST', sched('Europe/Berlin'), '2026-03-29T01:30:00.000Z', '2026-03-30T00:00:00.000Z'],
    ['Berlin, 01:30 just before the gap is untouched', sched('Europe/Berlin', '01:30'), '2026-03-28T23:00:00.000Z', '2026-03-29T00:30:00.000Z'],
    // 02:30 happens twice on 2026-10-25 in Berlin: the first (CEST) one counts.
    ['Berlin, a repeated 02:30 on fall-back night is the first one', sched('Europe/Berlin', '02:30'), '2026-10-24T22:00:00.000Z', '2026-10-25T00:30:00.000Z'],
    ['Berlin, between the two 02:30s the next is tomorrow', sched('Europe/Berlin', '02:30'), '2026-10-25T00:45:00.000Z', '2026-10-26T01:30:00.000Z'],
    ['Berlin, 03:00 on fall-back night is CET', sched('Europe/Berlin', '03:00'), '2026-10-24T22:00:00.000Z', '2026-10-25T02:00:00.000Z'],
    ['New York, 02:00 on spring-forward night becomes 03:00 EDT', sched('America/New_York'), '2026-03-08T04:00:00.000Z', '2026-03-08T07:00:00.000Z'],
    ['New York, 02:30 on spring-forward night becomes 03:30 EDT', sched('America/New_York', '02:30'), '2026-03-08T04:00:00.000Z', '2026-03-08T07:30:00.000Z'],
    ['New York, a repeated 01:30 on fall-back night is the EDT one', sched('America/New_York', '01:30'), '2026-11-01T04:00:00.000Z', '2026-11-01T05:30:00.000Z'],
    ['New York, 02:00 on fall-back night happens once, in EST', sched('America/New_York'), '2026-11-01T04:00:00.000Z', '2026-11-01T07:00:00.000Z'],
    ['Sydney, 02:00 on spring-forward night becomes 03:00 AEDT', sched('Australia/Sydney'), '2026-10-03T13:00:00.000Z', '2026-10-03T16:00:00.000Z'],
    ['Sydney, a repeated 02:30 on fall-back night is the AEDT one', sched('Australia/Sydney', '02:30'), '2026-04-04T13:00:00.000Z', '2026-04-04T15:30:00.000Z'],
    ['Kolkata (+05:30, no DST), the evening before in UTC', sched('Asia/Kolkata'), '2026-03-02T20:00:00.000Z', '2026-03-02T20:30:00.000Z'],
    ['Kolkata, just after it', sched('Asia/Kolkata'), '2026-03-02T20:31:00.000Z', '2026-03-03T20:30:00.000Z'],
  ])('%s', (_label, schedule, now, expected) => {
    expect(iso(nextWindows(schedule, new Date(now)).nightly)).toBe(expected);
  });

  it.each(['2026-01-15T12:00:00Z', '2026-07-15T12:00:00Z'])('does not depend on the real clock (system time %s)', (system) => {
    vi.useFakeTimers({ now: new Date(system) });
    const s = sched('Europe/Berlin', '02:30');
    expect(iso(nextWindows(s, Date.parse('2026-10-24T22:00:00Z')).nightly)).toBe('2026-10-25T00:30:00.000Z');
    expect(iso(nextWindows(s, Date.parse('2026-03-28T23:00:00Z')).nightly)).toBe('2026-03-29T01:30:00.000Z');
  });

  it('accepts epoch milliseconds as well as a Date', () => {
    expect(nextWindows(sched('UTC'), Date.parse('2026-03-03T01:00:00Z'))).toEqual(nextWindows(sched('UTC'), new Date('2026-03-03T01:00:00Z')));
  });
});

describe('nextWindows: weekly', () => {
  it.each<[string, Schedule, string, string]>([
    ['UTC, earlier the same Tuesday', sched('UTC'), '2026-03-03T09:00:00.000Z', '2026-03-03T14:00:00.000Z'],
    ['UTC, exactly at the window returns now', sched('UTC'), '2026-03-03T14:00:00.000Z', '2026-03-03T14:00:00.000Z'],
    ['UTC, just after the window moves a week on', sched('UTC'), '2026-03-03T14:00:01.000Z', '2026-03-10T14:00:00.000Z'],
    ['UTC, from a Wednesday', sched('UTC'), '2026-03-04T09:00:00.000Z', '2026-03-10T14:00:00.000Z'],
    ['UTC, from the Monday before', sched('UTC'), '2026-03-02T23:59:00.000Z', '2026-03-03T14:00:00.000Z'],
    ['UTC, a Sunday window from a Saturday', sched('UTC', '02:00', 'sunday', '10:00'), '2026-03-07T12:00:00.000Z', '2026-03-08T10:00:00.000Z'],
    ['UTC, a Monday window from a Sunday', sched('UTC', '02:00', 'monday', '10:00'), '2026-03-08T12:00:00.000Z', '2026-03-09T10:00:00.000Z'],
    ['Berlin, the Tuesday before spring forward is CET', sched('Europe/Berlin'), '2026-03-24T09:00:00.000Z', '2026-03-24T13:00:00.000Z'],
    ['Berlin, the window after spring forward is CEST', sched('Europe/Berlin'), '2026-03-25T09:00:00.000Z', '2026-03-31T12:00:00.000Z'],
    ['Berlin, the window after fall back is CET', sched('Europe/Berlin'), '2026-10-21T09:00:00.000Z', '2026-10-27T13:00:00.000Z'],
    ['Berlin, a Sunday 02:30 window on spring-forward day', sched('Europe/Berlin', '02:00', 'sunday', '02:30'), '2026-03-27T12:00:00.000Z', '2026-03-29T01:30:00.000Z'],
    ['New York, the window after spring forward is EDT', sched('America/New_York'), '2026-03-05T12:00:00.000Z', '2026-03-10T18:00:00.000Z'],
    ['New York, the window after fall back is EST', sched('America/New_York'), '2026-10-29T12:00:00.000Z', '2026-11-03T19:00:00.000Z'],
    ['Sydney, Tuesday 14:00 AEDT is Tuesday 03:00 UTC', sched('Australia/Sydney'), '2026-01-05T00:00:00.000Z', '2026-01-06T03:00:00.000Z'],
    ['Sydney, late Monday in UTC is already Tuesday afternoon there', sched('Australia/Sydney'), '2026-01-06T04:00:00.000Z', '2026-01-13T03:00:00.000Z'],
    ['Kolkata, Monday evening in UTC is already Tuesday there', sched('Asia/Kolkata'), '2026-03-02T19:00:00.000Z', '2026-03-03T08:30:00.000Z'],
    ['Kolkata, after the window', sched('Asia/Kolkata'), '2026-03-03T09:00:00.000Z', '2026-03-10T08:30:00.000Z'],
  ])('%s', (_label, schedule, now, expected) => {
    expect(iso(nextWindows(schedule, new Date(now)).weekly)).toBe(expected);
  });
});

describe('lastWeeklyStart', () => {
  it.each<[string, Schedule, string, string]>([
    ['exactly at the start', sched('UTC'), '2026-03-03T14:00:00.000Z', '2026-03-03T14:00:00.000Z'],
    ['later the same day', sched('UTC'), '2026-03-03T15:00:00.000Z', '2026-03-03T14:00:00.000Z'],
    ['earlier the same day is last week', sched('UTC'), '2026-03-03T13:59:00.000Z', '2026-02-24T14:00:00.000Z'],
    ['Berlin, a week spanning spring forward', sched('Europe/Berlin'), '2026-03-30T12:00:00.000Z', '2026-03-24T13:00:00.000Z'],
  ])('%s', (_label, schedule, now, expected) => {
    expect(iso(lastWeeklyStart(schedule, new Date(now)))).toBe(expected);
  });
});

describe('lastNightly', () => {
  it.each<[string, Schedule, string, string]>([
    ['exactly at the window', sched('UTC'), '2026-03-03T02:00:00.000Z', '2026-03-03T02:00:00.000Z'],
    ['in the morning after it', sched('UTC'), '2026-03-03T09:30:00.000Z', '2026-03-03T02:00:00.000Z'],
    ['just before tonight\'s is last night\'s', sched('UTC'), '2026-03-03T01:59:00.000Z', '2026-03-02T02:00:00.000Z'],
    ['Berlin, the morning of spring forward (02:00 does not exist: 03:00 CEST)', sched('Europe/Berlin'), '2026-03-29T06:00:00.000Z', '2026-03-29T01:00:00.000Z'],
  ])('%s', (_label, schedule, now, expected) => {
    expect(iso(lastNightly(schedule, new Date(now)))).toBe(expected);
  });
});

describe('isInWeeklyWindow and isHotfix', () => {
  const berlin = sched('Europe/Berlin');
  it.each<[string, Schedule, string, number, boolean]>([
    ['a minute before the start', berlin, '2026-03-03T12:59:00Z', 240, false],
    ['at the start', berlin, '2026-03-03T13:00:00Z', 240, true],
    ['near the end', berlin, '2026-03-03T16:59:59Z', 240, true],
    ['at the end (excluded)', berlin, '2026-03-03T17:00:00Z', 240, false],
    ['the next day', berlin, '2026-03-04T13:30:00Z', 240, false],
    ['a long window running past midnight', sched('UTC', '02:00', 'tuesday', '22:00'), '2026-03-04T01:00:00Z', 240, true],
    // The window opens at 01:30 CET (00:30Z); 120 real minutes later it is 04:30 CEST (02:30Z).
    ['a window spanning spring forward lasts real minutes', sched('Europe/Berlin', '02:00', 'sunday', '01:30'), '2026-03-29T02:15:00Z', 120, true],
    ['... and ends after them', sched('Europe/Berlin', '02:00', 'sunday', '01:30'), '2026-03-29T02:30:00Z', 120, false],
  ])('%s: %s', (_label, schedule, now, minutes, inside) => {
    expect(isInWeeklyWindow(schedule, new Date(now), minutes)).toBe(inside);
    expect(isHotfix(schedule, new Date(now), minutes)).toBe(!inside);
  });

  it(`treats a release outside the default ${WEEKLY_WINDOW_MINUTES}-minute window as a hotfix`, () => {
    expect(isHotfix(berlin, new Date('2026-03-03T14:00:00Z'))).toBe(false);
    expect(isHotfix(berlin, new Date('2026-03-03T17:00:00Z'))).toBe(true);
    expect(isHotfix(berlin, new Date('2026-03-05T14:00:00Z'))).toBe(true);
  });
});

describe('bad schedules', () => {
  it.each<[string, Schedule, RegExp]>([
    ['an unknown zone', sched('Mars/Olympus'), /unknown time zone "Mars\/Olympus"/],
    ['a nightly time that is not HH:MM', sched('UTC', '2am'), /expected a time "HH:MM", got "2am"/],
    ['an hour out of range', sched('UTC', '25:00'), /expected a time "HH:MM"/],
  ])('throws a RangeError naming %s', (_label, schedule, message) => {
    expect(() => nextWindows(schedule, 0)).toThrow(RangeError);
    expect(() => nextWindows(schedule, 0)).toThrow(message);
  });

  it.each<[string, boolean]>([
    ['UTC', true],
    ['Europe/Berlin', true],
    ['Asia/Kolkata', true],
    ['Mars/Olympus', false],
    ['', false],
  ])('isValidTimeZone(%j) is %s', (zone, valid) => {
    expect(isValidTimeZone(zone)).toBe(valid);
  });
});
