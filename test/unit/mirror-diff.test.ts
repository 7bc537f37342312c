import { describe, expect, it } from 'vitest';
import { applyPatch, diff, PatchError, type PatchOp } from '../../src/mirror/diff.js';

/** What a watcher ends up with: the ops after a trip through JSON, applied to the previous state as JSON. */
function roundTrip(prev: unknown, next: unknown): unknown {
  const ops = JSON.parse(JSON.stringify(diff(prev, next))) as PatchOp[];
  return applyPatch(JSON.parse(JSON.stringify(prev)), ops);
}

describe('diff and applyPatch', () => {
  it.each([
    ['a changed field deep inside', { a: { b: { c: 1, d: 2 } } }, { a: { b: { c: 1, d: 3 } } }],
    ['a new key and a removed one', { a: 1, b: 2 }, { a: 1, c: 3 }],
    ['a key set to undefined, which JSON drops', { a: 1, b: 2 }, { a: 1, b: undefined }],
    ['a list that grew', { list: [1, 2] }, { list: [1, 2, 3] }],
    ['a list of objects with one changed', { list: [{ id: 'a', s: 'ok' }, { id: 'b', s: 'ok' }, { id: 'c', s: 'ok' }] }, { list: [{ id: 'a', s: 'ok' }, { id: 'b', s: 'failed' }, { id: 'c', s: 'ok' }] }],
    ['null to an object and back', { pull: null }, { pull: { number: 7 } }],
    ['a log tail that grew', { log: { text: 'line 1\n' } }, { log: { text: 'line 1\nline 2\n' } }],
    ['a log tail cut at its start', { log: { text: 'line 1\nline 2\n' } }, { log: { text: 'line 2\nline 3\n' } }],
  ])('carries %s', (_what, prev, next) => {
    expect(roundTrip(prev, next)).toEqual(JSON.parse(JSON.stringify(next)));
  });

  it('says nothing for states equal as JSON, even when they are different objects', () => {
    expect(diff({ a: { b: [1, { c: 2 }] }, u: undefined }, { a: { b: [1, { c: 2 }] } })).toEqual([]);
  });

  it('touches only what changed: one PPC of a thousand is one small op', () => {
    const ppcs = Array.from({ length: 1000 }, (_, i) => ({ id: `c${i}`, state: 'pending' }));
    const next = ppcs.map((p, i) => (i === 500 ? { ...p, state: 'updating' } : p));
    expect(diff({ rollout: { ppcs } }, { rollout: { ppcs: next } })).toEqual([{ op: 'set', path: ['rollout', 'ppcs', 500, 'state'], value: 'updating' }]);
  });

  it('sends a grown log as the new text only', () => {
    expect(diff({ text: 'abc' }, { text: 'abcdef' })).toEqual([{ op: 'append', path: ['text'], value: 'def' }]);
  });

  it('keeps every unchanged part by reference, so selectors that cache by reference stay valid', () => {
    const doc = { a: { x: 1 }, b: { y: [1, 2] }, c: { z: 3 } };
    const next = applyPatch(doc, [{ op: 'set', path: ['a', 'x'], value: 2 }]);
    expect(next).toEqual({ a: { x: 2 }, b: { y: [1, 2] }, c: { z: 3 } });
    expect(next.b).toBe(doc.b);
    expect(next.c).toBe(doc.c);
    expect(doc.a.x).toBe(1);
  });

  it('refuses ops that do not fit, or reach for a prototype', () => {
    const doc = { a: { b: 1 }, list: [1] };
    expect(() => applyPatch(doc, [{ op: 'set', path: ['missing', 'b'], value: 1 }])).toThrow(PatchError);
    expect(() => applyPatch(doc, [{ op: 'append', path: ['a', 'b'], value: 'x' }])).toThrow(PatchError);
    expect(() => applyPatch(doc, [{ op: 'set', path: ['list', 5], value: 1 }])).toThrow(PatchError);
    expect(() => applyPatch(doc, [{ op: 'remove', path: ['list', 0] }])).toThrow(PatchError);
    expect(() => applyPatch(doc, JSON.parse('[{"op":"set","path":["__proto__","polluted"],"value":true}]'))).toThrow(PatchError);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(() => applyPatch(doc, [{ op: 'move', path: ['a'] } as unknown as PatchOp])).toThrow(PatchError);
  });
});
