import { describe, expect, it } from 'vitest';
import { gateCondition } from '../../src/domain/gates.js';
import type { StepDefinition } from '../../src/domain/playbook.js';
import { builtInStep } from '../../src/domain/step-catalogue.js';
import { weeklyWaitWindow, type WaitWindow } from '../../src/domain/wait-until.js';
import { WEEKLY_PLAYBOOK } from '../../src/domain/weekly-playbook.js';
import { createCockpitStore } from '../../src/store/create-cockpit-store.js';
import { selectReleaseView } from '../../src/store/selectors.js';

const BERLIN = { timezone: 'Europe/Berlin', nightly: '02:00', weekly: { day: 'tuesday', time: '14:00' } } as const;
const envs = { from: 'staging', to: 'production' };

function waitFor(until: WaitWindow | undefined): StepDefinition {
  return { ...builtInStep('wait-until', envs), ...(until ? { until } : {}) };
}

/** The condition at instant `iso` with the schedule in `timezone`. */
function at(iso: string, step: StepDefinition, timezone = 'Europe/Berlin') {
  const store = createCockpitStore({ playbook: { ...WEEKLY_PLAYBOOK, steps: [step] }, now: Date.parse(iso), meta: { timezone } });
  return gateCondition(step, selectReleaseView(store.getState()));
}

// Tuesday 1 December 2026: Berlin is on CET (UTC+1), so the weekly window opens at 13:00Z and closes at 17:00Z.
describe('wait-until the weekly window', () => {
  const step = waitFor(weeklyWaitWindow(BERLIN));

  it('is the schedule day from its time for the usual four hours', () => {
    expect(weeklyWaitWindow(BERLIN)).toEqual({ name: 'the weekly window', window: { days: ['tue'], from: '14:00', to: '18:00' } });
    expect(weeklyWaitWindow({ ...BERLIN, weekly: { day: 'sunday', time: '22:30' } }).window).toEqual({ days: ['sun'], from: '22:30', to: '02:30' });
  });

  it('waits before the window and says how long to go, in the schedule time zone', () => {
    expect(at('2026-12-01T12:00:00Z', step)).toEqual({ isMet: false, isFailed: false, text: 'the weekly window opens in 1h 00m (Tue 14:00 Europe/Berlin)' });
    expect(at('2026-12-01T12:59:30Z', step).text).toBe('the weekly window opens in 1m (Tue 14:00 Europe/Berlin)');
    expect(at('2026-11-28T09:00:00Z', step).text).toBe('the weekly window opens in 3d 4h (Tue 14:00 Europe/Berlin)');
  });

  it('is met from the moment the window opens until it closes', () => {
    expect(at('2026-12-01T13:00:00Z', step)).toEqual({ isMet: true, isFailed: false, text: 'the weekly window is open (until Tue 18:00 Europe/Berlin)' });
    expect(at('2026-12-01T16:59:59Z', step).isMet).toBe(true);
  });

  it('waits for next week once the window has closed', () => {
    expect(at('2026-12-01T17:00:00Z', step)).toEqual({ isMet: false, isFailed: false, text: 'the weekly window opens in 6d 20h (Tue 14:00 Europe/Berlin)' });
    expect(at('2026-12-01T18:00:00Z', step).text).toBe('the weekly window opens in 6d 19h (Tue 14:00 Europe/Berlin)');
  });

  it('reads the window in the schedule time zone: the same instant is inside it in Berlin and before it in UTC', () => {
    const utc = waitFor(weeklyWaitWindow({ ...BERLIN, timezone: 'UTC' }));
    expect(at('2026-12-01T13:30:00Z', step).isMet).toBe(true);
    expect(at('2026-12-01T13:30:00Z', utc, 'UTC')).toEqual({ isMet: false, isFailed: false, text: 'the weekly window opens in 30m (Tue 14:00 UTC)' });
  });

  it('keeps wall-clock times across a daylight-saving change (Berlin on CEST in June: 14:00 is 12:00Z)', () => {
    // Tuesday 2 June 2026.
    expect(at('2026-06-02T11:59:00Z', step).text).toBe('the weekly window opens in 1m (Tue 14:00 Europe/Berlin)');
    expect(at('2026-06-02T12:00:00Z', step).isMet).toBe(true);
  });
});

describe('wait-until a window of its own', () => {
  const overnight = waitFor({ name: "umbrella's maintenance window", window: { days: ['sat', 'sun'], from: '22:00', to: '06:00' } });

  it('waits for the opening and is met through the night into the next day', () => {
    // Saturday 5 December 2026, 20:00 Berlin.
    expect(at('2026-12-05T19:00:00Z', overnight).text).toBe("umbrella's maintenance window opens in 2h 00m (Sat 22:00 Europe/Berlin)");
    expect(at('2026-12-06T02:00:00Z', overnight)).toEqual({ isMet: true, isFailed: false, text: "umbrella's maintenance window is open (until Sun 06:00 Europe/Berlin)" });
  });

  it('fails without a window, and for a time zone the runtime does not know', () => {
    expect(at('2026-12-01T12:00:00Z', waitFor(undefined))).toEqual({ isMet: false, isFailed: true, text: 'no window to wait for: the playbook gives this step no "until"' });
    expect(at('2026-12-01T12:00:00Z', overnight, 'Mars/Olympus').isFailed).toBe(true);
  });
});
