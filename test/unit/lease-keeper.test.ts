import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { COMMENT_RETRY_MS, keepLease, type LeaseKeeper } from '../../src/modes/release/lease-keeper.js';
import { freshStore, pull } from '../helpers/ui-fixtures.js';

const lease = { release: '2026-11-24-weekly', driver: 'dana-w', host: 'lap-7', pid: process.pid, started: '2026-11-24T14:00:00Z', heartbeat: '2026-11-24T14:00:00Z' };

describe('keepLease', () => {
  let keeper: LeaseKeeper | undefined;
  afterEach(() => keeper?.stop(false));

  it('does not ask a failing GitHub again on every store change, only after a pause', () => {
    let now = Date.parse('2026-11-24T14:00:00Z');
    let calls = 0;
    const github = {
      listComments: async () => {
        calls += 1;
        throw new Error('GitHub is down');
      },
      addComment: async () => {
        throw new Error('not reached');
      },
      updateComment: async () => {
        throw new Error('not reached');
      },
    };
    const store = freshStore();
    const path = join(mkdtempSync(join(tmpdir(), 'lease-')), 'lease.json');
    keeper = keepLease({ path, lease, store, github, now: () => now, onLost: () => undefined, heartbeatMs: 3_600_000 });
    return (async () => {
      store.getState().promotionRead({ pull: pull() });
      await new Promise((resolve) => setImmediate(resolve));
      expect(calls).toBe(1);
      // The clock ticks every second: none of these may reach GitHub again.
      for (let i = 0; i < 30; i++) {
        now += 1_000;
        store.getState().clockTicked(now);
        await new Promise((resolve) => setImmediate(resolve));
      }
      expect(calls).toBe(1);
      now += COMMENT_RETRY_MS;
      store.getState().clockTicked(now);
      await new Promise((resolve) => setImmediate(resolve));
      expect(calls).toBe(2);
    })();
  });
});
