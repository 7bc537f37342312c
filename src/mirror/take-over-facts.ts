import { hostname } from 'node:os';
import { isLeaseLive, leaseHolderText } from '../journal/lease.js';
import { isPidAlive, readLease } from '../journal/lease-file.js';
import { releasePaths } from '../journal/paths.js';
import type { WatchFacts } from '../store/state.js';
import type { ReplicaState } from './replica.js';

/**
 * What the watcher's take-over key needs to know, read as `cockpit run --take-over` will read it: the lease
 * beside the replica (renewed while the feed is heard, gone once the primary quits), judged by the same rule.
 */
export function takeOverFacts(options: {
  readonly stateDir: string;
  readonly replica: ReplicaState;
  readonly primary: string | undefined;
  readonly configProblem: string | undefined;
  readonly now: number;
}): WatchFacts {
  const { replica, now } = options;
  const base = { primary: options.primary ?? 'the primary', ...(options.configProblem ? { configProblem: options.configProblem } : {}) };
  // A journal here that is this machine's own ('local') is no replica to take over from.
  if (replica.state !== 'replicating') return { ...base, replicaLines: 0 };
  const lease = readLease(releasePaths(options.stateDir, replica.release).lease);
  const live = lease && isLeaseLive(lease, { host: hostname(), pid: process.pid, now, isPidAlive }) ? leaseHolderText(lease, now) : undefined;
  return { ...base, replicaLines: replica.lines, ...(live ? { liveLease: live } : {}) };
}
