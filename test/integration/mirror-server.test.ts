import { connect, createServer as createTcpServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WEEKLY_PLAYBOOK } from '../../src/domain/weekly-playbook.js';
import { startFeedClient, type FeedClient } from '../../src/mirror/client.js';
import { feedUrl } from '../../src/mirror/feed-url.js';
import { MirrorError } from '../../src/mirror/mirror-error.js';
import { feedStateOf } from '../../src/mirror/feed-state.js';
import type { FeedState } from '../../src/mirror/protocol.js';
import { startMirrorServer, type MirrorServer, type MirrorServerOptions } from '../../src/mirror/server.js';
import { createCockpitStore, type CockpitStoreApi } from '../../src/store/create-cockpit-store.js';
import { ask, recordFeed, until, type FeedRecorder } from '../helpers/mirror.js';

const TOKEN = 'mirror-token-0123456789abcdef';
const auth = { authorization: `Bearer ${TOKEN}` };

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function primaryStore(): CockpitStoreApi {
  return createCockpitStore({ playbook: WEEKLY_PLAYBOOK, meta: { mode: 'driving', releaseName: 'Weekly release', roles: { primary: 'dana-w' } } });
}

async function serve(store: CockpitStoreApi, options: Partial<MirrorServerOptions> = {}): Promise<MirrorServer> {
  const server = await startMirrorServer({ store, host: '127.0.0.1', port: 0, token: TOKEN, ...options });
  cleanups.push(() => server.close());
  return server;
}

async function record(url: string, token: string | undefined = TOKEN): Promise<FeedRecorder> {
  const feed = await recordFeed(url, token);
  cleanups.push(() => feed.close());
  return feed;
}

function follow(url: string, options: { token?: string; onState?: (s: FeedState) => void } = {}): FeedClient & { latest(): FeedState | undefined } {
  let latest: FeedState | undefined;
  const client = startFeedClient({
    url: feedUrl(url),
    token: options.token ?? TOKEN,
    backoff: { initialMs: 20, maxMs: 200 },
    onState: (state) => {
      latest = state;
      options.onState?.(state);
    },
  });
  cleanups.push(() => client.stop());
  return Object.assign(client, { latest: () => latest });
}

/** The store's feed state as a watcher would hold it: through JSON. */
const asJson = (store: CockpitStoreApi): unknown => JSON.parse(JSON.stringify(feedStateOf(store.getState())));

