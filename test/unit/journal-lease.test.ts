import { describe, expect, it } from 'vitest';
import { isCommentFor, isLeaseLive, isOwnLease, LEASE_STALE_MS, leaseComment, leaseHolderText, type Lease } from '../../src/journal/lease.js';

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
    const comment = leaseComment(lease(), 'eli-r');
    expect(comment).toBe('release-cockpit: driven by dana-w on host lap-7 since 2026-11-24T14:00:00Z (release 2026-11-24-weekly), taken over from eli-r.');
    expect(isCommentFor(comment, { driver: 'dana-w', host: 'lap-7' })).toBe(true);
    expect(isCommentFor(comment, { driver: 'eli-r', host: 'lap-7' })).toBe(false);
  });
});
