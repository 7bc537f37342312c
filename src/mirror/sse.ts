import { formatBytes, LIMITS } from '../limits.js';

/** An event (or a line still open) grew past the largest the feed accepts: the stream is not one to trust. */
export class SseTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`a feed message larger than ${formatBytes(limit)}, the largest accepted`);
    this.name = 'SseTooLargeError';
  }
}

/** One server-sent event: its `event` name (default "message"), `data` lines joined by "\n", and `id`. */
export interface SseEvent {
  readonly event: string;
  readonly data: string;
  readonly id: string | undefined;
}

/**
 * An incremental parser for the text/event-stream format (the parts a feed uses: event, data, id and
 * comment lines; any line ending). Feed it chunks as they arrive; it returns the events they complete.
 */
export function createSseParser(maxEventChars: number = LIMITS.feedMessageBytes): { push(chunk: string): SseEvent[] } {
  // The line still open (no line end seen yet), in the pieces it came in.
  let pieces: string[] = [];
  let piecesLength = 0;
  let event = '';
  let data: string[] = [];
  // The event's size so far: an endless `data:` line, or endless short ones, must end in an error, not in memory.
  let size = 0;
  let id: string | undefined;
  let afterCr = false;

  const line = (text: string, out: SseEvent[]): void => {
    if (text === '') {
      if (data.length > 0) out.push({ event: event || 'message', data: data.join('\n'), id });
      event = '';
      data = [];
      size = 0;
      return;
    }
    if (text.startsWith(':')) return;
    const colon = text.indexOf(':');
    const field = colon === -1 ? text : text.slice(0, colon);
    let value = colon === -1 ? '' : text.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') event = value;
    else if (field === 'data') {
      size += value.length + 1;
      if (size > maxEventChars) throw new SseTooLargeError(maxEventChars);
      data.push(value);
    }
    else if (field === 'id') id = value;
  };

  return {
    push(chunk) {
      const out: SseEvent[] = [];
      // A "\r\n" split across two chunks: the "\n" belongs to the line the "\r" already ended.
      const rest = afterCr && chunk.startsWith('\n') ? chunk.slice(1) : chunk;
      afterCr = false;
      // A chunk with no line end only lengthens the open line: kept as a piece, so a long line is not copied and
      // rescanned on every chunk (that made an endless line slow to refuse as well as costly).
      if (!/[\r\n]/.test(rest)) {
        pieces.push(rest);
        piecesLength += rest.length;
        if (size + piecesLength > maxEventChars) throw new SseTooLargeError(maxEventChars);
        return out;
      }
      const pending = pieces.join('');
      pieces = [];
      piecesLength = 0;
      // `pending` holds no line end: only the new text needs scanning.
      const text = pending + rest;
      let start = 0;
      for (let i = pending.length; i < text.length; i += 1) {
        const ch = text[i];
        if (ch !== '\n' && ch !== '\r') continue;
        line(text.slice(start, i), out);
        if (ch === '\r') {
          if (i + 1 === text.length) afterCr = true;
          else if (text[i + 1] === '\n') i += 1;
        }
        start = i + 1;
      }
      const open = text.slice(start);
      if (open !== '') pieces.push(open);
      piecesLength = open.length;
      if (size + piecesLength > maxEventChars) throw new SseTooLargeError(maxEventChars);
      return out;
    },
  };
}
