import { Text } from 'ink';
import { TONE_COLOR, type Tone } from '../theme.js';

export interface ProgressSegment {
  readonly count: number;
  readonly tone: Tone;
}

export interface ProgressBarProps {
  /** Colored runs from the left (done, failed, updating); the rest of `total` is drawn empty. */
  readonly segments: readonly ProgressSegment[];
  readonly total: number;
  /** Columns of the bar itself. */
  readonly width: number;
}

/**
 * Cells per segment, rounding so that any non-zero segment gets at least one cell (a single failed PPC
 * among a thousand must stay visible) and the cells never exceed `width`.
 */
export function segmentCells(segments: readonly ProgressSegment[], total: number, width: number): number[] {
  if (total <= 0 || width <= 0) return segments.map(() => 0);
  const cells = segments.map((s) => (s.count <= 0 ? 0 : Math.max(1, Math.floor((s.count / total) * width))));
  let over = cells.reduce((a, b) => a + b, 0) - width;
  for (let i = cells.length - 1; over > 0 && i >= 0; i--) {
    const take = Math.min(over, Math.max(0, (cells[i] ?? 0) - 1));
    cells[i] = (cells[i] ?? 0) - take;
    over -= take;
  }
  return cells;
}

/** A one-line bar: █ per colored cell, ░ for what is left. */
export function ProgressBar({ segments, total, width }: ProgressBarProps) {
  const cells = segmentCells(segments, total, width);
  const empty = Math.max(0, width - cells.reduce((a, b) => a + b, 0));
  return (
    <Text wrap="truncate">
      {segments.map((segment, i) => (
        <Text key={i} color={TONE_COLOR[segment.tone]}>
          {'█'.repeat(cells[i] ?? 0)}
        </Text>
      ))}
      <Text color="gray">{'░'.repeat(empty)}</Text>
    </Text>
  );
}
