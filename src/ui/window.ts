/** Which slice of a long list to draw: pure, so that the windowing is tested without Ink. */
export interface ListWindow {
  /** Index of the first row drawn. */
  readonly start: number;
  /** One past the last row drawn. */
  readonly end: number;
  /** Rows hidden above and below the window. */
  readonly above: number;
  readonly below: number;
}

/**
 * The window of a list of `total` rows that keeps `cursor` in view within `height` lines. When the list does
 * not fit, one line is kept for the "N more" summary, so the list never takes more than `height` lines.
 */
export function windowFor(total: number, cursor: number, height: number): ListWindow {
  if (height <= 0 || total <= 0) return { start: 0, end: 0, above: 0, below: Math.max(0, total) };
  if (total <= height) return { start: 0, end: total, above: 0, below: 0 };
  const visible = Math.max(1, height - 1);
  const at = Math.max(0, Math.min(total - 1, cursor));
  // Keep the cursor about a third down, so the rows after it (what comes next) stay visible.
  const start = Math.max(0, Math.min(total - visible, at - Math.floor(visible / 3)));
  const end = start + visible;
  return { start, end, above: start, below: total - end };
}

/** The rows of `items` inside the window: the only rows a pane ever hands to Ink. */
export function sliceWindow<T>(items: readonly T[], cursor: number, height: number): { readonly rows: readonly T[]; readonly window: ListWindow } {
  const window = windowFor(items.length, cursor, height);
  return { rows: items.slice(window.start, window.end), window };
}
