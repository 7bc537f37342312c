import { describe, expect, it } from 'vitest';
import { encodeEvent, FEED_VERSION, FeedProtocolError, parseFeedEvent } from '../../src/mirror/protocol.js';
import { createSseParser } from '../../src/mirror/sse.js';

describe('the SSE parser', () => {
  it('assembles events split anywhere across chunks, with any line ending, and skips comments', () => {
    const text = ': hello\r\nevent: patch\r\nid: 2\r\ndata: {"a":1}\r\n\r\nevent: heartbeat\ndata: x\ndata: y\n\n';
    for (const size of [1, 2, 3, 7, text.length]) {
      const parser = createSseParser();
      const events = [];
      for (let i = 0; i < text.length; i += size) events.push(...parser.push(text.slice(i, i + size)));
      expect(events).toEqual([
        { event: 'patch', data: '{"a":1}', id: '2' },
        { event: 'heartbeat', data: 'x\ny', id: '2' },
      ]);
    }
  });
});

describe('feed messages', () => {
  it('read back what the server writes', () => {
    const parser = createSseParser();
    const [event] = parser.push(encodeEvent('heartbeat', { v: FEED_VERSION, seq: 4, at: 99 }));
    expect(event?.id).toBe('4');
    expect(parseFeedEvent(event?.event ?? '', event?.data ?? '')).toEqual({ event: 'heartbeat', message: { v: 1, seq: 4, at: 99 } });
  });

  it('name a version mismatch as such, whatever the event', () => {
    const error = (() => {
      try {
        parseFeedEvent('patch', JSON.stringify({ v: 2, seq: 1, ops: [] }));
      } catch (e) {
        return e as FeedProtocolError;
      }
      return undefined;
    })();
    expect(error?.isVersionMismatch).toBe(true);
    expect(error?.message).toContain('feed version 2');
    expect(error?.message).toContain('version 1');
  });

  it('refuse a snapshot that is not a cockpit state, and ignore events a later version may add', () => {
    expect(() => parseFeedEvent('snapshot', JSON.stringify({ v: 1, seq: 1, state: { meta: {} } }))).toThrow(FeedProtocolError);
    expect(() => parseFeedEvent('patch', 'not json')).toThrow(FeedProtocolError);
    expect(parseFeedEvent('presence', JSON.stringify({ v: 1, seq: 1 }))).toBeUndefined();
  });
});
