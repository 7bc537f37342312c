import { describe, expect, it } from 'vitest';
import { formatDuration } from '../../src/format/duration.js';

const S = 1000;
const M = 60 * S;
const H = 60 * M;
const D = 24 * H;

describe('formatDuration', () => {
  it.each<[number, string]>([
    [0, '0s'],
    [999, '0s'],
    [45 * S, '45s'],
    [59 * S + 999, '59s'],
    [60 * S, '1m 00s'],
    [3 * M + 12 * S, '3m 12s'],
    [3 * M + 5 * S, '3m 05s'],
    [59 * M + 59 * S, '59m 59s'],
    [H, '1h 00m'],
    [2 * H + 5 * M + 30 * S, '2h 05m'],
    [23 * H + 59 * M, '23h 59m'],
    [D, '1d 0h'],
    [3 * D + 4 * H + 30 * M, '3d 4h'],
    [400 * D, '400d 0h'],
    [-5 * S, '0s'],
    [Number.NaN, '0s'],
  ])('%d ms -> %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});
