import { describe, expect, it } from 'vitest';
import { computeLayout, contentSize } from '../../src/ui/layout.js';

const SIZES: Array<[number, number]> = [
  [80, 24],
  [100, 30],
  [200, 50],
  [60, 20],
  [120, 14],
  [150, 40],
  [72, 16],
  [40, 12],
  [39, 40],
  [300, 11],
];

describe('computeLayout', () => {
  it.each(SIZES)('at %ix%i never draws a frame taller than rows - 1 or wider than the terminal', (columns, rows) => {
    const layout = computeLayout(columns, rows);
    expect(layout.frameHeight).toBeLessThanOrEqual(rows - 1);
    expect(layout.headerHeight + layout.tabBarHeight + layout.body.height + layout.footerHeight).toBe(layout.frameHeight);
    for (const row of layout.cells) {
      expect(row.reduce((sum, cell) => sum + cell.width, 0)).toBe(columns);
      for (const cell of row) expect(cell.height).toBe(row[0]?.height);
    }
    expect(layout.cells.reduce((sum, row) => sum + (row[0]?.height ?? 0), 0)).toBe(layout.cells.length ? layout.body.height : 0);
  });

  it('puts the checklist beside one other pane at 80x24', () => {
    const layout = computeLayout(80, 24);
    expect(layout.kind).toBe('split');
    expect(layout.cells).toHaveLength(1);
    expect(layout.cells[0]?.map((cell) => cell.slot)).toEqual(['checklist', 'side']);
    expect(layout.frameHeight).toBe(23);
    // Enough room for the weekly playbook's ten steps plus an expanded one.
    expect(contentSize(layout.cells[0]![0]!).height).toBeGreaterThanOrEqual(16);
    expect(contentSize(layout.cells[0]![1]!).width).toBeGreaterThanOrEqual(40);
  });

  it('shows all four panes at 200x50', () => {
    const layout = computeLayout(200, 50);
    expect(layout.kind).toBe('grid');
    expect(layout.cells.flat().map((cell) => cell.slot).sort()).toEqual(['checklist', 'ci', 'environments', 'rollout']);
    expect(layout.frameHeight).toBe(49);
    expect(layout.listRows).toBeGreaterThanOrEqual(20);
  });

  it('falls back to tabs when the terminal is narrow or short', () => {
    expect(computeLayout(60, 20).kind).toBe('tabs');
    expect(computeLayout(120, 14).kind).toBe('tabs');
    expect(computeLayout(60, 20).tabBarHeight).toBe(1);
  });

  it('asks for a bigger terminal below 40x12, in one line', () => {
    const layout = computeLayout(39, 40);
    expect(layout.kind).toBe('too-small');
    expect(layout.frameHeight).toBe(1);
  });

  it('treats a missing size (a pipe, a test renderer) as 80x24', () => {
    expect(computeLayout(Number.NaN, undefined as unknown as number)).toMatchObject({ columns: 80, rows: 24, kind: 'split' });
  });
});
