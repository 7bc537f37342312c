/** Left-partial blocks from one eighth to seven eighths of a cell. */
const PARTIAL = ['', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];

/**
 * A bar of exactly `width` cells: full blocks for what is done, an eighth-block for the part cell, light
 * shade for the rest. Rounds down, so the bar is full only when all is done; but any progress at all shows
 * at least an eighth, so one finished PPC out of a thousand is visible. Nothing to do (`total` 0) is empty.
 */
export function progressBar(done: number, total: number, width: number): string {
  if (width <= 0) return '';
  let eighths = Math.floor(ratio(done, total) * width * 8);
  if (eighths === 0 && ratio(done, total) > 0) eighths = 1;
  const full = Math.floor(eighths / 8);
  const part = PARTIAL[eighths % 8] ?? '';
  return '█'.repeat(full) + part + '░'.repeat(width - full - (part ? 1 : 0));
}

/** "42%", rounded down so that "100%" means all done; "0%" when there is nothing to do. */
export function percent(done: number, total: number): string {
  return `${Math.floor(ratio(done, total) * 100)}%`;
}

/** done/total clamped to [0, 1]; 0 when total is not positive. */
function ratio(done: number, total: number): number {
  if (!(total > 0)) return 0;
  return Math.min(1, Math.max(0, done / total));
}
