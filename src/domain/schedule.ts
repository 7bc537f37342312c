import { DateTime, IANAZone } from 'luxon';

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
const DAY_MS = 86_400_000;

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

interface LocalDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  /** 1 = Monday … 7 = Sunday (ISO, as luxon). */
  readonly weekday: number;
}

function ms(now: Instant): number {
  return typeof now === 'number' ? now : now.getTime();
}

function weekdayIndex(day: Weekday): number {
  return WEEKDAYS.indexOf(day) + 1;
}

function localDate(t: number, zone: string): LocalDate {
  const dt = DateTime.fromMillis(t, { zone });
  if (!dt.isValid) throw new RangeError(`unknown time zone "${zone}"`);
  return { year: dt.year, month: dt.month, day: dt.day, weekday: dt.weekday };
}

/** Calendar arithmetic on a date alone, free of any zone. */
function addDays(d: LocalDate, n: number): LocalDate {
  const u = new Date(Date.UTC(d.year, d.month - 1, d.day + n));
  return { year: u.getUTCFullYear(), month: u.getUTCMonth() + 1, day: u.getUTCDate(), weekday: ((u.getUTCDay() + 6) % 7) + 1 };
}

/** The instant (epoch ms) at which the wall clock in `zone` shows `clock` on date `d`. */
function atLocal(d: LocalDate, clock: string, zone: string): number {
  const m = /^(\d{2}):(\d{2})$/.exec(clock);
  const hour = Number(m?.[1]);
  const minute = Number(m?.[2]);
  if (!m || hour > 23 || minute > 59) throw new RangeError(`expected a time "HH:MM", got "${clock}"`);
  const wall = Date.UTC(d.year, d.month - 1, d.day, hour, minute);
  const z = IANAZone.create(zone);
  // Real zones change offset at most once within a day either side, so the offsets a day before and a
  // day after are the only candidates.
  const before = z.offset(wall - DAY_MS);
  const after = z.offset(wall + DAY_MS);
  const candidates = [wall - before * 60_000, wall - after * 60_000].filter((t, i) => z.offset(t) === (i === 0 ? before : after));
  if (candidates.length > 0) return Math.min(...candidates);
  // In the spring-forward gap: reading the wall time with the offset from before the change lands
  // after the gap by the same distance, which is what luxon does.
  return wall - before * 60_000;
}
