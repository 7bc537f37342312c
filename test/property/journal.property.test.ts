import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WEEKLY_PLAYBOOK } from '../../src/domain/weekly-playbook.js';
import type { UnstampedEvent } from '../../src/journal/events.js';
import { parseJournal } from '../../src/journal/parse.js';
import { replay } from '../../src/journal/replay.js';
import { LIMITS } from '../../src/limits.js';
import { CANDIDATE, journal, RELEASE, step } from '../helpers/journal-fixtures.js';

// The journal's parse and replay, property-tested: a crash can cut the file anywhere, and a disk or an editor
// can damage any line. Whatever is left replays to the release as far as it got; damage is reported, never fatal.

const ids = WEEKLY_PLAYBOOK.steps.map((s) => s.id);
const stepEvent: fc.Arbitrary<UnstampedEvent> = fc
  .tuple(fc.constantFrom(...ids), fc.constantFrom('active', 'running', 'done', 'skipped', 'failed') as fc.Arbitrary<'active' | 'running' | 'done' | 'skipped' | 'failed'>, fc.nat(60), fc.string({ maxLength: 30 }))
  .map(([id, status, minute, reason]) => step(id, status, minute, status === 'skipped' ? { reason: reason || 'why not', finished: minute + 1 } : status === 'done' ? { finished: minute + 1 } : {}));
const other: fc.Arbitrary<UnstampedEvent> = fc.oneof(
  fc.constant({ type: 'candidate', sha: CANDIDATE } as UnstampedEvent),
  fc.string({ maxLength: 40 }).map((text) => ({ type: 'note', text }) as UnstampedEvent),
);
const release = fc.array(fc.oneof(stepEvent, other), { maxLength: 25 }).map((rest) => journal([0, RELEASE], ...rest.map((e, i) => [i + 1, e] as const)));
const text = (events: readonly unknown[]): string => events.map((e) => `${JSON.stringify(e)}\n`).join('');

/** A line that is no journal event: not JSON, JSON of another shape, or an event without a time. */
const damage = fc.oneof(
  fc.string({ minLength: 1, maxLength: 60 }).map((s) => `#${s.replace(/[\r\n]/g, ' ')}`),
  fc.jsonValue().map((v) => JSON.stringify(v)).filter((s) => !s.includes('\n') && !(s.startsWith('{') && s.includes('"at"'))),
  fc.constant('{"type":"step","at":"not a time"}'),
);

describe('journal parse and replay, property-tested', () => {
  it('any prefix of a journal (a crash mid-write) parses to a prefix of its events, the cut line reported', () => {
    fc.assert(
      fc.property(release, fc.double({ min: 0, max: 1, noNaN: true }), (events, where) => {
        const full = text(events);
        const cut = Math.floor(full.length * where);
        const parsed = parseJournal(full.slice(0, cut));
        // Every line that is whole in the prefix, and nothing else.
        let complete = 0;
        for (let end = 0, i = 0; i < events.length; i += 1) {
          end += JSON.stringify(events[i]).length;
          if (end <= cut) complete += 1;
          end += 1;
        }
        expect(parsed.events).toEqual(events.slice(0, complete));
        expect(parsed.problems.length).toBeLessThanOrEqual(1);
        for (const problem of parsed.problems) expect(problem.text).toMatch(/was cut off/);
        const snapshot = replay(parsed.events);
        if (complete === 0) expect(snapshot).toBeUndefined();
        else expect(snapshot).toEqual(replay(events.slice(0, complete)));
      }),
      { numRuns: 200 },
    );
  });

  it('a damaged line anywhere is reported by its number and skipped; every other event still counts', () => {
    fc.assert(
      fc.property(release, damage, fc.nat(30), (events, bad, where) => {
        const lines = text(events).split('\n').slice(0, -1);
        const at = where % (lines.length + 1);
        lines.splice(at, 0, bad);
        const parsed = parseJournal(`${lines.join('\n')}\n`);
        expect(parsed.events).toEqual(events);
        expect(parsed.problems.map((p) => p.line)).toEqual([at + 1]);
        expect(replay(parsed.events)).toEqual(replay(events));
      }),
      { numRuns: 200 },
    );
  });

  it('a line longer than the largest accepted is reported and skipped without being parsed', () => {
    const events = journal([0, RELEASE]);
    const long = JSON.stringify({ type: 'note', at: events[0]?.at, text: 'x'.repeat(LIMITS.journalLineBytes) });
    const parsed = parseJournal(`${text(events)}${long}\n`);
    expect(parsed.events).toEqual(events);
    expect(parsed.problems).toEqual([{ line: 2, text: 'line 2 is longer than the largest journal line accepted (1 MiB) and is ignored' }]);
  });
});
