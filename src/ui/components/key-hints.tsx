import type { HelpRow } from '../../keys/help-rows.js';
import { LineView, line, span, type Span } from './lines.js';
import { MUTED_COLOR } from '../theme.js';

/** " Enter do step  s skip  Tab pane  ? help": bold keys, muted hints, in the key table's order. */
export function hintSpans(rows: readonly HelpRow[]): Span[] {
  return rows.flatMap((row, i) => [span(i === 0 ? ' ' : '  '), span(row.label, { bold: true }), span(` ${row.hint}`, { color: MUTED_COLOR })]);
}

export interface KeyHintsProps {
  /** The keys that apply now (`footerRows`); the line is cut at `width`, so the table orders them by importance. */
  readonly rows: readonly HelpRow[];
  readonly width: number;
}

/** One line of key hints. */
export function KeyHints({ rows, width }: KeyHintsProps) {
  return <LineView line={line('keys', ...hintSpans(rows))} width={width} />;
}
