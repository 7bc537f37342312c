/**
 * A CI log as a person reads it in a pane: Travis writes fold and timing markers, ANSI colors and cursor
 * moves, and `\r`-separated progress updates; none of them may reach Ink, where they would move the cursor
 * or take columns the layout did not count.
 */

// CSI (colors, erase line), OSC (titles, links; ended by BEL or ST), then any other two-character escape.
const ANSI = /\u001B\[[0-?]*[ -/]*[@-~]|\u001B\][^\u0007\u001B]*(?:\u0007|\u001B\\)|\u001B[@-_]/g;
// travis_fold:start:git.checkout, travis_time:end:0a1b2c3d:start=…,finish=…,duration=…,event=…
const TRAVIS_MARKER = /travis_(?:fold|time):(?:start|end):[^\r\n]*?(?=\r|\n|$|\u001B)/g;
// C0 controls except tab and newline, and DEL.
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F]/g;

/** The log's text without markers, escapes and overwritten progress: what a terminal would finally show. */
export function stripLogText(raw: string): string {
  const lines = raw
    .replace(/\r\n/g, '\n')
    .replace(TRAVIS_MARKER, '')
    .replace(ANSI, '')
    .split('\n');
  return lines.map(lastWrite).join('\n');
}

/** A line with `\r` shows what was written after the last carriage return (a progress bar's final state). */
function lastWrite(line: string): string {
  const parts = line.split('\r').filter((part) => part.length > 0);
  const last = parts.length > 0 ? parts[parts.length - 1] : '';
  return (last ?? '').replace(/\t/g, '  ').replace(CONTROL, '').trimEnd();
}

/**
 * The last `count` lines of a stripped log, dropping the blank lines a log ends with and the empty lines left
 * where a marker stood alone.
 */
export function tailLines(text: string, count: number): string[] {
  if (count <= 0) return [];
  const lines = text.split('\n');
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines.slice(Math.max(0, lines.length - count));
}

/**
 * The last `count` raw lines of a log, found from the end without splitting the whole text: a tail on a
 * multi-megabyte log should cost what the tail costs. Markers never span lines, so stripping the result
 * gives the same lines as stripping everything.
 */
export function lastRawLines(raw: string, count: number): string {
  if (count <= 0) return '';
  let end = raw.length;
  while (end > 0 && (raw[end - 1] === '\n' || raw[end - 1] === '\r')) end -= 1;
  let at = end;
  for (let seen = 0; seen < count; seen += 1) {
    const nl = raw.lastIndexOf('\n', at - 1);
    if (nl === -1) return raw.slice(0, end);
    at = nl;
  }
  return raw.slice(at + 1, end);
}
