import { DateTime } from 'luxon';
import { addDays, atLocal, clockMinutes, localDate, type LocalDate } from './local-time.js';

/** A day of the week as the config spells it. */
export type ShortDay = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';

/**
 * A customer's maintenance window, in the schedule's time zone: it opens at `from` on each of `days` (every
 * day without them) and closes at the next `to`, so `from` later than `to` runs overnight into the next day
 * and `from` equal to `to` lasts a whole day. `CustomerConfig['window']` fits this shape.
 */
export interface MaintenanceWindow {
  readonly days?: readonly ShortDay[];
  readonly from: string;
  readonly to: string;
}

export interface WindowState {
  readonly isOpen: boolean;
  /** Open: when it closes. Closed: when it next opens. Epoch ms. */
  readonly changesAt: number;
}

const DAYS: readonly ShortDay[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const DAY_MS = 86_400_000;
/** Every listed day recurs within a week, so eight days ahead always find the next opening. */
const LOOK_AHEAD_DAYS = 8;

/**
 * Whether `window` is open at `now` in `zone`, and when that changes. Wall-clock times throughout: a window
 * "22:00-06:00" opens at 22:00 local and closes at 06:00 local on either side of a DST change, whatever the
 * real length of that night.
 *
 * Decisions (as `nextNightly` in schedule.ts): a time inside the spring-forward gap moves forward by the length
 * of the gap; a time that happens twice means its first occurrence. The opening instant belongs to the window,
 * the closing one does not. Throws RangeError for an unknown zone or a time that is not "HH:MM".
 */
export function windowState(window: MaintenanceWindow, zone: string, now: number): WindowState {
  const today = localDate(now, zone);
  // Yesterday's overnight window may still be open; windows that touch (whole days) run on as one.
  let open: { from: number; to: number } | undefined;
  for (let i = -1; i <= LOOK_AHEAD_DAYS; i += 1) {
    const interval = intervalOn(window, zone, addDays(today, i));
    if (!interval) continue;
    if (open) {
      if (interval.from > open.to) break;
      open.to = Math.max(open.to, interval.to);
      continue;
    }
    if (interval.from <= now && now < interval.to) open = { ...interval };
    else if (interval.from > now) return { isOpen: false, changesAt: interval.from };
  }
  if (open) return { isOpen: true, changesAt: open.to };
  // Unreachable with at least one listed day; kept total.
  return { isOpen: false, changesAt: now + 7 * DAY_MS };
}

export function isInWindow(window: MaintenanceWindow, zone: string, now: number): boolean {
  return windowState(window, zone, now).isOpen;
}

/** When the window next opens: `now` itself when it is open now. */
export function nextWindowStart(window: MaintenanceWindow, zone: string, now: number): number {
  const state = windowState(window, zone, now);
  return state.isOpen ? now : state.changesAt;
}

/** "Sat 22:00": a moment within the coming week, as the rollout rows name a window's opening. */
export function dayTimeLabel(at: number, zone: string): string {
  return DateTime.fromMillis(at, { zone }).setLocale('en-US').toFormat('ccc HH:mm');
}

/** "15:04": a moment within the coming hour or so. */
export function clockLabel(at: number, zone: string): string {
  return DateTime.fromMillis(at, { zone }).toFormat('HH:mm');
}

/** The window that opens on `d`, as instants, or undefined when `d` is not one of its days (or it is empty that day). */
function intervalOn(window: MaintenanceWindow, zone: string, d: LocalDate): { from: number; to: number } | undefined {
  const day = DAYS[d.weekday - 1];
  if (window.days && day && !window.days.includes(day)) return undefined;
  const from = atLocal(d, window.from, zone);
  const to = atLocal(clockMinutes(window.from) < clockMinutes(window.to) ? d : addDays(d, 1), window.to, zone);
  // A window inside the spring-forward gap ("02:00-03:00" that night in Berlin) does not happen that day.
  return to > from ? { from, to } : undefined;
}
