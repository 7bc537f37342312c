import { IANAZone } from 'luxon';
import { addDays, atLocal, localDate } from './local-time.js';

export type Weekday = 'monday' | 'tuesday' | 'wednesday' | 'thursday' | 'friday' | 'saturday' | 'sunday';

/** The release schedule; `Config['schedule']` fits this shape. Times are "HH:MM" in `timezone`. */
export interface Schedule {
  readonly timezone: string;
  readonly nightly: string;
  readonly weekly: { readonly day: Weekday; readonly time: string };
}

/** An instant: a Date or epoch milliseconds. */
export type Instant = Date | number;

/** How long the weekly window stays open when nothing else is said: the on-call afternoon. */
export const WEEKLY_WINDOW_MINUTES = 240;

const WEEKDAYS: readonly Weekday[] = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];

/** True when `zone` is an IANA time zone name this runtime knows (e.g. "Europe/Berlin", "UTC"). */
export function isValidTimeZone(zone: string): boolean {
  return IANAZone.isValidZone(zone);
}

/**
 * The next nightly and weekly windows at or after `now`.
 *
 * Decisions (all deliberate, all tested):
 * - A window exactly at `now` is returned as `now` (the header then says "now"); a millisecond later
 *   the next one is returned.
 * - Days are calendar days in the schedule's zone, so "02:00" stays 02:00 local across DST changes.
 * - A local time that does not exist (spring forward: 02:30 in Berlin on 2026-03-29) moves forward by the
 *   length of the gap (to 03:30 CEST), as luxon does.
 * - A local time that happens twice (fall back: 02:30 in Berlin on 2026-10-25) means its first occurrence
 *   (02:30 CEST). luxon alone would pick one by the offset the real clock has today, which would make
 *   this function depend on the clock; we resolve it ourselves so it does not.
 *
 * Throws RangeError for an unknown zone or a time that is not "HH:MM" (config validation should stop both first).
 */
export function nextWindows(schedule: Schedule, now: Instant): { nightly: Date; weekly: Date } {
  return { nightly: nextNightly(schedule, now), weekly: nextWeekly(schedule, now) };
}

/** The next nightly window at or after `now` (see `nextWindows`). */
export function nextNightly(schedule: Schedule, now: Instant): Date {
  const t = ms(now);
  const today = localDate(t, schedule.timezone);
  for (let i = 0; i <= 1; i += 1) {
    const at = atLocal(addDays(today, i), schedule.nightly, schedule.timezone);
    if (at >= t) return new Date(at);
  }
  // Unreachable for real zones (two consecutive days cannot both be in the past); kept total.
  return new Date(atLocal(addDays(today, 2), schedule.nightly, schedule.timezone));
}

/** The most recent nightly window at or before `now`: when "last night's" promotion was due. */
export function lastNightly(schedule: Schedule, now: Instant): Date {
  const t = ms(now);
  const today = localDate(t, schedule.timezone);
  for (let i = 0; i <= 1; i += 1) {
    const at = atLocal(addDays(today, -i), schedule.nightly, schedule.timezone);
    if (at <= t) return new Date(at);
  }
  return new Date(atLocal(addDays(today, -2), schedule.nightly, schedule.timezone));
}

/** The next weekly window at or after `now` (see `nextWindows`). */
export function nextWeekly(schedule: Schedule, now: Instant): Date {
  const t = ms(now);
  const today = localDate(t, schedule.timezone);
  const ahead = (weekdayIndex(schedule.weekly.day) - today.weekday + 7) % 7;
  const at = atLocal(addDays(today, ahead), schedule.weekly.time, schedule.timezone);
  return new Date(at >= t ? at : atLocal(addDays(today, ahead + 7), schedule.weekly.time, schedule.timezone));
}

/** The start of the most recent weekly window at or before `now`. */
export function lastWeeklyStart(schedule: Schedule, now: Instant): Date {
  const t = ms(now);
  const today = localDate(t, schedule.timezone);
  const back = (today.weekday - weekdayIndex(schedule.weekly.day) + 7) % 7;
  const at = atLocal(addDays(today, -back), schedule.weekly.time, schedule.timezone);
  return new Date(at <= t ? at : atLocal(addDays(today, -back - 7), schedule.weekly.time, schedule.timezone));
}

/**
 * Whether `now` falls in the weekly window: from its start for `durationMinutes` of elapsed time
 * (so a window spanning a DST change lasts the same real time), start included, end excluded.
 */
export function isInWeeklyWindow(schedule: Schedule, now: Instant, durationMinutes: number): boolean {
  return ms(now) - lastWeeklyStart(schedule, now).getTime() < durationMinutes * 60_000;
}

/**
 * A release started at `now` outside the weekly window is a hotfix (it needs a manager's approval).
 * Decide it once, when the release starts: a weekly release that overruns its window stays weekly.
 */
export function isHotfix(schedule: Schedule, now: Instant, durationMinutes = WEEKLY_WINDOW_MINUTES): boolean {
  return !isInWeeklyWindow(schedule, now, durationMinutes);
}

function ms(now: Instant): number {
  return typeof now === 'number' ? now : now.getTime();
}

function weekdayIndex(day: Weekday): number {
  return WEEKDAYS.indexOf(day) + 1;
}
