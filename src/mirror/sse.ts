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
export function createSseParser(): { push(chunk: string): SseEvent[] } {
  let pending = '';
  let event = '';
  let data: string[] = [];
  let id: string | undefined;
  let afterCr = false;

  const line = (text: string, out: SseEvent[]): void => {
    if (text === '') {
      if (data.length > 0) out.push({ event: event || 'message', data: data.join('\n'), id });
      event = '';
      data = [];
      return;
    }
    if (text.startsWith(':')) return;
    const colon = text.indexOf(':');
    const field = colon === -1 ? text : text.slice(0, colon);
    let value = colon === -1 ? '' : text.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') event = value;
    else if (field === 'data') data.push(value);
    else if (field === 'id') id = value;
  };

  return {
    push(chunk) {
      const out: SseEvent[] = [];
      // A "\r\n" split across two chunks: the "\n" belongs to the line the "\r" already ended.
      const rest = afterCr && chunk.startsWith('\n') ? chunk.slice(1) : chunk;
      afterCr = false;
      // `pending` holds no line end: only the new text needs scanning (a long snapshot line comes in many chunks).
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
      pending = text.slice(start);
      return out;
    },
  };
}
