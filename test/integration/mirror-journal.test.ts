// The release's journal travels with the mirror feed: a watcher keeps a replica in its own state directory, and
// a reconnect asks (Last-Event-ID) for the lines after the ones it has. Real sockets and files.
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { WEEKLY_PLAYBOOK } from '../../src/domain/weekly-playbook.js';
import { readLease, writeLease } from '../../src/journal/lease-file.js';
import { releasePaths } from '../../src/journal/paths.js';
import { startFeedClient } from '../../src/mirror/client.js';
import { feedUrl } from '../../src/mirror/feed-url.js';
import { tapJournal } from '../../src/mirror/journal-tap.js';
import { openReplica, readReplicaMarker } from '../../src/mirror/replica.js';
import { startMirrorServer } from '../../src/mirror/server.js';
import { createCockpitStore } from '../../src/store/create-cockpit-store.js';
import { until } from '../helpers/mirror.js';

const TOKEN = 'mirror-token-0123456789abcdef';
const RELEASE = '2026-12-04-weekly';
const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function dir(): string {
  const d = mkdtempSync(join(tmpdir(), 'cockpit-journal-feed-'));
  cleanups.push(() => rmSync(d, { recursive: true, force: true }));
  return d;
}

const line = (n: number) => JSON.stringify({ at: '2026-12-04T14:00:00.000Z', actor: 'dana-w', type: 'note', text: `line ${n} — ünïcode` });
const lease = { release: RELEASE, driver: 'dana-w', host: 'lap-7', pid: 4242, started: '2026-12-04T13:00:00.000Z', heartbeat: '2026-12-04T14:00:00.000Z' };

describe('the journal over the mirror feed', () => {
  it("keeps a replica of the primary's journal and lease, and after a reconnect gets only the lines it lacks", async () => {
    const primary = releasePaths(dir(), RELEASE);
    mkdirSync(primary.dir, { recursive: true });
    writeFileSync(primary.journal, [1, 2, 3].map((n) => `${line(n)}\n`).join('') + '{"at":"2026-12-04T14:0');
    writeLease(primary.lease, lease);
    const tap = tapJournal({ release: RELEASE, paths: primary, pollMs: 20 });
    cleanups.push(() => tap.stop());
    const store = createCockpitStore({ playbook: WEEKLY_PLAYBOOK, meta: { mode: 'driving', releaseId: RELEASE, releaseName: 'Weekly release' } });
    const server = await startMirrorServer({ store, host: '127.0.0.1', port: 0, token: TOKEN, journal: tap });
    cleanups.push(() => server.close());

    const secondary = dir();
    const replica = openReplica({ stateDir: secondary, source: 'http://127.0.0.1' });
    const sent: (string | undefined)[] = [];
    const client = startFeedClient({
      url: feedUrl(server.url),
      token: TOKEN,
      backoff: { initialMs: 10, maxMs: 50 },
      onState: () => undefined,
      lastEventId: () => {
        sent.push(replica.position());
        return replica.position();
      },
      onJournal: (message) => replica.take(message),
      onHeard: (at) => replica.heard(at),
      onEnd: () => replica.ended(Date.now()),
    });
    cleanups.push(() => client.stop());
    const copy = releasePaths(secondary, RELEASE);
    const lines = () => (existsSync(copy.journal) ? readFileSync(copy.journal, 'utf8') : '');

    // Only whole lines: the one the primary is still writing stays out until its newline is on disk.
    await until(() => lines().split('\n').length === 4, 'the first three lines replicated');
    expect(lines()).toBe([1, 2, 3].map((n) => `${line(n)}\n`).join(''));
    expect(readLease(copy.lease)).toMatchObject({ driver: 'dana-w', host: 'lap-7', pid: 4242, started: lease.started });
    expect(readReplicaMarker(copy)).toMatchObject({ release: RELEASE, lines: 3, primary: { driver: 'dana-w' } });

    // The cut line finished and another written: they reach the replica as they are written.
    appendFileSync(primary.journal, `${line(4).slice('{"at":"2026-12-04T14:0'.length)}\n${line(5)}\n`);
    tap.poke();
    await until(() => lines().split('\n').length === 6, 'lines 4 and 5 replicated live');
    expect(lines()).toBe(readFileSync(primary.journal, 'utf8'));

    // The primary's mirror restarts on the same port while a line is written: the watcher reconnects, and its
    // Last-Event-ID names its last line, so only the line after it travels.
    await server.close();
    appendFileSync(primary.journal, `${line(6)}\n`);
    const again = await startMirrorServer({ store, host: '127.0.0.1', port: server.port, token: TOKEN, journal: tap });
    cleanups.push(() => again.close());
    await until(() => lines().split('\n').length === 7, 'line 6 replicated after the reconnect', 5_000);
    expect(sent.at(-1)).toBe(`${RELEASE}:5`);
    expect(again.stats().events.journal.count).toBe(1);
    expect(again.stats().events.journal.bytes).toBeLessThan(2 * line(6).length + 300);
    expect(lines()).toBe(readFileSync(primary.journal, 'utf8'));

    // The primary quits: its feed's end lets its lease go here too, so a take-over need not wait for it to go stale.
    await again.close();
    await until(() => readLease(copy.lease) === undefined, "the primary's lease let go on the replica");
    expect(readReplicaMarker(copy)).toMatchObject({ primary: null, lines: 6 });
  });

  it('leaves alone a journal this machine drives, and never writes outside the state directory', () => {
    const state = dir();
    const own = releasePaths(state, RELEASE);
    mkdirSync(own.dir, { recursive: true });
    writeFileSync(own.journal, `${line(1)}\n`);
    const replica = openReplica({ stateDir: state, source: 'http://127.0.0.1' });
    expect(replica.take({ v: 1, seq: 1, release: RELEASE, from: 0, lines: [line(9)], lease: null })).toBe(true);
    expect(readFileSync(own.journal, 'utf8')).toBe(`${line(1)}\n`);
    expect(replica.state()).toEqual({ state: 'local', release: RELEASE });
    expect(existsSync(own.replica)).toBe(false);

    const other = openReplica({ stateDir: state, source: 'http://127.0.0.1' });
    other.take({ v: 1, seq: 1, release: '../../escape', from: 0, lines: [line(1)], lease: null });
    expect(existsSync(join(state, '..', 'escape.jsonl'))).toBe(false);
    expect(other.state()).toEqual({ state: 'waiting' });
    // Lines that do not follow on from the replica's are refused (the client then asks for all of them again).
    expect(other.take({ v: 1, seq: 1, release: '2026-12-05-weekly', from: 3, lines: [line(4)], lease: null })).toBe(false);
  });
});
