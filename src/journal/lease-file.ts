import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Lease } from './lease.js';

/** The lease as written, or undefined when there is none or it cannot be read (a torn write is no lease). */
export function readLease(path: string): Lease | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
  try {
    const v = JSON.parse(text) as Partial<Lease>;
    if (typeof v.driver !== 'string' || typeof v.host !== 'string' || typeof v.pid !== 'number' || typeof v.heartbeat !== 'string' || typeof v.started !== 'string') return undefined;
    return { release: String(v.release ?? ''), driver: v.driver, host: v.host, pid: v.pid, started: v.started, heartbeat: v.heartbeat };
  } catch {
    return undefined;
  }
}

/** Written whole or not at all: a reader never sees half a lease. */
export function writeLease(path: string, lease: Lease): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(lease, null, 2)}\n`, { mode: 0o600 });
  renameSync(tmp, path);
}

export function removeLease(path: string): void {
  rmSync(path, { force: true });
}

/**
 * Signal 0 checks a pid without touching it (EPERM: it runs as someone else). A zombie answers too, but a
 * killed cockpit nobody has reaped yet drives nothing: where /proc says so, it counts as gone.
 */
export function isPidAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  return !isZombie(pid);
}

function isZombie(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // "pid (comm) S ...": the state follows the last parenthesis (comm may contain spaces and parentheses).
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    return state === 'Z' || state === 'X';
  } catch {
    return false;
  }
}