describe('the mirror server', () => {
  it('answers 401 without a token or with a wrong one, naming neither the token nor the feed', async () => {
    const server = await serve(primaryStore());
    const attempts: Record<string, string>[] = [{}, { authorization: 'Bearer wrong' }, { authorization: `Bearer ${TOKEN.slice(0, -1)}x` }, { authorization: `Basic ${TOKEN}` }, { authorization: `Bearer ${TOKEN} extra` }];
    for (const headers of attempts) {
      const answer = await ask(`${server.url}/feed`, { headers });
      expect(answer.status, JSON.stringify(headers)).toBe(401);
      expect(answer.headers['www-authenticate']).toContain('Bearer');
      expect(answer.body).not.toContain(TOKEN);
      expect(answer.body).not.toContain('"meta"');
    }
    // Unknown paths are not revealed to someone without the token either.
    expect((await ask(`${server.url}/anything`)).status).toBe(401);
    expect(server.stats().refused.auth).toBe(6);
  });

  it('answers 405 with Allow: GET to every other method, token or not', async () => {
    const server = await serve(primaryStore());
    for (const method of ['POST', 'PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS']) {
      for (const headers of [{}, auth] as Record<string, string>[]) {
        const answer = await ask(`${server.url}/feed`, { method, headers });
        expect(answer.status, method).toBe(405);
        expect(answer.headers['allow']).toBe('GET');
      }
    }
  });

  it('answers 404 for any path but /feed', async () => {
    const server = await serve(primaryStore());
    for (const path of ['/', '/feed/x', '/snapshot', '/feed.json']) expect((await ask(`${server.url}${path}`, { headers: auth })).status, path).toBe(404);
  });

  it('sends a snapshot on connect, then patches in seq order that rebuild the store exactly', async () => {
    const store = primaryStore();
    const server = await serve(store);
    const feed = await record(server.url);
    expect(feed.status).toBe(200);
    await until(() => feed.messages.length > 0, 'the snapshot');
    const first = feed.messages[0];
    expect(first?.event).toBe('snapshot');
    expect(first?.message.v).toBe(1);
    expect(feed.state()?.primary.driver).toBe('dana-w');

    store.getState().setNotice({ text: 'PR #42 opened', tone: 'success' });
    await feed.waitFor((s) => s.primary.notice?.text === 'PR #42 opened', 'the notice');
    store.getState().moveCursor(2);
    await feed.waitFor((s) => s.checklist.cursor === 2, "the primary's cursor");
    store.getState().openDialog({ kind: 'confirm', action: { type: 'update-ppcs' }, prompt: 'Update 12 customer PPCs?' });
    await feed.waitFor((s) => s.primary.dialog?.kind === 'confirm', 'the open confirmation');
    store.getState().setPpcs([{ id: 'acme', name: 'Acme', current: 'a', target: 'b', state: 'updating' }]);
    await feed.waitFor((s) => s.rollout.ppcs.length === 1, 'the fleet');

    const seqs = feed.messages.map((m) => m.message.seq);
    expect(seqs).toEqual(seqs.map((_, i) => (seqs[0] ?? 0) + i));
    expect(feed.messages.slice(1).every((m) => m.event === 'patch')).toBe(true);
    expect(feed.state()).toEqual(asJson(store));
  });

  it('leaves out what is local to the primary: the clock, its help, its pane cursors, and a log it closed', async () => {
    const store = primaryStore();
    const server = await serve(store);
    const feed = await record(server.url);
    await until(() => feed.messages.length > 0, 'the snapshot');
    for (let i = 1; i <= 5; i += 1) store.getState().tick(Date.now() + i * 1000);
    store.getState().openDialog({ kind: 'help' });
    store.getState().moveCiCursor(3);
    store.getState().setLog({ jobId: 7, text: 'log of a closed dialog', isComplete: true });
    store.getState().setNotice({ text: 'marker', tone: 'info' });
    const state = await feed.waitFor((s) => s.primary.notice?.text === 'marker', 'the marker');
    expect(feed.messages).toHaveLength(2);
    expect(state.primary.dialog).toBeNull();
    expect(state.log).toBeNull();
    expect(Object.keys(state)).not.toContain('now');
    expect(Object.keys(state)).not.toContain('ui');
  });

  it('coalesces a burst of store updates into one patch', async () => {
    const store = primaryStore();
    const server = await serve(store, { coalesceMs: 50 });
    const feed = await record(server.url);
    await until(() => feed.messages.length > 0, 'the snapshot');
    for (let i = 0; i < 500; i += 1) store.getState().setNotice({ text: `update ${i}`, tone: 'info' });
    await feed.waitFor((s) => s.primary.notice?.text === 'update 499', 'the last update');
    expect(feed.messages.filter((m) => m.event === 'patch')).toHaveLength(1);

    // Spread out over ~300 ms, updates go out at most every 50 ms.
    const before = feed.messages.length;
    const started = Date.now();
    for (let i = 0; i < 60; i += 1) {
      store.getState().setNotice({ text: `spread ${i}`, tone: 'info' });
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await feed.waitFor((s) => s.primary.notice?.text === 'spread 59', 'the last spread update');
    const elapsed = Date.now() - started;
    expect(feed.messages.length - before).toBeLessThanOrEqual(Math.ceil(elapsed / 50) + 1);
    expect(feed.messages.length - before).toBeLessThan(60);
  });

  it('sends a heartbeat naming the latest seq while nothing changes', async () => {
    const store = primaryStore();
    const server = await serve(store, { heartbeatMs: 40 });
    const feed = await record(server.url);
    store.getState().setNotice({ text: 'one change', tone: 'info' });
    await until(() => feed.messages.filter((m) => m.event === 'heartbeat').length >= 2, 'two heartbeats');
    const last = feed.messages.filter((m) => m.event !== 'heartbeat').at(-1);
    for (const beat of feed.messages.filter((m) => m.event === 'heartbeat' && m.message.seq >= (last?.message.seq ?? 0))) expect(beat.message.seq).toBe(last?.message.seq);
  });

  it('turns the watcher past mirror.max_watchers away with 503, and takes one again when a place frees up', async () => {
    const server = await serve(primaryStore(), { maxWatchers: 2 });
    const one = await record(server.url);
    await record(server.url);
    const full = await ask(`${server.url}/feed`, { headers: auth });
    expect(full.status).toBe(503);
    expect(full.body).toContain('2 watchers');
    await expect(follow(server.url).ready).rejects.toMatchObject({ kind: 'full' });
    one.close();
    await until(() => server.stats().watchers === 1, 'the place freed');
    expect((await record(server.url)).status).toBe(200);
  });

  it('drops a watcher that stops reading, while the others keep up and the primary does not wait', async () => {
    const store = primaryStore();
    const server = await serve(store, { maxBufferedBytes: 256 * 1024 });
    const healthy = await record(server.url);
    // A watcher that sends its request and then never reads a byte.
    const stalled: Socket = connect(server.port, '127.0.0.1');
    cleanups.push(() => stalled.destroy());
    stalled.write(`GET /feed HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${TOKEN}\r\n\r\n`);
    stalled.pause();
    await until(() => server.stats().watchers === 2, 'both watchers connected');

    store.getState().openDialog({ kind: 'log', jobId: 1, title: 'job 1.1 lint' });
    let round = 0;
    const slowest: number[] = [];
    while (server.stats().dropped === 0 && round < 400) {
      round += 1;
      // Not a longer text each time (that would be an append): half a megabyte of new log per update.
      const started = performance.now();
      store.getState().setLog({ jobId: 1, text: `${round}:${'x'.repeat(512 * 1024)}`, isComplete: false });
      slowest.push(performance.now() - started);
      await healthy.waitFor((s) => s.log?.text.startsWith(`${round}:`) ?? false, `update ${round} at the healthy watcher`);
    }
    expect(server.stats().dropped).toBe(1);
    expect(server.stats().watchers).toBe(1);
    store.getState().setNotice({ text: 'after the drop', tone: 'info' });
    await healthy.waitFor((s) => s.primary.notice?.text === 'after the drop', 'the healthy watcher still following');
    expect(healthy.state()).toEqual(asJson(store));
    // Writing to watchers happens after the store update: a store update never waits for a socket.
    expect(Math.max(...slowest)).toBeLessThan(100);
  });
});

describe('the mirror client', () => {
  it('reconnects after a lost connection and catches up with everything it missed', async () => {
    const store = primaryStore();
    const server = await serve(store);
    const proxy = await tcpProxy(server.port);
    const client = follow(`http://127.0.0.1:${proxy.port}`);
    await client.ready;
    store.getState().setNotice({ text: 'before', tone: 'info' });
    await until(() => client.latest()?.primary.notice?.text === 'before', 'the first change');

    proxy.cut();
    store.getState().moveCursor(3);
    store.getState().setNotice({ text: 'while disconnected', tone: 'warning' });
    await until(() => client.stats().connects >= 2 && client.latest()?.primary.notice?.text === 'while disconnected', 'the catch-up');
    expect(JSON.parse(JSON.stringify(client.latest()))).toEqual(asJson(store));
    expect(client.latest()?.checklist.cursor).toBe(3);
  });

  it('reconnects when the feed goes silent (no heartbeat) for too long', async () => {
    const fake = await fakeFeed([[snapshotEvent(1, 'one')], [snapshotEvent(7, 'seven')]]);
    let latest: FeedState | undefined;
    const client = startFeedClient({ url: feedUrl(fake.url), token: TOKEN, silenceMs: 150, backoff: { initialMs: 10, maxMs: 50 }, onState: (state) => (latest = state) });
    cleanups.push(() => client.stop());
    await until(() => latest?.primary.notice?.text === 'seven', 'the second connection');
    // Silence is a lost connection, not a missed update.
    expect(client.stats().resyncs).toBe(0);
    expect(client.stats().connects).toBeGreaterThanOrEqual(2);
  });

  it('resyncs with a fresh snapshot when a seq is missing', async () => {
    const fake = await fakeFeed([
      [snapshotEvent(1, 'one'), patchEvent(2, 'two'), patchEvent(4, 'four: one seq skipped')],
      [snapshotEvent(5, 'five')],
    ]);
    const client = follow(fake.url);
    await until(() => client.latest()?.primary.notice?.text === 'five', 'the fresh snapshot');
    expect(client.stats()).toEqual({ connects: 2, resyncs: 1 });
  });

  it('resyncs when a heartbeat names a seq it has not seen', async () => {
    const fake = await fakeFeed([[snapshotEvent(1, 'one'), `event: heartbeat\nid: 3\ndata: {"v":1,"seq":3,"at":0}\n\n`], [snapshotEvent(3, 'three')]]);
    const client = follow(fake.url);
    await until(() => client.latest()?.primary.notice?.text === 'three', 'the fresh snapshot');
    expect(client.stats().resyncs).toBe(1);
  });

  it('stops with a clear message for a feed of another version', async () => {
    const other = snapshotEvent(1, 'one').replace('"v":1', '"v":2');
    const fake = await fakeFeed([[other]]);
    const error = await follow(fake.url).ready.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MirrorError);
    expect(error).toMatchObject({ kind: 'version' });
    expect((error as Error).message).toContain('feed version 2');
  });

  it('says what is wrong with a wrong token, an unreachable mirror and a URL that is not a mirror', async () => {
    const server = await serve(primaryStore());
    await expect(follow(server.url, { token: 'not-the-token-at-all' }).ready).rejects.toMatchObject({ kind: 'auth' });
    const closed = await tcpProxy(1);
    await closed.close();
    await expect(follow(`http://127.0.0.1:${closed.port}`).ready).rejects.toMatchObject({ kind: 'unreachable', message: expect.stringContaining('connection refused') });
    const plain = await fakeFeed([], 'text/html');
    await expect(follow(plain.url).ready).rejects.toMatchObject({ kind: 'not-a-mirror' });
  });
});

