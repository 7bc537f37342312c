// Maintenance windows in the schedule's time zone, across midnight and DST changes.
import { describe, expect, it } from 'vitest';
import { clockLabel, dayTimeLabel, isInWindow, nextWindowStart, windowState, type MaintenanceWindow } from '../../src/domain/rollout-window.js';

const at = (iso: string) => Date.parse(iso);
const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');

const SAT_NIGHT: MaintenanceWindow = { days: ['sat'], from: '22:00', to: '02:00' };
const WEEKDAY_NOON: MaintenanceWindow = { days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '12:00', to: '13:00' };
const NIGHTLY: MaintenanceWindow = { from: '22:00', to: '06:00' };

describe('isInWindow', () => {
  // 2026-11-07 is a Saturday; Berlin is UTC+1 then.
  it.each([
    ['Saturday 21:59 Berlin, just before', SAT_NIGHT, 'Europe/Berlin', '2026-11-07T20:59:00Z', false],
    ['Saturday 22:00 Berlin, its opening minute belongs to it', SAT_NIGHT, 'Europe/Berlin', '2026-11-07T21:00:00Z', true],
    ['Sunday 01:59 Berlin, still the Saturday night', SAT_NIGHT, 'Europe/Berlin', '2026-11-08T00:59:00Z', true],
    ['Sunday 02:00 Berlin, the closing minute does not', SAT_NIGHT, 'Europe/Berlin', '2026-11-08T01:00:00Z', false],
    ['Sunday 23:00 Berlin: Sunday is not one of its days', SAT_NIGHT, 'Europe/Berlin', '2026-11-08T22:00:00Z', false],
    ['Saturday 22:30 in UTC is 23:30 in Berlin', SAT_NIGHT, 'UTC', '2026-11-07T21:30:00Z', false],
    ['a weekday noon', WEEKDAY_NOON, 'UTC', '2026-11-09T12:30:00Z', true],
    ['a Saturday noon', WEEKDAY_NOON, 'UTC', '2026-11-07T12:30:00Z', false],
    ['every night without days', NIGHTLY, 'America/New_York', '2026-11-10T04:00:00Z', true],
    ['every night, but not at noon', NIGHTLY, 'America/New_York', '2026-11-10T17:00:00Z', false],
    ['from equal to to lasts the whole day', { days: ['tue'] as const, from: '00:00', to: '00:00' }, 'UTC', '2026-11-10T23:59:00Z', true],
    ['…and only that day', { days: ['tue'] as const, from: '00:00', to: '00:00' }, 'UTC', '2026-11-11T00:00:00Z', false],
  ])('%s', (_name, window, zone, now, expected) => {
    expect(isInWindow(window, zone, at(now))).toBe(expected);
  });
});

