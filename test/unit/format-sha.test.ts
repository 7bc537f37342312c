import { describe, expect, it } from 'vitest';
import { shortShaOrUnknown } from '../../src/format/sha.js';

describe('shortShaOrUnknown', () => {
  it.each<[string | undefined, string]>([
    ['3084677c2c188840777bff30054f2b553729d329', '3084677'],
    ['abc1234', 'abc1234'],
    ['abc', 'abc'],
    ['', '?'],
    [undefined, '?'],
  ])('%j -> %s', (sha, text) => {
    expect(shortShaOrUnknown(sha)).toBe(text);
  });
});
