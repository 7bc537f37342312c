import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.js';
import { parsePlaybook } from '../../src/config/playbook-file.js';
import { advance } from '../../src/domain/checklist.js';
import { UsageError } from '../../src/exit-codes.js';
import { createCockpitStore } from '../../src/store/create-cockpit-store.js';
import { selectReleaseView } from '../../src/store/selectors.js';

// The fixture's schedule: Europe/Berlin, weekly on Tuesday at 14:00; umbrella's window is Sat/Sun 22:00-06:00.
const config = parseConfig(readFileSync(new URL('../fixtures/configs/valid.yaml', import.meta.url), 'utf8'), 'valid.yaml');

const TEAM = `name: Production in its window
steps:
  - type: wait-until
    title: Wait for the weekly window
    until: weekly-window
  - type: manual
    title: Tell support
  - type: wait-until
    id: wait-umbrella
    until: { customer: umbrella }
  - type: wait-until
    id: wait-friday
    until: { days: [fri], from: "09:00", to: "12:00" }
  - type: release-complete
`;

function problem(text: string): string {
  try {
    parsePlaybook(text, 'team.yaml', config);
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }
  throw new Error('the playbook was accepted');
}

describe('a team playbook with wait-until steps', () => {
  it('loads, each step holding the window it names in the schedule time zone', () => {
    const playbook = parsePlaybook(TEAM, 'team.yaml', config);
    expect(playbook.steps.map((s) => `${s.id}:${s.type}:${s.kind}`)).toEqual([
      'wait-until:wait-until:gate',
      'tell-support:manual:manual',
      'wait-umbrella:wait-until:gate',
      'wait-friday:wait-until:gate',
      'release-complete:release-complete:gate',
    ]);
    expect(playbook.steps[0]).toMatchObject({ title: 'Wait for the weekly window', until: { name: 'the weekly window', window: { days: ['tue'], from: '14:00', to: '18:00' } } });
    expect(playbook.steps[2]?.until).toEqual({ name: "umbrella's maintenance window", window: { days: ['sat', 'sun'], from: '22:00', to: '06:00' } });
    expect(playbook.steps[3]?.until).toEqual({ name: 'the window', window: { days: ['fri'], from: '09:00', to: '12:00' } });
  });

  it('holds the release at the window until it opens, then moves on', () => {
    const playbook = parsePlaybook(TEAM, 'team.yaml', config);
    const walk = (iso: string) => {
      const store = createCockpitStore({ playbook, now: Date.parse(iso), meta: { timezone: config.schedule.timezone } });
      const state = store.getState();
      return advance(state.checklist.steps, playbook, selectReleaseView(state), state.now).map((s) => s.status);
    };
    // Tuesday 1 December 2026, 13:00 and 14:00 in Berlin.
    expect(walk('2026-12-01T12:00:00Z')).toEqual(['active', 'pending', 'pending', 'pending', 'pending']);
    expect(walk('2026-12-01T13:00:00Z')).toEqual(['done', 'active', 'pending', 'pending', 'pending']);
  });

  it.each([
    ['a wait-until without a window', 'name: Ours\nsteps:\n  - type: wait-until\n', 'steps[0].until (line 3): missing; a wait-until step needs a window: weekly-window, { customer: ID } or { days, from, to }'],
    ['a window on another step', 'name: Ours\nsteps:\n  - type: review-changes\n    until: weekly-window\n', 'steps[0].until (line 4): only a wait-until step waits for a window; "review-changes" takes no until'],
    ['a customer the config lacks', 'name: Ours\nsteps:\n  - type: wait-until\n    until: { customer: umbrela }\n', 'did you mean "umbrella"?'],
    ['a customer without a window', 'name: Ours\nsteps:\n  - type: wait-until\n    until: { customer: hooli }\n', 'customer "hooli" has no maintenance window in the config (ppcs.customers[].window)'],
    ['a window that is none of the three', 'name: Ours\nsteps:\n  - type: wait-until\n    until: monthly\n', 'steps[0].until (line 4): expected weekly-window, { customer: ID } or { days, from, to }, found "monthly"'],
    ['a window with a time that is no time', 'name: Ours\nsteps:\n  - type: wait-until\n    until: { from: "25:00", to: "06:00" }\n', 'steps[0].until'],
    ['two wait-until steps with one id', 'name: Ours\nsteps:\n  - type: wait-until\n    until: weekly-window\n  - type: wait-until\n    until: weekly-window\n', 'the id "wait-until" is taken by steps[0]; every step needs its own id'],
  ])('refuses %s', (_what, text, message) => {
    expect(problem(text)).toContain(message);
  });
});
