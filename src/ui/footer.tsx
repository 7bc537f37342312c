import { footerRows } from '../keys/help-rows.js';
import type { UiState } from '../store/state.js';
import { useCockpitStore } from '../store/store-context.js';
import { KeyHints } from './components/key-hints.js';
import { LineView, line, span, type Line } from './components/lines.js';
import { NOTICE_COLOR } from './theme.js';

export function noticeLine(notice: NonNullable<UiState['notice']>): Line {
  return line('notice', span(` ${notice.text}`, { color: NOTICE_COLOR[notice.tone], bold: notice.tone === 'error' }));
}

export interface FooterProps {
  readonly width: number;
  /** 2: keys, then the notice line (kept even when empty, so a notice never moves the panes); 1: a notice replaces the keys. */
  readonly height: number;
}

/** The keys that apply now (from the key table) and the last notice. */
export function Footer({ width, height }: FooterProps) {
  const rows = useCockpitStore(footerRows);
  const notice = useCockpitStore((s) => s.ui.notice);
  if (height <= 0) return null;
  if (height === 1) return notice ? <LineView line={noticeLine(notice)} width={width} /> : <KeyHints rows={rows} width={width} />;
  return (
    <>
      <KeyHints rows={rows} width={width} />
      <LineView line={notice ? noticeLine(notice) : line('notice', span(' '))} width={width} />
    </>
  );
}
