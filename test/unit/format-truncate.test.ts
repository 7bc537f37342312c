import { describe, expect, it } from 'vitest';
import { truncate } from '../../src/format/truncate.js';

describe('truncate', () => {
  it.each<[string, number, string]>([
    ['hello', 10, 'hello'],
    ['hello', 5, 'hello'],
    ['hello world', 5, 'hell…'],
    ['hello', 1, '…'],
    ['hello', 0, ''],
    ['hello', -3, ''],
    ['', 3, ''],
    ['naïve café', 6, 'naïve…'],
    ['a👍b👍c', 3, 'a👍…'],
  ])('%j at %i -> %j', (text, width, out) => {
    expect(truncate(text, width)).toBe(out);
  });

  it('never returns more characters than the width', () => {
    for (let w = 0; w < 12; w += 1) expect(Array.from(truncate('release cockpit', w)).length).toBeLessThanOrEqual(w);
  });
});
