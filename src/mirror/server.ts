import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { CockpitStoreApi } from '../store/create-cockpit-store.js';
import { mirrorUrl } from './address.js';
import { createFeedSource, type FeedEventKind } from './feed-source.js';
import type { JournalTap } from './journal-tap.js';
import { encodeEvent, FEED_PATH, FEED_VERSION, parseJournalEventId } from './protocol.js';
import { bearerMatches, tokenDigest } from './token.js';

export interface MirrorServerOptions {
  readonly store: CockpitStoreApi;
  readonly host: string;
  /** 0 for any free port. */
  readonly port: number;
  readonly token: string;
  /** More are answered 503. @default 100 */
  readonly maxWatchers?: number;
  /** @default 15_000 */
  readonly heartbeatMs?: number;
  /** @default 50 */
  readonly coalesceMs?: number;
  /** A watcher with more than this waiting in its socket's buffer is dropped. @default 1 MiB */
  readonly maxBufferedBytes?: number;
  /** A watcher whose socket has not drained for this long is dropped. @default 10_000 */
  readonly stallMs?: number;
  /** Serve over TLS with this key and certificate (beyond loopback the feed is never plain HTTP). */
  readonly tls?: { readonly key: string; readonly cert: string; readonly fingerprint: string };
  /** The release's journal, carried beside the screen so a watcher keeps a replica (see protocol.ts). */
  readonly journal?: JournalTap;
  /** Called whenever the number of watchers changes (the primary's header shows it). */
  readonly onWatchers?: (count: number) => void;
}

export interface MirrorStats {
  readonly watchers: number;
  readonly connected: number;
  /** Watchers dropped for not reading fast enough. */
  readonly dropped: number;
  readonly refused: Readonly<Record<'method' | 'auth' | 'path' | 'full', number>>;
  /** Events and bytes of each kind, counted once per event (not per watcher). */
  readonly events: Readonly<Record<FeedEventKind | 'heartbeat' | 'journal', { readonly count: number; readonly bytes: number }>>;
  /** Bytes of the last snapshot sent to anyone. */
  readonly lastSnapshotBytes: number;
  readonly seq: number;
}

export interface MirrorServer {
  /** `http://HOST:PORT`, or `https://HOST:PORT#sha256=FINGERPRINT` over TLS, with the port actually bound. */
  readonly url: string;
  readonly port: number;
  stats(): MirrorStats;
  /** Tells every watcher the feed ends, closes their connections and stops listening. */
  close(reason?: string): Promise<void>;
}

const JOURNAL_LINES_PER_EVENT = 200;

interface Watcher {
  readonly res: ServerResponse;
  /** Since when a write has been waiting for 'drain'. */
  blockedSince: number | undefined;
}

/**
 * Serves the store's data as a read-only SSE feed (see protocol.ts). GET only, a bearer token compared in
 * constant time, a cap on watchers, and a watcher that stops reading is dropped, never waited for: the
 * primary's store and screen do not slow down for anyone watching.
 */
