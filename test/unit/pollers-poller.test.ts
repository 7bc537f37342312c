import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SourceError } from '../../src/domain/source.js';
import { createPoller, nextDelay, type Poller } from '../../src/pollers/poller.js';

/** A read the test finishes by hand, so a refresh can be held "in flight" for as long as needed. */
function controllableRead() {
  const calls: Array<{ signal: AbortSignal; resolve: (v: number) => void; reject: (e: unknown) => void; at: number }> = [];
  const read = (signal: AbortSignal) =>
    new Promise<number>((resolve, reject) => {
      calls.push({ signal, resolve, reject, at: Date.now() });
    });
  return { read, calls };
}

let poller: Poller | undefined;

beforeEach(() => {
  vi.useFakeTimers({ now: 0 });
});

afterEach(() => {
  poller?.stop();
  poller = undefined;
  vi.useRealTimers();
});

describe('createPoller', () => {
  it('never starts a refresh while one is still running, however long it takes', async () => {
    const { read, calls } = controllableRead();
    const write = vi.fn();
    poller = createPoller({ name: 't', intervalMs: 1_000, read, write });
    poller.start();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(calls).toHaveLength(1);
    expect(poller.busy()).toBe(true);

    calls[0]!.resolve(1);
    await vi.advanceTimersByTimeAsync(0);
    expect(poller.busy()).toBe(false);
    expect(calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(calls).toHaveLength(2);
    expect(calls[1]!.at).toBe(11_000);
  });

  it('writes exactly once per completed refresh and never for a failed one', async () => {
    let n = 0;
    const write = vi.fn();
    const onError = vi.fn();
    poller = createPoller({
      name: 't',
      intervalMs: 1_000,
      read: async () => {
        n += 1;
        if (n === 2) throw new Error('boom');
        return n;
      },
      write,
      onError,
    });
    poller.start();
    await vi.advanceTimersByTimeAsync(0);
    // Reads 1, 2 (fails), then backoff 1 s after the failure, read 3.
    await vi.advanceTimersByTimeAsync(2_000);
    expect(write.mock.calls.map((c) => c[0])).toEqual([1, 3]);
    expect(onError).toHaveBeenCalledTimes(1);
    expect(onError.mock.calls[0]![1]).toBe(1);
  });

  it('backs off exponentially up to the cap on errors and resets on success', async () => {
    const at: number[] = [];
    let failing = true;
    poller = createPoller({
      name: 't',
      intervalMs: 1_000,
      backoff: { factor: 2, maxMs: 8_000 },
      read: async () => {
        at.push(Date.now());
        if (failing) throw new Error('down');
        return 0;
      },
      write: () => {},
    });
    poller.start();
    await vi.advanceTimersByTimeAsync(0 + 1_000 + 2_000 + 4_000 + 8_000 + 8_000);
    expect(at).toEqual([0, 1_000, 3_000, 7_000, 15_000, 23_000]);
    expect(poller.failures()).toBe(6);

    failing = false;
    await vi.advanceTimersByTimeAsync(8_000);
    expect(at.at(-1)).toBe(31_000);
    expect(poller.failures()).toBe(0);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(at.at(-1)).toBe(32_000);
  });

  it('waits until a rate limit resets rather than asking again early', () => {
    expect(nextDelay(1_000, 1, {}, 45_000)).toBe(45_000);
    expect(nextDelay(1_000, 3, {}, 0)).toBe(4_000);
    expect(nextDelay(1_000, 0, {}, 45_000)).toBe(1_000);
  });

  it('honours a SourceError retryAt from a rate-limited read', async () => {
    const at: number[] = [];
    poller = createPoller({
      name: 't',
      intervalMs: 1_000,
      read: async () => {
        at.push(Date.now());
        if (at.length === 1) throw new SourceError('github', 'rate-limited', 'GitHub: rate limited', { retryAt: 30_000 });
        return 0;
      },
      write: () => {},
    });
    poller.start();
    await vi.advanceTimersByTimeAsync(29_999);
    expect(at).toEqual([0]);
    await vi.advanceTimersByTimeAsync(1);
    expect(at).toEqual([0, 30_000]);
  });

  it('aborts the refresh under way on stop, drops its result and schedules nothing more', async () => {
    const { read, calls } = controllableRead();
    const write = vi.fn();
    const onError = vi.fn();
    poller = createPoller({ name: 't', intervalMs: 1_000, read, write, onError });
    poller.start();
    await vi.advanceTimersByTimeAsync(0);
    poller.stop();
    expect(calls[0]!.signal.aborted).toBe(true);
    calls[0]!.resolve(1);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(write).not.toHaveBeenCalled();
    expect(onError).not.toHaveBeenCalled();
    expect(calls).toHaveLength(1);
  });

  it('refreshNow during a refresh runs exactly one more afterwards, however often it is asked', async () => {
    const { read, calls } = controllableRead();
    const write = vi.fn();
    poller = createPoller({ name: 't', intervalMs: 60_000, read, write });
    poller.start();
    await vi.advanceTimersByTimeAsync(0);
    const a = poller.refreshNow();
    const b = poller.refreshNow();
    expect(calls).toHaveLength(1);
    calls[0]!.resolve(1);
    await vi.advanceTimersByTimeAsync(0);
    expect(calls).toHaveLength(2);
    calls[1]!.resolve(2);
    await Promise.all([a, b]);
    expect(write.mock.calls.map((c) => c[0])).toEqual([1, 2]);
  });

  it('refreshNow when idle refreshes at once and restarts the interval from there', async () => {
    const at: number[] = [];
    poller = createPoller({ name: 't', intervalMs: 10_000, read: async () => at.push(Date.now()), write: () => {} });
    poller.start();
    await vi.advanceTimersByTimeAsync(4_000);
    await poller.refreshNow();
    await vi.advanceTimersByTimeAsync(9_999);
    expect(at).toEqual([0, 4_000]);
    await vi.advanceTimersByTimeAsync(1);
    expect(at).toEqual([0, 4_000, 14_000]);
  });

  it('reads its interval each time, so a poller can speed up while something is active', async () => {
    const at: number[] = [];
    let active = false;
    poller = createPoller({ name: 't', intervalMs: () => (active ? 5_000 : 30_000), read: async () => at.push(Date.now()), write: () => {} });
    poller.start();
    await vi.advanceTimersByTimeAsync(0);
    active = true;
    await vi.advanceTimersByTimeAsync(30_000 + 5_000);
    expect(at).toEqual([0, 30_000, 35_000]);
  });

  it('reschedule cuts a long wait short once the interval asks for less, and never lengthens one', async () => {
    const at: number[] = [];
    let interval = 30_000;
    poller = createPoller({ name: 't', intervalMs: () => interval, read: async () => at.push(Date.now()), write: () => {} });
    poller.start();
    await vi.advanceTimersByTimeAsync(2_000);
    interval = 3_000;
    poller.reschedule();
    // Measured from the end of the last read (0), not from the reschedule: 2 s are already waited out.
    await vi.advanceTimersByTimeAsync(999);
    expect(at).toEqual([0]);
    await vi.advanceTimersByTimeAsync(1);
    expect(at).toEqual([0, 3_000]);

    interval = 60_000;
    poller.reschedule();
    await vi.advanceTimersByTimeAsync(3_000);
    expect(at).toEqual([0, 3_000, 6_000]);
  });

  it('reschedule fires at once when the shorter wait has already passed, and leaves a backoff alone', async () => {
    const at: number[] = [];
    let interval = 30_000;
    let failing = false;
    poller = createPoller({
      name: 't',
      intervalMs: () => interval,
      read: async () => {
        at.push(Date.now());
        if (failing) throw new Error('down');
      },
      write: () => {},
    });
    poller.start();
    await vi.advanceTimersByTimeAsync(10_000);
    interval = 3_000;
    poller.reschedule();
    await vi.advanceTimersByTimeAsync(0);
    expect(at).toEqual([0, 10_000]);

    failing = true;
    await vi.advanceTimersByTimeAsync(3_000);
    expect(at).toEqual([0, 10_000, 13_000]);
    interval = 1_000;
    poller.reschedule();
    // The failure's backoff (the 3 s interval then) stands.
    await vi.advanceTimersByTimeAsync(2_999);
    expect(at).toHaveLength(3);
    await vi.advanceTimersByTimeAsync(1);
    expect(at).toEqual([0, 10_000, 13_000, 16_000]);
  });
});
