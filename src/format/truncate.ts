/**
 * `text` cut to at most `width` characters, ending in "…" when cut. Counts code points, which is the
 * display width for plain text; double-width characters (CJK, emoji) are not measured.
 */
export function truncate(text: string, width: number): string {
  if (width <= 0) return '';
  const chars = Array.from(text);
  if (chars.length <= width) return text;
  return `${chars.slice(0, width - 1).join('')}…`;
}