export async function startMirrorServer(options: MirrorServerOptions): Promise<MirrorServer> {
  const maxWatchers = options.maxWatchers ?? 100;
  const maxBuffered = options.maxBufferedBytes ?? 1024 * 1024;
  const stallMs = options.stallMs ?? 10_000;
  const expected = tokenDigest(options.token);
  const watchers = new Set<Watcher>();
  const counts = { connected: 0, dropped: 0, refused: { method: 0, auth: 0, path: 0, full: 0 } };
  const events = { snapshot: { count: 0, bytes: 0 }, patch: { count: 0, bytes: 0 }, heartbeat: { count: 0, bytes: 0 }, journal: { count: 0, bytes: 0 } };
  let lastSnapshotBytes = 0;

  const count = (kind: FeedEventKind | 'heartbeat' | 'journal', text: string): void => {
    const bytes = Buffer.byteLength(text);
    events[kind].count += 1;
    events[kind].bytes += bytes;
    if (kind === 'snapshot') lastSnapshotBytes = bytes;
  };

  const remove = (watcher: Watcher): void => {
    if (!watchers.delete(watcher)) return;
    if (watchers.size === 0) source.idle();
    options.onWatchers?.(watchers.size);
  };

  const drop = (watcher: Watcher): void => {
    counts.dropped += 1;
    remove(watcher);
    // destroy, not end: ending would queue behind the very bytes it cannot send.
    watcher.res.destroy();
  };

  const isStalled = (watcher: Watcher, at: number): boolean =>
    watcher.res.writableLength > maxBuffered || (watcher.blockedSince !== undefined && at - watcher.blockedSince > stallMs);

  const send = (watcher: Watcher, text: string): void => {
    if (watcher.res.destroyed) return remove(watcher);
    const at = Date.now();
    // Judged on what is still queued from before: one large snapshot alone does not make a watcher slow.
    if (isStalled(watcher, at)) return drop(watcher);
    if (!watcher.res.write(text) && watcher.blockedSince === undefined) watcher.blockedSince = at;
  };

  const broadcast = (text: string, kind: FeedEventKind | 'heartbeat' | 'journal'): void => {
    count(kind, text);
    for (const watcher of [...watchers]) send(watcher, text);
  };

  const source = createFeedSource(options.store, broadcast, { coalesceMs: options.coalesceMs });

  const tap = options.journal;
  /** Journal events for lines from..: a long journal goes in pieces, so no one event is huge. */
  const journalEvents = (from: number, lines: readonly string[]): string[] => {
    if (!tap) return [];
    const out: string[] = [];
    let at = 0;
    do {
      const piece = lines.slice(at, at + JOURNAL_LINES_PER_EVENT);
      out.push(encodeEvent('journal', { v: FEED_VERSION, seq: source.seq(), release: tap.release, from: from + at, lines: piece, lease: tap.lease() }));
      at += piece.length;
    } while (at < lines.length);
    return out;
  };
  const untap = tap?.subscribe((from, added) => {
    if (watchers.size === 0) return;
    for (const text of journalEvents(from, added)) broadcast(text, 'journal');
  });
  /** What a joining watcher still lacks of the journal: after the line its Last-Event-ID names, else all of it. */
  const catchUp = (lastEventId: string | undefined): string[] => {
    if (!tap) return [];
    const all = tap.lines();
    const asked = parseJournalEventId(lastEventId);
    const from = asked && asked.release === tap.release && asked.lines <= all.length ? asked.lines : 0;
    return journalEvents(from, all.slice(from));
  };

  const refuse = (res: ServerResponse, status: number, text: string, headers: Record<string, string> = {}): void => {
    res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store', ...headers });
    res.end(`${text}\n`);
  };

  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    // Read-only by construction: nothing but GET is answered, on any path.
    if (req.method !== 'GET') {
      counts.refused.method += 1;
      return refuse(res, 405, 'the cockpit mirror answers GET only', { allow: 'GET' });
    }
    if (!bearerMatches(req.headers.authorization, expected)) {
      counts.refused.auth += 1;
      return refuse(res, 401, 'the cockpit mirror needs its token: Authorization: Bearer <token>', { 'www-authenticate': 'Bearer realm="cockpit mirror"' });
    }
    const path = new URL(req.url ?? '/', 'http://mirror').pathname;
    if (path !== FEED_PATH) {
      counts.refused.path += 1;
      return refuse(res, 404, `the cockpit mirror serves ${FEED_PATH} only`);
    }
    if (watchers.size >= maxWatchers) {
      counts.refused.full += 1;
      return refuse(res, 503, `the cockpit mirror already has ${maxWatchers} watchers (mirror.max_watchers)`, { 'retry-after': '10' });
    }
    req.socket.setNoDelay(true);
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      'x-cockpit-feed-version': String(FEED_VERSION),
      'x-accel-buffering': 'no',
    });
    const watcher: Watcher = { res, blockedSince: undefined };
    res.on('drain', () => (watcher.blockedSince = undefined));
    res.on('close', () => remove(watcher));
    const snapshot = source.join();
    count('snapshot', snapshot);
    counts.connected += 1;
    watchers.add(watcher);
    options.onWatchers?.(watchers.size);
    send(watcher, snapshot);
    const header = req.headers['last-event-id'];
    for (const text of catchUp(Array.isArray(header) ? header[0] : header)) {
      count('journal', text);
      send(watcher, text);
    }
  };

  const server = options.tls ? createTlsServer({ key: options.tls.key, cert: options.tls.cert }, handle) : createServer(handle);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;

  const beat = setInterval(() => {
    if (watchers.size === 0) return;
    broadcast(source.heartbeat(Date.now()), 'heartbeat');
    // A watcher that stopped reading while nothing changed is found here.
    const at = Date.now();
    for (const watcher of [...watchers]) if (isStalled(watcher, at)) drop(watcher);
  }, options.heartbeatMs ?? 15_000);
  beat.unref();

  return {
    url: mirrorUrl(options.host, port, options.tls?.fingerprint),
    port,
    stats: () => ({
      watchers: watchers.size,
      connected: counts.connected,
      dropped: counts.dropped,
      refused: { ...counts.refused },
      events: { snapshot: { ...events.snapshot }, patch: { ...events.patch }, heartbeat: { ...events.heartbeat }, journal: { ...events.journal } },
      lastSnapshotBytes,
      seq: source.seq(),
    }),
    async close(reason = 'the primary cockpit stopped') {
      clearInterval(beat);
      untap?.();
      source.stop();
      const end = source.end(reason);
      for (const watcher of [...watchers]) {
        watcher.res.end(end);
        remove(watcher);
      }
      // Ended responses flush their last event; a watcher that does not read it is not waited for long.
      const force = setTimeout(() => server.closeAllConnections(), 1_000);
      await new Promise<void>((resolve) => server.close(() => resolve()));
      clearTimeout(force);
    },
  };
}
