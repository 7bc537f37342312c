import { truncate } from '../format/truncate.js';

/**
 * Line fitting for the UI. Every line is cut to its box before Ink sees it, so that no line can wrap and
 * make a frame taller than its budget; `<Text wrap="truncate">` stays on as the net for double-width text.
 */

/** `text` cut to at most `width` columns with an ellipsis, newlines flattened. */
export function fit(text: string, width: number): string {
  if (width <= 0) return '';
  return truncate(text.replace(/[\r\n\t]+/g, ' '), width);
}

/** `text` fitted and padded with spaces to exactly `width` columns. */
export function pad(text: string, width: number): string {
  const fitted = fit(text, width);
  return fitted + ' '.repeat(Math.max(0, width - Array.from(fitted).length));
}

/** Words of `text` laid into lines of at most `width` columns, at most `maxLines` lines (the last one cut with …). */
export function wrapLines(text: string, width: number, maxLines: number): string[] {
  if (width <= 0 || maxLines <= 0) return [];
  const all: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const next = line ? `${line} ${word}` : word;
    if (line && Array.from(next).length > width) {
      all.push(line);
      line = word;
    } else {
      line = next;
    }
  }
  if (line) all.push(line);
  const kept = all.slice(0, maxLines).map((l) => fit(l, width));
  if (all.length > maxLines) kept[maxLines - 1] = fit(`${kept[maxLines - 1] ?? ''}…`, width);
  return kept;
}
