import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyPatch, diff } from '../../src/mirror/diff.js';
import { encodeEvent, FEED_VERSION, parseFeedEvent } from '../../src/mirror/protocol.js';
import { createSseParser, SseTooLargeError, type SseEvent } from '../../src/mirror/sse.js';

// The mirror's wire, property-tested: the SSE decoder against any split of the stream and any line ending, and
// patch application against any sequence of states, through encode, chunks and decode, as a watcher gets them.

/** Cuts `text` into pieces at the given fractions: how TCP hands a stream over. */
function chunks(text: string, cuts: readonly number[]): string[] {
  const at = [...new Set(cuts.map((c) => Math.floor(c * text.length)))].sort((a, b) => a - b);
  const out: string[] = [];
  let from = 0;
  for (const to of [...at, text.length]) {
    out.push(text.slice(from, to));
    from = to;
  }
  return out;
}

const cuts = fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 12 });
const name = fc.constantFrom('message', 'snapshot', 'patch', 'heartbeat', 'x-later');
const dataLine = fc.string({ maxLength: 30 }).map((s) => s.replace(/[\r\n]/g, ''));
const event = fc.record({ event: name, lines: fc.array(dataLine, { minLength: 1, maxLength: 4 }), id: fc.option(fc.stringMatching(/^\d{1,4}$/), { nil: undefined }) });
const ending = fc.constantFrom('\n', '\r\n', '\r');

function encode(e: { event: string; lines: readonly string[]; id: string | undefined }, eol: string, comment: boolean): string {
  const lines = [...(comment ? [': keep-alive'] : []), `event: ${e.event}`, ...e.lines.map((l) => `data: ${l}`), ...(e.id !== undefined ? [`id: ${e.id}`] : [])];
  return lines.map((l) => l + eol).join('') + eol;
}

describe('the SSE decoder, property-tested', () => {
  it('decodes the same events however the stream is split and whatever its line endings', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(event, ending, fc.boolean()), { maxLength: 8 }), cuts, (events, at) => {
        const stream = events.map(([e, eol, comment]) => encode(e, eol, comment)).join('');
        const parser = createSseParser();
        const got: SseEvent[] = chunks(stream, at).flatMap((c) => parser.push(c));
        // `id` carries over to later events until a new one is sent, as the SSE standard has it.
        let lastId: string | undefined;
        const expected = events.map(([e]) => {
          lastId = e.id ?? lastId;
          return { event: e.event, data: e.lines.join('\n'), id: lastId };
        });
        expect(got).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('any bytes: events or a size error, never another throw, never more held than the limit', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'binary', maxLength: 80 }), { maxLength: 10 }), (pieces) => {
        const parser = createSseParser(64);
        try {
          for (const piece of pieces) for (const e of parser.push(piece)) expect(e.data.length).toBeLessThanOrEqual(64);
        } catch (error) {
          expect(error).toBeInstanceOf(SseTooLargeError);
        }
      }),
      { numRuns: 300 },
    );
  });
});

// Cockpit-like states: a few sections whose values come and go, lists that grow and shrink, and a log that grows.
const scalar = fc.oneof(fc.string({ maxLength: 8 }), fc.integer(), fc.boolean(), fc.constant(null));
const value: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  v: fc.oneof({ depthSize: 'small' }, scalar, fc.array(tie('v'), { maxLength: 3 }), fc.dictionary(fc.constantFrom('a', 'b', 'c', 'state', 'sha'), tie('v'), { maxKeys: 3 })),
})).v;
const section = fc.dictionary(fc.constantFrom('ci', 'pull', 'steps', 'ppcs', 'notice'), value, { maxKeys: 4 });
const states = fc.tuple(fc.array(fc.tuple(section, fc.string({ maxLength: 10 })), { minLength: 1, maxLength: 8 })).map(([steps]) => {
  let log = '';
  return steps.map(([s, more]) => {
    log += more;
    return { ...s, log };
  });
});

const plain = (x: unknown): unknown => JSON.parse(JSON.stringify(x));

describe('patch application, property-tested', () => {
  it('any sequence of patches, sent as the mirror sends them, rebuilds the primary state from the first snapshot', () => {
    fc.assert(
      fc.property(states, cuts, (sequence, at) => {
        const [first, ...rest] = sequence;
        let wire = encodeEvent('snapshot', { v: FEED_VERSION, seq: 0, state: first } as never);
        let prev: unknown = first;
        rest.forEach((next, i) => {
          wire += encodeEvent('patch', { v: FEED_VERSION, seq: i + 1, ops: diff(prev, next) });
          prev = next;
        });
        const parser = createSseParser();
        let watcher: unknown;
        for (const piece of chunks(wire, at)) {
          for (const e of parser.push(piece)) {
            const body = JSON.parse(e.data) as { state?: unknown; ops?: never };
            if (e.event === 'snapshot') watcher = body.state;
            else watcher = applyPatch(watcher, body.ops ?? []);
          }
        }
        expect(plain(watcher)).toEqual(plain(sequence.at(-1)));
      }),
      { numRuns: 200 },
    );
  });

  it('applying a patch leaves the state it was applied to as it was', () => {
    fc.assert(
      fc.property(section, section, (a, b) => {
        const before = plain(a);
        const after = applyPatch(a, diff(a, b));
        expect(plain(after)).toEqual(plain(b));
        expect(plain(a)).toEqual(before);
      }),
      { numRuns: 200 },
    );
  });

  it('the feed decoder refuses what it cannot use with a protocol error, never another throw', () => {
    fc.assert(
      fc.property(fc.constantFrom('snapshot', 'patch', 'heartbeat', 'end', 'other'), fc.oneof(fc.string({ maxLength: 40 }), fc.jsonValue().map((v) => JSON.stringify(v))), (name, data) => {
        try {
          parseFeedEvent(name, data);
        } catch (error) {
          expect((error as Error).name).toBe('FeedProtocolError');
        }
      }),
      { numRuns: 300 },
    );
  });
});