describe('windowState across DST changes', () => {
  it('a night window spanning spring forward closes at 06:00 local, one real hour shorter (Berlin, 2026-03-29)', () => {
    // Opens Saturday 22:00 CET (21:00Z), closes Sunday 06:00 CEST (04:00Z): seven real hours.
    expect(windowState(NIGHTLY, 'Europe/Berlin', at('2026-03-28T21:30:00Z'))).toEqual({ isOpen: true, changesAt: at('2026-03-29T04:00:00Z') });
    expect(isInWindow(NIGHTLY, 'Europe/Berlin', at('2026-03-29T03:59:00Z'))).toBe(true);
    expect(isInWindow(NIGHTLY, 'Europe/Berlin', at('2026-03-29T04:00:00Z'))).toBe(false);
  });

  it('a night window spanning fall back lasts one real hour longer (Berlin, 2026-10-25)', () => {
    expect(windowState(NIGHTLY, 'Europe/Berlin', at('2026-10-24T20:30:00Z'))).toEqual({ isOpen: true, changesAt: at('2026-10-25T05:00:00Z') });
  });

  it('opens at the same wall time before and after the change (New York, 2026-03-08 and 2026-11-01)', () => {
    // Saturday 22:00 EST is 03:00Z on Sunday; a week later (after spring forward) 22:00 EDT is 02:00Z.
    expect(iso(nextWindowStart(SAT_NIGHT, 'America/New_York', at('2026-03-01T12:00:00Z')))).toBe('2026-03-08T03:00:00Z');
    expect(iso(nextWindowStart(SAT_NIGHT, 'America/New_York', at('2026-03-09T12:00:00Z')))).toBe('2026-03-15T02:00:00Z');
    expect(iso(nextWindowStart(SAT_NIGHT, 'America/New_York', at('2026-10-26T12:00:00Z')))).toBe('2026-11-01T02:00:00Z');
    expect(iso(nextWindowStart(SAT_NIGHT, 'America/New_York', at('2026-11-02T12:00:00Z')))).toBe('2026-11-08T03:00:00Z');
  });

  it('a window whose start falls in the spring-forward gap opens when the gap ends', () => {
    const early: MaintenanceWindow = { days: ['sun'], from: '02:30', to: '04:00' };
    expect(iso(nextWindowStart(early, 'Europe/Berlin', at('2026-03-28T12:00:00Z')))).toBe('2026-03-29T01:30:00Z');
  });

  it('a window wholly inside the spring-forward gap does not happen that day, and the next week it does', () => {
    const gap: MaintenanceWindow = { days: ['sun'], from: '02:00', to: '03:00' };
    expect(iso(nextWindowStart(gap, 'Europe/Berlin', at('2026-03-28T12:00:00Z')))).toBe('2026-04-05T00:00:00Z');
  });

  it('a start that happens twice (fall back) means its first occurrence', () => {
    const twice: MaintenanceWindow = { days: ['sun'], from: '02:30', to: '04:00' };
    expect(iso(nextWindowStart(twice, 'Europe/Berlin', at('2026-10-24T12:00:00Z')))).toBe('2026-10-25T00:30:00Z');
  });
});

describe('nextWindowStart', () => {
  it.each([
    ['now, when it is open', SAT_NIGHT, '2026-11-07T22:30:00Z', '2026-11-07T22:30:00Z'],
    ['later today', SAT_NIGHT, '2026-11-07T10:00:00Z', '2026-11-07T21:00:00Z'],
    ['next week, just after it closed', SAT_NIGHT, '2026-11-08T01:00:00Z', '2026-11-14T21:00:00Z'],
    ['Monday noon, from Friday afternoon', WEEKDAY_NOON, '2026-11-06T15:00:00Z', '2026-11-09T11:00:00Z'],
  ])('%s', (_name, window, now, expected) => {
    expect(iso(nextWindowStart(window, 'Europe/Berlin', at(now)))).toBe(expected);
  });

  it('says when an open window closes, and when a closed one opens', () => {
    expect(windowState(SAT_NIGHT, 'Europe/Berlin', at('2026-11-07T22:00:00Z'))).toEqual({ isOpen: true, changesAt: at('2026-11-08T01:00:00Z') });
    expect(windowState(SAT_NIGHT, 'Europe/Berlin', at('2026-11-08T01:00:00Z'))).toEqual({ isOpen: false, changesAt: at('2026-11-14T21:00:00Z') });
  });

  it('rejects an unknown zone and a malformed time', () => {
    expect(() => isInWindow(SAT_NIGHT, 'Mars/Olympus', 0)).toThrow(RangeError);
    expect(() => isInWindow({ from: '25:00', to: '02:00' }, 'UTC', 0)).toThrow(/HH:MM/);
  });
});

describe('labels', () => {
  it('name the day and time in the zone', () => {
    expect(dayTimeLabel(at('2026-11-07T21:00:00Z'), 'Europe/Berlin')).toBe('Sat 22:00');
    expect(clockLabel(at('2026-11-07T14:04:59Z'), 'Europe/Berlin')).toBe('15:04');
  });
});
