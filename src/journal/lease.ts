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

/** The comment on the promotion PR that shows the driver on the service side: one per release, edited in place. */
export const LEASE_COMMENT_PREFIX = 'release-cockpit: driven by';

/** Who the driver comment names, as read back from its marker. */
export interface DriverComment {
  readonly release: string;
  readonly driver: string;
  readonly host: string;
  /** The driver's lease `started` (ISO 8601). */
  readonly since: string;
}

/** Finds the release's driver comment among a PR's comments: a lost answer to its POST is found again by it. */
export const driverMarker = (release: string): string => `<!-- release-cockpit:driver release=${release} `;

const seconds = (iso: string): string => iso.replace(/\.\d{3}Z$/, 'Z');

/** A take-over: whose lease was taken, and why (typed by the person taking it). */
export interface TakeOver {
  readonly from: string;
  readonly reason?: string;
}

export function leaseComment(lease: Lease, takeOver?: TakeOver): string {
  const since = seconds(lease.started);
  const why = takeOver?.reason ? `: ${takeOver.reason.replace(/\s+/g, ' ').slice(0, 200)}` : '';
  const text = `${LEASE_COMMENT_PREFIX} ${lease.driver} on host ${lease.host} since ${since} (release ${lease.release})${takeOver ? `, taken over from ${takeOver.from}${why}` : ''}.`;
  return `${text}\n\n${driverMarker(lease.release)}driver=${lease.driver} host=${lease.host} since=${since} -->`;
}

/** The driver a comment names, when it is this release's driver comment. */
export function parseDriverComment(body: string, release: string): DriverComment | undefined {
  const at = body.indexOf(driverMarker(release));
  if (at === -1) return undefined;
  const match = /driver=(\S+) host=(\S+) since=(\S+) -->/.exec(body.slice(at));
  if (!match || Number.isNaN(Date.parse(match[3] as string))) return undefined;
  return { release, driver: match[1] as string, host: match[2] as string, since: match[3] as string };
}

/** Whether the comment names this very lease (driver, host and start), not an earlier or a later driver. */
export function namesLease(comment: DriverComment, lease: Pick<Lease, 'driver' | 'host' | 'started'>): boolean {
  return comment.driver === lease.driver && comment.host === lease.host && comment.since === seconds(lease.started);
}

/** Whether the comment names a driver who started after `lease` did: someone took the release over since. */
export function isLaterDriver(comment: DriverComment, lease: Pick<Lease, 'driver' | 'host' | 'started'>): boolean {
  return !namesLease(comment, lease) && Date.parse(comment.since) > Date.parse(seconds(lease.started));
}
