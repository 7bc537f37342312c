/** Nearest-rank percentile (p in 0..100) of a list of numbers; NaN for an empty one. */
export function percentile(values, p) {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

export const median = (values) => percentile(values, 50);

export const ms = (value) => `${value < 10 ? value.toFixed(1) : value.toFixed(0)} ms`;

export const ratio = (value) => `${value.toFixed(2)}x`;

/** "1,234" */
export const count = (value) => Math.round(value).toLocaleString('en-US');
