import { Text } from 'ink';
import { memo } from 'react';
import { GLYPH, TONE_COLOR, type Tone } from '../theme.js';
import { fit } from '../text.js';

/** A run of text in one style. */
export interface Span {
  readonly text: string;
  readonly color?: string;
  readonly bold?: boolean;
  readonly dim?: boolean;
  readonly inverse?: boolean;
}

/** One terminal line: what every pane builds (purely) before anything reaches Ink. */
export interface Line {
  readonly key: string;
  readonly spans: readonly Span[];
}

export function span(text: string, style: Omit<Span, 'text'> = {}): Span {
  return { text, ...style };
}

export function glyph(tone: Tone): Span {
  return { text: GLYPH[tone], color: TONE_COLOR[tone] };
}

export function line(key: string, ...spans: ReadonlyArray<Span | false | undefined>): Line {
  return { key, spans: spans.filter((s): s is Span => Boolean(s)) };
}

/** The spans cut so that together they take at most `width` columns (the cut one ends with …). */
export function fitSpans(spans: readonly Span[], width: number): Span[] {
  const out: Span[] = [];
  let left = width;
  for (const s of spans) {
    if (left <= 0) break;
    const length = Array.from(s.text).length;
    if (length <= left) {
      out.push(s);
      left -= length;
    } else {
      out.push({ ...s, text: fit(s.text, left) });
      left = 0;
    }
  }
  return out;
}

/** The plain text of a line, for tests and for width checks. */
export function lineText(l: Line): string {
  return l.spans.map((s) => s.text).join('');
}

export interface LineViewProps {
  readonly line: Line;
  readonly width: number;
}

/** One `<Text>` per line, its spans nested inside: the cheapest shape for Ink to lay out. */
export const LineView = memo(function LineView({ line: l, width }: LineViewProps) {
  return (
    <Text wrap="truncate">
      {fitSpans(l.spans, width).map((s, i) =>
        s.color === undefined && !s.bold && !s.dim && !s.inverse ? (
          s.text
        ) : (
          <Text key={i} color={s.color} bold={s.bold} dimColor={s.dim} inverse={s.inverse}>
            {s.text}
          </Text>
        ),
      )}
    </Text>
  );
});

export interface LinesProps {
  readonly lines: readonly Line[];
  readonly width: number;
}

export function Lines({ lines, width }: LinesProps) {
  return (
    <>
      {lines.map((l) => (
        <LineView key={l.key} line={l} width={width} />
      ))}
    </>
  );
}
