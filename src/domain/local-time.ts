import { DateTime, IANAZone } from 'luxon';

/**
 * Wall-clock arithmetic in a named time zone, shared by the release schedule and the PPC maintenance windows so
 * that daylight-saving changes are handled in exactly one place.
 */

const DAY_MS = 86_400_000;

/** A calendar date as the wall clock in some zone shows it. */
export interface LocalDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  /** 1 = Monday … 7 = Sunday (ISO, as luxon). */
  readonly weekday: number;
}

/** Minutes after midnight of a 24-hour "HH:MM". */
export function clockMinutes(clock: string): number {
  const m = /^(\d{2}):(\d{2})$/.exec(clock);
  const hour = Number(m?.[1]);
  const minute = Number(m?.[2]);
  if (!m || hour > 23 || minute > 59) throw new RangeError(`expected a time "HH:MM", got "${clock}"`);
  return hour * 60 + minute;
}

/** The date the wall clock in `zone` shows at instant `t`. */
export function localDate(t: number, zone: string): LocalDate {
  const dt = DateTime.fromMillis(t, { zone });
  if (!dt.isValid) throw new RangeError(`unknown time zone "${zone}"`);
  return { year: dt.year, month: dt.month, day: dt.day, weekday: dt.weekday };
}

/** Calendar arithmetic on a date alone, free of any zone. */
export function addDays(d: LocalDate, n: number): LocalDate {
  const u = new Date(Date.UTC(d.year, d.month - 1, d.day + n));
  return { year: u.getUTCFullYear(), month: u.getUTCMonth() + 1, day: u.getUTCDate(), weekday: ((u.getUTCDay() + 6) % 7) + 1 };
}

/**
 * The instant (epoch ms) at which the wall clock in `zone` shows `clock` on date `d`. A time that happens twice
 * (fall back) means its first occurrence; one that does not exist (spring forward) moves forward by the gap.
 */
export function atLocal(d: LocalDate, clock: string, zone: string): number {
  const total = clockMinutes(clock);
  const wall = Date.UTC(d.year, d.month - 1, d.day, Math.floor(total / 60), total % 60);
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

/** "Tue 02:00": how the wall clock in `zone` reads at `t`, for texts that name a window. */
export function wallClockText(t: number, zone: string): string {
  const dt = DateTime.fromMillis(t, { zone });
  return dt.isValid ? dt.toFormat('ccc HH:mm') : new Date(t).toISOString().slice(0, 16);
}
