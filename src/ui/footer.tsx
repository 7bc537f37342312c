import { footerRows, type HelpRow } from '../keys/help-rows.js';
import type { UiState } from '../store/state.js';
import { useCockpitStore } from '../store/store-context.js';
import { Lines, line, span, type Line, type Span } from './components/lines.js';
import { MUTED_COLOR, NOTICE_COLOR } from './theme.js';

/** "Enter do step  s skip  Tab pane  ? help  q quit": the keys as bold labels and muted hints. */
export function hintSpans(rows: readonly HelpRow[]): Span[] {
  return rows.flatMap((row, i) => [span(i === 0 ? ' ' : '  '), span(row.label, { bold: true }), span(` ${row.hint}`, { color: MUTED_COLOR })]);
}

export function footerLines(rows: readonly HelpRow[], notice: UiState['notice'], height: number): Line[] {
  const hints = line('keys', ...hintSpans(rows));
  const noticeLine = notice ? line('notice', span(` ${notice.text}`, { color: NOTICE_COLOR[notice.tone], bold: notice.tone === 'error' })) : undefined;
  if (height <= 0) return [];
  // One line: a notice outranks the hints until the next action clears it.
  if (height === 1) return [noticeLine ?? hints];
  return [hints, noticeLine ?? line('notice', span(' '))];
}

export interface FooterProps {
  readonly width: number;
  readonly height: number;
}

/** The keys that apply now (from the key table) and the last notice. */
export function Footer({ width, height }: FooterProps) {
  const rows = useCockpitStore(footerRows);
  const notice = useCockpitStore((s) => s.ui.notice);
  return <Lines lines={footerLines(rows, notice, height)} width={width} />;
}
