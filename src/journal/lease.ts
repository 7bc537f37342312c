/**
 * One driver per release: the lease file beside the journal says who drives, from where, and when they were
 * last seen. Pure: liveness is decided from the lease, the clock and a pid check the caller supplies.
 */
export interface Lease {
  readonly release: string;
  readonly driver: string;
  readonly host: string;
  readonly pid: number;
  /** ISO 8601. */
  readonly started: string;
  readonly heartbeat: string;
}

/** A lease not renewed for this long is stale: its cockpit is gone (or asleep) and the release may be taken. */
export const LEASE_STALE_MS = 2 * 60_000;
/** How often a driving cockpit renews its lease. */
export const HEARTBEAT_MS = 20_000;

export interface Here {
  readonly host: string;
  readonly pid: number;
  readonly now: number;
  /** Whether a process with this pid runs on this host. */
  readonly isPidAlive: (pid: number) => boolean;
}

/**
 * Whether someone else drives the release right now. A fresh heartbeat is required; on this host the pid must
 * also still run (a cockpit killed a moment ago leaves a fresh heartbeat behind, and its release must resume at
 * once). Our own lease is never "someone else".
 */
export function isLeaseLive(lease: Lease | undefined, here: Here): boolean {
  if (!lease) return false;
  if (lease.host === here.host && lease.pid === here.pid) return false;
  const beat = Date.parse(lease.heartbeat);
  if (!Number.isFinite(beat) || here.now - beat >= LEASE_STALE_MS) return false;
  if (lease.host === here.host) return here.isPidAlive(lease.pid);
  return true;
}

/** Whether the lease is this cockpit's own. */
export function isOwnLease(lease: Lease | undefined, here: Pick<Here, 'host' | 'pid'>): boolean {
  return lease !== undefined && lease.host === here.host && lease.pid === here.pid;
}

/** "dana-w on host lap-7 (pid 4242), seen 12s ago": who holds the lease, for a read-only cockpit's message. */
export function leaseHolderText(lease: Lease, now: number): string {
  const seen = Math.max(0, Math.round((now - Date.parse(lease.heartbeat)) / 1000));
  return `${lease.driver} on host ${lease.host} (pid ${lease.pid}), seen ${seen}s ago`;
}

/** The comment on the promotion PR that shows the driver on the service side. */
export const LEASE_COMMENT_PREFIX = 'release-cockpit: driven by';

export function leaseComment(lease: Lease, tookOverFrom?: string): string {
  const since = lease.started.replace(/\.\d{3}Z$/, 'Z');
  return `${LEASE_COMMENT_PREFIX} ${lease.driver} on host ${lease.host} since ${since} (release ${lease.release})${tookOverFrom ? `, taken over from ${tookOverFrom}` : ''}.`;
}

/** Whether `body` is the lease comment for this driver on this host: posted once, not again on every resume. */
export function isCommentFor(body: string, lease: Pick<Lease, 'driver' | 'host'>): boolean {
  return body.startsWith(`${LEASE_COMMENT_PREFIX} ${lease.driver} on host ${lease.host} since`);
}