function snapshotEvent(seq: number, notice: string): string {
  const store = primaryStore();
  store.getState().setNotice({ text: notice, tone: 'info' });
  return `event: snapshot\nid: ${seq}\ndata: ${JSON.stringify({ v: 1, seq, state: feedStateOf(store.getState()) })}\n\n`;
}

function patchEvent(seq: number, notice: string): string {
  return `event: patch\nid: ${seq}\ndata: ${JSON.stringify({ v: 1, seq, ops: [{ op: 'set', path: ['primary', 'notice'], value: { text: notice, tone: 'info' } }] })}\n\n`;
}

/** A server that answers its n-th connection with the n-th list of events, then keeps the connection open. */
async function fakeFeed(connections: readonly (readonly string[])[], contentType = 'text/event-stream'): Promise<{ url: string }> {
  const { createServer } = await import('node:http');
  let n = 0;
  const server = createServer((_req, res) => {
    const events = connections[n] ?? [];
    n += 1;
    res.writeHead(200, { 'content-type': contentType });
    res.flushHeaders();
    for (const event of events) res.write(event);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise<void>((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  }));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

/** A TCP proxy in front of `port` whose connections can be cut, as a network would. */
async function tcpProxy(port: number): Promise<{ port: number; cut(): void; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const proxy: Server = createTcpServer((inbound) => {
    const outbound = connect(port, '127.0.0.1');
    for (const s of [inbound, outbound]) {
      sockets.add(s);
      s.on('error', () => undefined);
      s.on('close', () => sockets.delete(s));
    }
    inbound.pipe(outbound).pipe(inbound);
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  const cut = () => {
    for (const s of sockets) s.destroy();
  };
  const close = () =>
    new Promise<void>((resolve) => {
      cut();
      proxy.close(() => resolve());
    });
  cleanups.push(close);
  return { port: (proxy.address() as AddressInfo).port, cut, close };
}
