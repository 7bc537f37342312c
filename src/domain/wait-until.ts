import { failed, met, waiting } from './condition.js';
import { clockMinutes } from './local-time.js';
import type { GateCondition, StepDefinition } from './playbook.js';
import type { ReleaseView } from './release-view.js';
import { dayTimeLabel, windowState, type MaintenanceWindow, type ShortDay } from './rollout-window.js';
import { WEEKLY_WINDOW_MINUTES, type Schedule } from './schedule.js';

/** A window a `wait-until` step waits for, in the schedule's time zone, with the name its condition says. */
export interface WaitWindow {
  /** "the weekly window", "acme's maintenance window". */
  readonly name: string;
  readonly window: MaintenanceWindow;
}

const SHORT: Readonly<Record<Schedule['weekly']['day'], ShortDay>> = {
  monday: 'mon',
  tuesday: 'tue',
  wednesday: 'wed',
  thursday: 'thu',
  friday: 'fri',
  saturday: 'sat',
  sunday: 'sun',
};

/** The weekly release window as a wall-clock window: its day, from its time for `minutes` (over midnight if need be). */
export function weeklyWaitWindow(schedule: Schedule, minutes = WEEKLY_WINDOW_MINUTES): WaitWindow {
  const end = (clockMinutes(schedule.weekly.time) + minutes) % (24 * 60);
  const to = `${String(Math.floor(end / 60)).padStart(2, '0')}:${String(end % 60).padStart(2, '0')}`;
  return { name: 'the weekly window', window: { days: [SHORT[schedule.weekly.day]], from: schedule.weekly.time, to } };
}

/**
 * Met while the step's window is open, so a release never goes on before it (a production change only in the
 * weekly window, a customer only in its maintenance window); waiting says how long to go, in the schedule's zone.
 */
export function waitUntilCondition(step: StepDefinition, view: ReleaseView): GateCondition {
  const { until } = step;
  if (!until) return failed('no window to wait for: the playbook gives this step no "until"');
  const zone = view.meta.timezone;
  let state: ReturnType<typeof windowState>;
  try {
    state = windowState(until.window, zone, view.now);
  } catch (error) {
    return failed(`${until.name} cannot be read: ${error instanceof Error ? error.message : String(error)}`);
  }
  const at = `${dayTimeLabel(state.changesAt, zone)} ${zone}`;
  if (state.isOpen) return met(`${until.name} is open (until ${at})`);
  return waiting(`${until.name} opens in ${spanText(state.changesAt - view.now)} (${at})`);
}

/** "45m", "3h 05m", "2d 4h": rounded up, so a window still to come never reads as "0m". */
function spanText(ms: number): string {
  const m = Math.max(1, Math.ceil(ms / 60_000));
  if (m < 60) return `${m}m`;
  const h = Math.floor(m / 60);
  if (h < 24) return `${h}h ${String(m % 60).padStart(2, '0')}m`;
  return `${Math.floor(h / 24)}d ${h % 24}h`;
}
