// Beyond loopback the mirror speaks TLS only, with a self-signed certificate kept in the state directory; the
// watch URL carries its fingerprint, which the watcher pins. Real sockets, a real certificate.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { WEEKLY_PLAYBOOK } from '../../src/domain/weekly-playbook.js';
import { mirrorCertificate } from '../../src/mirror/certificate.js';
import { readMirrorSnapshot } from '../../src/mirror/client.js';
import { feedUrl } from '../../src/mirror/feed-url.js';
import { MirrorError } from '../../src/mirror/mirror-error.js';
import { startMirrorServer } from '../../src/mirror/server.js';
import type { ModeContext } from '../../src/modes/context.js';
import { serveMirror } from '../../src/modes/serve-mirror.js';
import { createCockpitStore } from '../../src/store/create-cockpit-store.js';
import type { Config } from '../../src/config/schema.js';

const TOKEN = 'mirror-token-0123456789abcdef';
const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const store = () => createCockpitStore({ playbook: WEEKLY_PLAYBOOK, meta: { mode: 'driving', releaseName: 'Weekly release', roles: { primary: 'dana-w' } } });

function stateDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'cockpit-tls-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

describe('the mirror over TLS', () => {
  it('makes its certificate once and keeps it: the same fingerprint on the next start, the key readable by its owner only', async () => {
    const dir = stateDir();
    const first = await mirrorCertificate(dir);
    expect(first.fingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect((await mirrorCertificate(dir)).fingerprint).toBe(first.fingerprint);
    expect(statSync(join(dir, 'mirror', 'key.pem')).mode & 0o077).toBe(0);
  });

  it('serves a watcher that pins the fingerprint, and refuses one whose URL names another, before the token leaves', async () => {
    const certificate = await mirrorCertificate(stateDir());
    const server = await startMirrorServer({ store: store(), host: '127.0.0.1', port: 0, token: TOKEN, tls: certificate });
    cleanups.push(() => server.close());
    expect(server.url).toBe(`https://127.0.0.1:${server.port}#sha256=${certificate.fingerprint}`);

    const state = await readMirrorSnapshot(feedUrl(server.url), TOKEN);
    expect(state.meta.releaseName).toBe('Weekly release');

    // Another certificate's fingerprint: someone in between, or the wrong URL.
    const other = await mirrorCertificate(stateDir());
    const wrong = `https://127.0.0.1:${server.port}#sha256=${other.fingerprint}`;
    const refused = await readMirrorSnapshot(feedUrl(wrong), TOKEN).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(MirrorError);
    expect((refused as MirrorError).kind).toBe('certificate');
    expect((refused as MirrorError).message).toMatch(/showed a certificate that is not the one in its URL/);
    // The server never saw a request, so never the token: the connection ended at the handshake.
    expect(server.stats().connected).toBe(1);
    expect(server.stats().refused.auth).toBe(0);

    // Without a fingerprint the usual CA check applies, which a self-signed certificate does not pass.
    const unpinned = await readMirrorSnapshot(feedUrl(`https://127.0.0.1:${server.port}`), TOKEN).catch((error: unknown) => error);
    expect((unpinned as MirrorError).message).toMatch(/self-signed certificate/);
    expect(server.stats().refused.auth).toBe(0);
    expect(() => feedUrl(`https://127.0.0.1:${server.port}#sha256=abc`)).toThrow(/must be 64 hex digits/);
  });

  it('--mirror on an address beyond loopback serves TLS and prints a watch command with the fingerprint and no --token', async () => {
    const dir = stateDir();
    let printed = '';
    const stderr = new PassThrough();
    stderr.on('data', (chunk: Buffer) => (printed += chunk.toString()));
    const ctx = { env: { COCKPIT_STATE_DIR: dir }, stderr } as unknown as ModeContext;
    // serveMirror reads only the mirror's settings.
    const config = { mirror: { max_watchers: 5 } } as unknown as Config;
    const served = await serveMirror(ctx, store(), config, { host: '0.0.0.0', port: 0 });
    cleanups.push(() => served.server.close());
    const { fingerprint } = await mirrorCertificate(dir);
    expect(served.server.url).toMatch(new RegExp(`^https://\\S+:${served.server.port}#sha256=${fingerprint}$`));
    const match = /COCKPIT_MIRROR_TOKEN=(\S+) cockpit watch '(https:\/\/\S+)'\n/.exec(printed);
    expect(match?.[2]).toBe(served.server.url);
    expect(printed).not.toContain('--token');
    const local = served.server.url.replace(/^https:\/\/[^:]+:/, 'https://127.0.0.1:');
    expect((await readMirrorSnapshot(feedUrl(local), match?.[1] ?? '')).meta.releaseName).toBe('Weekly release');
  });
});
