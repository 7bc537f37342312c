// `cockpit run --take-over` on the secondary's machine, from the replica its watcher kept: read-only without the
// flag, refused while the primary is still heard from, and a resume (journalled as a take-over) once it is not.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WEEKLY_PLAYBOOK } from '../../src/domain/weekly-playbook.js';
import { NeedsHumanError } from '../../src/exit-codes.js';
import { writeLease } from '../../src/journal/lease-file.js';
import { parseJournal } from '../../src/journal/parse.js';
import { releasePaths } from '../../src/journal/paths.js';
import { openReplica, readReplicaMarker } from '../../src/mirror/replica.js';
import { openReleaseSession, type ReleaseSession } from '../../src/modes/release/session.js';
import { createServices } from '../../src/services/index.js';
import { startSim, type SimHandle } from '../../src/sim/index.js';
import { createCockpitStore } from '../../src/store/create-cockpit-store.js';

let sim: SimHandle;
let root: string;
const sessions: ReleaseSession[] = [];

beforeEach(async () => {
  sim = await startSim({ speed: 50, seed: 9 });
  root = mkdtempSync(join(tmpdir(), 'cockpit-replica-'));
});

afterEach(async () => {
  for (const s of sessions.splice(0)) await s.stop();
  await sim.close();
  rmSync(root, { recursive: true, force: true });
});

async function open(stateDir: string, options: { readonly takeOver?: boolean; readonly github?: string; readonly reason?: string } = {}): Promise<ReleaseSession> {
  const session = await openReleaseSession({
    config: sim.config,
    services: createServices(sim.config, options.github ? { github: options.github } : {}),
    playbook: WEEKLY_PLAYBOOK,
    mode: 'driving',
    stateDir,
    takeOver: options.takeOver ?? false,
    ...(options.reason ? { reason: options.reason } : {}),
    secrets: [],
    now: Date.now,
    heartbeatMs: 60_000,
  });
  sessions.push(session);
  session.attach(createCockpitStore({ playbook: WEEKLY_PLAYBOOK, now: Date.now(), meta: { mode: session.mode, releaseId: session.id } }));
  return session;
}

describe('taking over from a replica', () => {
  it('opens read-only, refuses while the primary is heard from, and resumes as a take-over once its lease is stale', async () => {
    const primaryState = join(root, 'primary');
    const secondaryState = join(root, 'secondary');
    const primary = await open(primaryState);
    const id = primary.id;
    await primary.stop();
    sessions.splice(0);

    // The watcher's replica: the primary's lines, and its lease as last heard (a moment ago, on another host).
    const lines = readFileSync(releasePaths(primaryState, id).journal, 'utf8').split('\n').filter(Boolean);
    const replica = openReplica({ stateDir: secondaryState, source: 'https://lap-7:7777' });
    replica.take({ v: 1, seq: 1, release: id, from: 0, lines, lease: { driver: 'dana-w', host: 'lap-7', pid: 4242, started: new Date().toISOString() } });
    const paths = releasePaths(secondaryState, id);
    expect(readReplicaMarker(paths)?.source).toBe('https://lap-7:7777');

    const watching = await open(secondaryState, { github: 'sim-eli-r' });
    expect(watching.mode).toBe('read-only');
    expect(watching.greeting?.text).toMatch(/^Read-only: dana-w's release, replicated from the mirror https:\/\/lap-7:7777 \(heard \d+s ago\); cockpit run --take-over carries it on from here$/);

    await expect(open(secondaryState, { github: 'sim-eli-r', takeOver: true })).rejects.toThrow(NeedsHumanError);
    await expect(open(secondaryState, { github: 'sim-eli-r', takeOver: true })).rejects.toThrow(/^dana-w on host lap-7 \(pid 4242\), seen \d+s ago: a take-over from the replica waits until their lease is stale/);
    expect(readFileSync(paths.journal, 'utf8').split('\n').filter(Boolean)).toEqual(lines);

    // Three minutes without word from the mirror: the lease is stale, and the take-over resumes the release.
    const stale = new Date(Date.now() - 3 * 60_000).toISOString();
    writeLease(paths.lease, { release: id, driver: 'dana-w', host: 'lap-7', pid: 4242, started: stale, heartbeat: stale });
    const taker = await open(secondaryState, { github: 'sim-eli-r', takeOver: true, reason: 'lap-7 is gone' });
    expect(taker.mode).toBe('driving');
    expect(taker.id).toBe(id);
    expect(taker.resumed?.id).toBe(id);
    const events = parseJournal(readFileSync(paths.journal, 'utf8')).events;
    expect(events.at(-1)).toMatchObject({ type: 'driver', actor: 'eli-r', resumed: true, tookOverFrom: 'dana-w', reason: 'lap-7 is gone', replicaOf: 'https://lap-7:7777' });
    // The journal is this machine's own now: no watcher writes it again.
    expect(readReplicaMarker(paths)).toBeUndefined();
    expect(replica.take({ v: 1, seq: 2, release: id, from: lines.length, lines: ['{"at":"2026-12-04T14:00:00Z","actor":"dana-w","type":"note","text":"late"}'], lease: null })).toBe(true);
    expect(readFileSync(paths.journal, 'utf8')).not.toContain('"late"');
  });
});
