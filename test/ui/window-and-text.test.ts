import { describe, expect, it } from 'vitest';
import { moreLine } from '../../src/ui/components/windowed-list.js';
import { fit, pad, wrapLines } from '../../src/ui/text.js';
import { sliceWindow, windowFor } from '../../src/ui/window.js';

describe('windowFor', () => {
  it('shows a list that fits whole, with no "more" line', () => {
    expect(windowFor(5, 4, 5)).toEqual({ start: 0, end: 5, above: 0, below: 0 });
  });

  it('keeps one line for "N more" and the cursor in view, from the top to the very end', () => {
    for (const cursor of [0, 1, 500, 9_998, 9_999]) {
      const w = windowFor(10_000, cursor, 10);
      expect(w.end - w.start).toBe(9);
      expect(cursor).toBeGreaterThanOrEqual(w.start);
      expect(cursor).toBeLessThan(w.end);
      expect(w.above + (w.end - w.start) + w.below).toBe(10_000);
    }
    expect(windowFor(10_000, 9_999, 10)).toMatchObject({ end: 10_000, below: 0 });
  });

  it('shows nothing in no room, and clamps a cursor past the end', () => {
    expect(windowFor(10, 3, 0)).toEqual({ start: 0, end: 0, above: 0, below: 10 });
    expect(windowFor(20, 99, 5)).toMatchObject({ end: 20 });
  });

  it('slices only the window', () => {
    const items = Array.from({ length: 1000 }, (_, i) => i);
    const { rows, window } = sliceWindow(items, 600, 6);
    expect(rows).toHaveLength(5);
    expect(rows).toContain(600);
    expect(moreLine(window)).toBe(`↓ ${window.below} more · ↑ ${window.above} above`);
  });
});

describe('text fitting', () => {
  it('cuts with an ellipsis and flattens newlines', () => {
    expect(fit('Fix the login redirect', 10)).toBe('Fix the l…');
    expect(fit('a\nb', 5)).toBe('a b');
    expect(fit('abc', 0)).toBe('');
    expect(pad('ab', 4)).toBe('ab  ');
    expect(pad('abcdef', 4)).toBe('abc…');
  });

  it('wraps words into lines and marks what is left out', () => {
    expect(wrapLines('staging is 14 commits ahead of production', 20, 3)).toEqual(['staging is 14', 'commits ahead of', 'production']);
    expect(wrapLines('one two three four five six', 9, 2)).toEqual(['one two', 'three…']);
    for (const l of wrapLines('a b c d e f g h i j k l m n o p', 5, 2)) expect(Array.from(l).length).toBeLessThanOrEqual(5);
  });
});
