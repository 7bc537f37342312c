import { useMemo } from 'react';
import { lastRawLines, stripLogText, tailLines } from '../../format/log-text.js';
import type { LogTail } from '../../store/state.js';
import { Lines, glyph, line, span, type Line } from '../components/lines.js';
import { Pane } from '../components/pane.js';
import { contentSize } from '../layout.js';
import { MUTED_COLOR } from '../theme.js';

export interface LogOverlayProps {
  /** "1234.2 integration" */
  readonly title: string;
  readonly jobId: number;
  /** The store's log tail; another job's tail (the previous one) counts as not fetched yet. */
  readonly log: LogTail | null;
  readonly width: number;
  readonly height: number;
}

/** The last lines of the log that fit, newest at the bottom; an error or "fetching" line when there is no text. */
export function logLines(log: LogTail | null, jobId: number, stripped: string, height: number): Line[] {
  if (height <= 0) return [];
  const out: Line[] = [];
  if (!log || log.jobId !== jobId) return [line('loading', span('Fetching the log…', { color: MUTED_COLOR }))];
  if (log.error) out.push(line('error', glyph('fail'), span(` ${log.error}`, { color: 'red' })));
  const room = height - out.length;
  const tail = tailLines(stripped, room);
  if (tail.length === 0 && !log.error) return [line('empty', span(log.isComplete ? 'The log is empty.' : log.noLogYet ? 'No log yet: Travis has none for this job so far…' : 'No output yet…', { color: MUTED_COLOR }))];
  return [...out, ...tail.map((text, i) => line(`log:${i}`, span(text)))];
}

/** The tail of the selected job's log, fitted to the overlay; it follows the log as parts arrive. */
export function LogOverlay({ title, jobId, log, width, height }: LogOverlayProps) {
  const inner = contentSize({ width, height });
  // Only the raw tail is stripped (with room for the blank lines markers leave), never the whole log.
  const stripped = useMemo(() => (log && log.jobId === jobId ? stripLogText(lastRawLines(log.text, inner.height * 2 + 20)) : ''), [log, jobId, inner.height]);
  const badge = log && log.jobId === jobId ? (log.isComplete ? 'complete' : 'live') : undefined;
  return (
    <Pane title={`Log · ${title}`} badge={badge ? `${badge} · Esc closes` : 'Esc closes'} width={width} height={height} isFocused>
      <Lines lines={logLines(log, jobId, stripped, inner.height)} width={inner.width} />
    </Pane>
  );
}
