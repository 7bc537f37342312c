import type { PaneId } from '../store/state.js';

/**
 * - `grid`: all four panes, two by two (wide and tall terminals).
 * - `split`: the checklist on the left and one other pane on the right (80x24 lands here).
 * - `tabs`: one pane at a time under a tab bar (narrow or short terminals).
 * - `too-small`: a single line asking for a bigger terminal.
 */
export type LayoutKind = 'grid' | 'split' | 'tabs' | 'too-small';

/**
 * What a cell shows: a named pane, `side` (the pane next to the checklist in `split`: the focused pane,
 * or the one the selected step is about) or `main` (the focused pane in `tabs`).
 */
export type CellSlot = PaneId | 'side' | 'main';

export interface Cell {
  readonly slot: CellSlot;
  /** Outer size, borders included. */
  readonly width: number;
  readonly height: number;
}

export interface Layout {
  readonly kind: LayoutKind;
  readonly columns: number;
  readonly rows: number;
  readonly headerHeight: number;
  /** 1 in `tabs` (the tab bar), else 0. */
  readonly tabBarHeight: number;
  readonly footerHeight: number;
  /** The room between header (and tab bar) and footer: panes, or a full-body overlay. */
  readonly body: { readonly width: number; readonly height: number };
  /** Rows of cells, left to right; each row's cells are as tall as the row and as wide as the body together. */
  readonly cells: readonly (readonly Cell[])[];
  /** Lines the whole frame takes: always at most rows - 1 (Ink clears the screen on a frame as tall as the terminal). */
  readonly frameHeight: number;
  /** Rows a list gets inside the smallest pane shown (content height, borders and title excluded). */
  readonly listRows: number;
}

export const MIN_COLUMNS = 40;
export const MIN_ROWS = 12;
const GRID_COLUMNS = 150;
const GRID_ROWS = 40;
const SPLIT_COLUMNS = 72;
const SPLIT_ROWS = 16;

/** Inner size of a pane: one border line above and below, a border and a space of padding each side. */
export function contentSize(cell: { readonly width: number; readonly height: number }): { width: number; height: number } {
  return { width: Math.max(0, cell.width - 4), height: Math.max(0, cell.height - 2) };
}

function clamp(value: number, min: number, max: number): number {
  return Math.max(min, Math.min(max, value));
}

/**
 * The cockpit's layout for a terminal of `columns` x `rows`. Pure, so that every size can be checked
 * without Ink. Non-finite or missing sizes (a pipe, ink-testing-library's undefined rows) fall back to 80x24.
 */
export function computeLayout(columns: number, rows: number): Layout {
  const cols = Number.isFinite(columns) && columns > 0 ? Math.floor(columns) : 80;
  const rws = Number.isFinite(rows) && rows > 0 ? Math.floor(rows) : 24;
  const budget = rws - 1;

  if (cols < MIN_COLUMNS || rws < MIN_ROWS) {
    return {
      kind: 'too-small',
      columns: cols,
      rows: rws,
      headerHeight: 0,
      tabBarHeight: 0,
      footerHeight: 0,
      body: { width: cols, height: Math.min(1, budget) },
      cells: [],
      frameHeight: Math.min(1, budget),
      listRows: 0,
    };
  }

  const kind: LayoutKind =
    cols >= GRID_COLUMNS && rws >= GRID_ROWS ? 'grid' : cols >= SPLIT_COLUMNS && rws >= SPLIT_ROWS ? 'split' : 'tabs';
  const headerHeight = cols >= GRID_COLUMNS || rws < 20 ? 1 : 2;
  const footerHeight = rws < SPLIT_ROWS ? 1 : 2;
  const tabBarHeight = kind === 'tabs' ? 1 : 0;
  const bodyHeight = budget - headerHeight - footerHeight - tabBarHeight;
  const cells = cellsFor(kind, cols, bodyHeight);
  const listRows = Math.min(...cells.flat().map((cell) => contentSize(cell).height));

  return {
    kind,
    columns: cols,
    rows: rws,
    headerHeight,
    tabBarHeight,
    footerHeight,
    body: { width: cols, height: bodyHeight },
    cells,
    frameHeight: headerHeight + tabBarHeight + bodyHeight + footerHeight,
    listRows,
  };
}

function cellsFor(kind: LayoutKind, cols: number, height: number): Cell[][] {
  if (kind === 'grid') {
    const left = Math.round(cols * 0.45);
    const top = Math.ceil(height / 2);
    return [
      [
        { slot: 'checklist', width: left, height: top },
        { slot: 'environments', width: cols - left, height: top },
      ],
      [
        { slot: 'ci', width: left, height: height - top },
        { slot: 'rollout', width: cols - left, height: height - top },
      ],
    ];
  }
  if (kind === 'split') {
    const left = clamp(Math.round(cols * 0.45), 34, 60);
    return [
      [
        { slot: 'checklist', width: left, height },
        { slot: 'side', width: cols - left, height },
      ],
    ];
  }
  return [[{ slot: 'main', width: cols, height }]];
}
