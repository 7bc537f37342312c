import { describe, expect, it } from 'vitest';
import { percent, progressBar } from '../../src/format/progress.js';

describe('progressBar', () => {
  it.each<[number, number, number, string]>([
    [0, 10, 10, '░░░░░░░░░░'],
    [5, 10, 10, '█████░░░░░'],
    [10, 10, 10, '██████████'],
    [12, 10, 10, '██████████'],
    [-1, 10, 10, '░░░░░░░░░░'],
    [1, 3, 10, '███▎░░░░░░'],
    [1, 4, 10, '██▌░░░░░░░'],
    [999, 1000, 10, '█████████▉'],
    [1, 1000, 10, '▏░░░░░░░░░'],
    [0, 0, 5, '░░░░░'],
    [3, 4, 0, ''],
  ])('%i of %i in %i cells -> %s', (done, total, width, bar) => {
    const out = progressBar(done, total, width);
    expect(out).toBe(bar);
    expect(Array.from(out)).toHaveLength(Math.max(0, width));
  });
});

describe('percent', () => {
  it.each<[number, number, string]>([
    [0, 12, '0%'],
    [5, 12, '41%'],
    [6, 12, '50%'],
    [999, 1000, '99%'],
    [1000, 1000, '100%'],
    [13, 12, '100%'],
    [0, 0, '0%'],
  ])('%i of %i -> %s', (done, total, text) => {
    expect(percent(done, total)).toBe(text);
  });
});
