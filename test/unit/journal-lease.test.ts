import { describe, expect, it, vi } from 'vitest';
import { isLaterDriver, isLeaseLive, isOwnLease, LEASE_STALE_MS, leaseComment, leaseHolderText, namesLease, parseDriverComment, type Lease } from '../../src/journal/lease.js';

const NOW = Date.UTC(2026, 10, 24, 14, 30, 0);
const lease = (overrides: Partial<Lease> = {}): Lease => ({
  release: '2026-11-24-weekly',
  driver: 'dana-w',
  host: 'lap-7',
  pid: 4242,
  started: new Date(NOW - 30 * 60_000).toISOString(),
  heartbeat: new Date(NOW - 10_000).toISOString(),
  ...overrides,
});
const here = (overrides: Partial<Parameters<typeof isLeaseLive>[1]> = {}) => ({ host: 'desk-2', pid: 77, now: NOW, isPidAlive: () => true, ...overrides });

describe('lease liveness', () => {
  it('no lease, or our own, is nobody else driving', () => {
    expect(isLeaseLive(undefined, here())).toBe(false);
    expect(isLeaseLive(lease({ host: 'desk-2', pid: 77 }), here())).toBe(false);
    expect(isOwnLease(lease({ host: 'desk-2', pid: 77 }), here())).toBe(true);
  });

  it('another host with a fresh heartbeat drives; a stale heartbeat does not', () => {
    expect(isLeaseLive(lease(), here())).toBe(true);
    expect(isLeaseLive(lease({ heartbeat: new Date(NOW - LEASE_STALE_MS).toISOString() }), here())).toBe(false);
    expect(isLeaseLive(lease({ heartbeat: 'garbage' }), here())).toBe(false);
  });

  it('on the same host the pid decides: a cockpit killed a moment ago left a fresh heartbeat but drives no more', () => {
    expect(isLeaseLive(lease({ host: 'desk-2' }), here({ isPidAlive: (pid) => pid === 4242 }))).toBe(true);
    expect(isLeaseLive(lease({ host: 'desk-2' }), here({ isPidAlive: () => false }))).toBe(false);
  });

  it('names the driver for the read-only message, and in the PR comment', () => {
    expect(leaseHolderText(lease(), NOW)).toBe('dana-w on host lap-7 (pid 4242), seen 10s ago');
    const comment = leaseComment(lease(), { from: 'eli-r', reason: "eli's laptop\nwent away" });
    expect(comment.split('\n')[0]).toBe("release-cockpit: driven by dana-w on host lap-7 since 2026-11-24T14:00:00Z (release 2026-11-24-weekly), taken over from eli-r: eli's laptop went away.");
    // Read back by its marker, which names the release: another release's comment is not this one's.
    const read = parseDriverComment(comment, '2026-11-24-weekly');
    expect(read).toEqual({ release: '2026-11-24-weekly', driver: 'dana-w', host: 'lap-7', since: '2026-11-24T14:00:00Z' });
    expect(parseDriverComment(comment, '2026-12-01-weekly')).toBeUndefined();
    expect(parseDriverComment('release-cockpit: driven by dana-w on host lap-7', '2026-11-24-weekly')).toBeUndefined();
  });

  it('tells the lease a comment names from an earlier driver and from one who took over since', () => {
    const read = parseDriverComment(leaseComment(lease()), '2026-11-24-weekly');
    if (!read) throw new Error('no driver comment read back');
    expect(namesLease(read, lease())).toBe(true);
    expect(isLaterDriver(read, lease())).toBe(false);
    // dana-w started at 14:00; a lease of eli-r started at 15:00 is later than hers, one started at 13:00 is not.
    expect(isLaterDriver(read, lease({ driver: 'eli-r', started: '2026-11-24T13:00:00Z' }))).toBe(true);
    expect(isLaterDriver(read, lease({ driver: 'eli-r', started: '2026-11-24T15:00:00Z' }))).toBe(false);
  });
});

describe('isPidAlive', () => {
  it('is true for this process, false for a pid that does not run, and false for a zombie', async () => {
    const { spawn } = await import('node:child_process');
    const { isPidAlive } = await import('../../src/journal/lease-file.js');
    expect(isPidAlive(process.pid)).toBe(true);
    expect(isPidAlive(0)).toBe(false);
    // The short sleep's parent becomes the long sleep, which never collects it: a killed cockpit whose terminal
    // was gone before anyone reaped it looks just like this, and drives nothing.
    const parent = spawn('sh', ['-c', 'sleep 0.05 & echo $!; exec sleep 5'], { stdio: ['ignore', 'pipe', 'ignore'] });
    const zombie = Number(await new Promise<string>((resolve) => parent.stdout.once('data', (d: Buffer) => resolve(d.toString()))));
    try {
      await vi.waitFor(() => expect(isPidAlive(zombie)).toBe(false), { timeout: 3_000 });
    } finally {
      parent.kill('SIGKILL');
    }
  });
});
