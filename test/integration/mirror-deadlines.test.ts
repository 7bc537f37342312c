import { createServer, type ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { startFeedClient } from '../../src/mirror/client.js';
import type { LinkStatus } from '../../src/mirror/link.js';
import { MirrorError } from '../../src/mirror/mirror-error.js';
import { feedStateOf } from '../../src/mirror/feed-state.js';
import { encodeEvent, FEED_VERSION } from '../../src/mirror/protocol.js';
import { freshStore } from '../helpers/ui-fixtures.js';

// Every wait of a watcher has a deadline once the headers came: the first snapshot, and every message after it.
// Servers that send headers and then bytes that never complete a message, slowly, so nothing else ends the wait.

const open: { close(): void; closeAllConnections(): void }[] = [];
afterEach(() => {
  for (const server of open.splice(0)) {
    server.closeAllConnections();
    server.close();
  }
});

async function trickle(first: (res: ServerResponse) => void): Promise<URL> {
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    first(res);
    const timer = setInterval(() => res.write('x'), 50);
    res.on('close', () => clearInterval(timer));
  });
  open.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return new URL(`http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/feed`);
}

describe('a watcher against a feed that trickles', () => {
  it('gives up on a first snapshot that never completes, by its deadline', async () => {
    const url = await trickle((res) => res.write('event: snapshot\ndata: {"v":1,'));
    const started = performance.now();
    const client = startFeedClient({ url, token: 'Zq8-k2PxWvR7mN4tYb1c', firstSnapshotMs: 400, silenceMs: 60_000, onState: () => undefined });
    const error = await client.ready.then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(MirrorError);
    expect((error as MirrorError).message).toBe(`the mirror at ${url.origin} sent no snapshot within 0s`);
    expect(performance.now() - started).toBeLessThan(3_000);
  });

  it('counts bytes that never end a message as silence once live, and reconnects', async () => {
    const state = feedStateOf(freshStore().getState());
    const url = await trickle((res) => res.write(`${encodeEvent('snapshot', { v: FEED_VERSION, seq: 0, state } as never)}event: patch\ndata: `));
    const links: LinkStatus[] = [];
    const client = startFeedClient({ url, token: 'Zq8-k2PxWvR7mN4tYb1c', silenceMs: 300, backoff: { initialMs: 60_000, maxMs: 60_000 }, onState: () => undefined, onLink: (l) => links.push(l) });
    try {
      await client.ready;
      await expect.poll(() => links.at(-1)?.state, { timeout: 3_000 }).toBe('reconnecting');
      expect(links.at(-1)?.reason).toBe('no word from the mirror for 0s');
    } finally {
      client.stop();
    }
  });
});
