import { request as httpRequest, type ClientRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { applyPatch } from './diff.js';
import type { LinkStatus } from './link.js';
import { MirrorError, networkError, statusError } from './mirror-error.js';
import { pinnedConnection } from './pinned-connection.js';
import { FeedProtocolError, parseFeedEvent, type FeedMessage, type FeedState, type JournalMessage } from './protocol.js';
import { LIMITS } from '../limits.js';
import { createSseParser, SseTooLargeError } from './sse.js';

export interface FeedClientOptions {
  /** The mirror's URL as printed by the primary (`http://HOST:PORT`); the feed's path is added. */
  readonly url: URL;
  readonly token: string;
  /** Every new state: the first snapshot, later patches and snapshots. */
  readonly onState: (state: FeedState, event: { readonly kind: 'snapshot' | 'patch'; readonly seq: number }) => void;
  readonly onLink?: (link: LinkStatus) => void;
  /** The release's journal lines as the feed sends them; false asks for the whole journal again (they did not follow on). */
  readonly onJournal?: (message: JournalMessage) => boolean | void;
  /** Sent as Last-Event-ID on every connection: the journal position the watcher already has (see protocol.ts). */
  readonly lastEventId?: () => string | undefined;
  /** Every message from the feed, heartbeats too: the primary is alive. */
  readonly onHeard?: (at: number) => void;
  /** The primary said its feed ends (it quit, letting its lease go). */
  readonly onEnd?: (reason: string) => void;
  /** After the first snapshot: something reconnecting cannot fix (the token no longer fits, another version). */
  readonly onFatal?: (error: MirrorError) => void;
  /** No message (heartbeats included) for this long counts as a lost connection. @default 45_000 */
  readonly silenceMs?: number;
  /** @default 10_000 */
  readonly connectTimeoutMs?: number;
  /** After the headers, the first snapshot must be complete within this. @default 20_000 */
  readonly firstSnapshotMs?: number;
  /** Reconnection delays double from `initialMs` up to `maxMs`. @default { initialMs: 500, maxMs: 15_000 } */
  readonly backoff?: { readonly initialMs: number; readonly maxMs: number };
}

export interface FeedClient {
  /** The first snapshot; rejects with a MirrorError when the first connection fails (and the client stops). */
  readonly ready: Promise<FeedState>;
  /** Connections opened and resyncs after a sequence gap, for tests. */
  stats(): { readonly connects: number; readonly resyncs: number };
  stop(): void;
}

/**
 * Follows a mirror feed: applies snapshots and patches in seq order, and reconnects with backoff when the
 * connection drops, the feed goes silent, or a seq is missing (a fresh snapshot then catches the view up).
 * Only GETs the feed: it never talks to GitHub, Travis or the sites.
 */
export function startFeedClient(options: FeedClientOptions): FeedClient {
  const silenceMs = options.silenceMs ?? LIMITS.feedIdleMs;
  const connectTimeoutMs = options.connectTimeoutMs ?? LIMITS.feedHeadersMs;
  const firstSnapshotMs = options.firstSnapshotMs ?? LIMITS.feedFirstSnapshotMs;
  const backoff = options.backoff ?? { initialMs: 500, maxMs: 15_000 };
  const url = options.url;
  let state: FeedState | undefined;
  let seq = 0;
  let lastSeenAt = Date.now();
  let attempt = 0;
  let stopped = false;
  let req: ClientRequest | undefined;
  let watchdog: NodeJS.Timeout | undefined;
  let retry: NodeJS.Timeout | undefined;
  const counts = { connects: 0, resyncs: 0 };
  let settle: { resolve: (s: FeedState) => void; reject: (e: MirrorError) => void } | undefined;
  const ready = new Promise<FeedState>((resolve, reject) => (settle = { resolve, reject }));
  ready.catch(() => undefined);

  const hangUp = (): void => {
    clearTimeout(watchdog);
    const current = req;
    req = undefined;
    current?.destroy();
  };

  const stop = (): void => {
    stopped = true;
    clearTimeout(retry);
    hangUp();
  };

  const fatal = (error: MirrorError): void => {
    stop();
    if (settle) {
      settle.reject(error);
      settle = undefined;
    } else {
      options.onFatal?.(error);
    }
  };

  /** The connection is gone (or useless): until the first snapshot that is the end, afterwards retry. */
  const lost = (error: MirrorError, reason: string, now = false): void => {
    if (stopped) return;
    hangUp();
    if (settle) return fatal(error);
    if (error.kind === 'auth' || error.kind === 'version' || error.kind === 'certificate') return fatal(error);
    attempt += 1;
    options.onLink?.({ state: 'reconnecting', lastSeenAt, reason, attempt });
    const delay = now && attempt === 1 ? 0 : Math.min(backoff.maxMs, backoff.initialMs * 2 ** (attempt - 1)) * (0.8 + Math.random() * 0.4);
    clearTimeout(retry);
    retry = setTimeout(connect, delay);
  };

  const resync = (why: string): void => {
    counts.resyncs += 1;
    lost(new MirrorError('not-a-mirror', why), why, true);
  };

  const armWatchdog = (): void => {
    clearTimeout(watchdog);
    watchdog = setTimeout(() => lost(new MirrorError('unreachable', 'the mirror went silent'), `no word from the mirror for ${Math.round(silenceMs / 1000)}s`), silenceMs);
  };

  const onMessage = (message: FeedMessage): void => {
    lastSeenAt = Date.now();
    options.onHeard?.(lastSeenAt);
    switch (message.event) {
      case 'journal':
        if (options.onJournal?.(message.message) === false) resync('the journal lines did not follow on from the replica');
        return;
      case 'snapshot':
        state = message.message.state;
        seq = message.message.seq;
        attempt = 0;
        options.onLink?.({ state: 'live', lastSeenAt, attempt });
        options.onState(state, { kind: 'snapshot', seq });
        if (settle) {
          settle.resolve(state);
          settle = undefined;
        }
        return;
      case 'patch': {
        const { seq: next, ops } = message.message;
        if (!state || next !== seq + 1) return resync(`missed an update (had ${seq}, got ${next})`);
        try {
          state = applyPatch(state, ops);
        } catch (error) {
          return resync(`an update did not apply: ${(error as Error).message}`);
        }
        seq = next;
        options.onState(state, { kind: 'patch', seq });
        return;
      }
      case 'heartbeat':
        if (message.message.seq !== seq) resync(`missed an update (had ${seq}, the mirror is at ${message.message.seq})`);
        return;
      case 'end':
        options.onEnd?.(message.message.reason);
        lost(new MirrorError('unreachable', message.message.reason), message.message.reason);
        return;
    }
  };

  const onResponse = (res: IncomingMessage, own: ClientRequest): void => {
    if (own !== req) return void res.destroy();
    if (res.statusCode !== 200) {
      res.resume();
      const error = statusError(res.statusCode ?? 0, url);
      return lost(error, error.kind === 'full' ? 'the mirror is full' : error.message);
    }
    if (!/^text\/event-stream/i.test(res.headers['content-type'] ?? '')) {
      res.destroy();
      return lost(new MirrorError('not-a-mirror', `${url.href} is not a cockpit mirror feed (it answered ${res.headers['content-type'] ?? 'without a content type'})`), 'not a mirror feed');
    }
    const parser = createSseParser();
    res.setEncoding('utf8');
    armWatchdog();
    // Headers came, and then a trickle that never completes a snapshot: the first one has a deadline of its own.
    const firstDeadline = setTimeout(() => {
      if (own === req && settle) lost(new MirrorError('unreachable', `the mirror at ${url.origin} sent no snapshot within ${Math.round(firstSnapshotMs / 1000)}s`), 'no snapshot');
    }, firstSnapshotMs);
    res.on('close', () => clearTimeout(firstDeadline));
    res.on('data', (chunk: string) => {
      if (own !== req) return;
      let events;
      try {
        events = parser.push(chunk);
      } catch (error) {
        if (!(error instanceof SseTooLargeError)) throw error;
        if (settle) return fatal(new MirrorError('not-a-mirror', `${url.origin} sent ${error.message}: not a cockpit feed`));
        return resync(error.message);
      }
      // Only a whole message counts as word from the mirror: bytes that never end one keep nothing alive.
      if (events.length > 0) armWatchdog();
      for (const event of events) {
        if (own !== req) return;
        let message: FeedMessage | undefined;
        try {
          message = parseFeedEvent(event.event, event.data);
        } catch (error) {
          const protocol = error as FeedProtocolError;
          if (protocol.isVersionMismatch) return fatal(new MirrorError('version', protocol.message));
          if (settle) return fatal(new MirrorError('not-a-mirror', `${url.origin} sent something that is not a cockpit feed: ${protocol.message}`));
          return resync(protocol.message);
        }
        if (message) onMessage(message);
      }
    });
    // Hanging up on purpose (a resync, stop) aborts the body: that is not news.
    res.on('error', () => undefined);
    res.on('close', () => {
      if (own === req) lost(new MirrorError('unreachable', `the mirror at ${url.origin} closed the feed before its first snapshot`), 'connection lost');
    });
  };

  function connect(): void {
    if (stopped) return;
    counts.connects += 1;
    const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const lastEventId = options.lastEventId?.();
    const headers: Record<string, string> = { authorization: `Bearer ${options.token}`, accept: 'text/event-stream', ...(lastEventId ? { 'last-event-id': lastEventId } : {}) };
    const pin = url.protocol === 'https:' ? /^#sha256=([0-9a-f]{64})$/.exec(url.hash)?.[1] : undefined;
    const own = request(url, { method: 'GET', headers, ...(pin ? { createConnection: pinnedConnection(url, pin) } : {}) });
    req = own;
    const timer = setTimeout(() => {
      if (own === req) lost(new MirrorError('unreachable', `the mirror at ${url.origin} did not answer within ${Math.round(connectTimeoutMs / 1000)}s`), 'no answer');
    }, connectTimeoutMs);
    own.on('response', (res) => {
      clearTimeout(timer);
      onResponse(res, own);
    });
    own.on('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      if (own === req) lost(error instanceof MirrorError ? error : networkError(error, url), 'connection lost');
    });
    own.on('close', () => clearTimeout(timer));
    own.end();
  }

  connect();
  return { ready, stats: () => ({ ...counts }), stop };
}

/** One look at the mirror: its current state, then the connection is closed. */
export async function readMirrorSnapshot(url: URL, token: string, connectTimeoutMs = 10_000): Promise<FeedState> {
  const client = startFeedClient({ url, token, connectTimeoutMs, onState: () => undefined });
  try {
    return await client.ready;
  } finally {
    client.stop();
  }
}
