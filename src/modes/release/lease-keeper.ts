import type { Services } from '../../services/index.js';
import type { CockpitStoreApi } from '../../store/create-cockpit-store.js';
import { HEARTBEAT_MS, isLaterDriver, isOwnLease, type Lease, type TakeOver } from '../../journal/lease.js';
import { readLease, removeLease, writeLease } from '../../journal/lease-file.js';
import { readDriver, showDriver, type FoundDriver } from './driver-comment.js';

/** The PR's driver comment is read on every this many heartbeats. */
const PR_LOOK_EVERY = 3;

/** How long after a failed driver comment the keeper waits before trying again. */
export const COMMENT_RETRY_MS = 60_000;

export interface LeaseKeeperOptions {
  readonly path: string;
  readonly lease: Lease;
  readonly store: CockpitStoreApi;
  readonly github: Pick<Services['github'], 'listComments' | 'addComment' | 'updateComment'>;
  readonly now: () => number;
  /** Set on a take-over: named in the PR comment. */
  readonly takeOver?: TakeOver;
  /** Someone else's lease replaced ours (`--take-over` here, or on another machine as the PR's driver comment says): stop acting. */
  readonly onLost: (by: Lease) => void;
  /** A comment was posted on the promotion PR. */
  readonly onComment?: (number: number) => void;
  readonly heartbeatMs?: number;
}

export interface LeaseKeeper {
  /** Stops the heartbeat; `release` also removes the lease when it is still ours (a clean quit). */
  stop(release: boolean): void;
}

/** A driver named by the PR's comment, as the lease a take-over left. */
const leaseOf = (found: FoundDriver): Lease => ({ release: found.release, driver: found.driver, host: found.host, pid: 0, started: found.since, heartbeat: found.since });

/**
 * Keeps the driver's lease: renews its heartbeat, notices a take-over (the lease file here, or the PR's driver
 * comment naming a later driver from another machine), and shows the driver on the service side as ONE
 * comment on the promotion PR, edited in place on every take-over or resume.
 */
export function keepLease(options: LeaseKeeperOptions): LeaseKeeper {
  const { path, store } = options;
  let lease = options.lease;
  let lost = false;
  const here = { host: lease.host, pid: lease.pid };

  let stopped = false;
  const lose = (by: Lease): void => {
    if (lost || stopped) return;
    lost = true;
    clearInterval(timer);
    unsubscribe();
    options.onLost(by);
  };

  /** A take-over on another machine writes no lease here: the PR's driver comment is where it shows. */
  let shownOn: number | undefined;
  let beats = 0;
  let reading = false;
  const lookAtPr = async (number: number): Promise<void> => {
    reading = true;
    try {
      const found = await readDriver(options.github, number, lease.release);
      if (found && isLaterDriver(found, lease)) lose(leaseOf(found));
    } catch {
      // Not readable this time: the next beat looks again.
    } finally {
      reading = false;
    }
  };

  const beat = (): void => {
    if (lost) return;
    const onDisk = readLease(path);
    if (onDisk && !isOwnLease(onDisk, here)) return lose(onDisk);
    // Every third beat (a minute by default): 60 GitHub reads an hour, not 180, to notice a take-over elsewhere.
    beats += 1;
    if (shownOn !== undefined && !reading && beats % PR_LOOK_EVERY === 0) void lookAtPr(shownOn);
    lease = { ...lease, heartbeat: new Date(options.now()).toISOString() };
    try {
      writeLease(path, lease);
    } catch {
      // A full disk must not take the cockpit down; the next beat tries again.
    }
  };
  const timer = setInterval(beat, options.heartbeatMs ?? HEARTBEAT_MS);
  timer.unref?.();

  const commented = new Set<number>();
  const uncertain = new Set<number>();
  let inFlight = false;
  // Store changes arrive every second (the clock): after a failure, wait before asking GitHub again.
  let retryAt = 0;
  const comment = async (number: number): Promise<void> => {
    inFlight = true;
    try {
      const done = await showDriver(options.github, number, lease, options.takeOver);
      if (stopped) return;
      if (typeof done === 'object') return lose(leaseOf(done.later));
      // After a failed try the comment may have been posted with its answer lost: found now, it is news.
      if (done !== 'unchanged' || uncertain.has(number)) options.onComment?.(number);
      commented.add(number);
      shownOn = number;
    } catch {
      uncertain.add(number);
      // Not shown on the service side this time; a store change after the pause tries again.
      // A lost answer is looked up (by the comment's marker) at the next beat at the latest, never posted blindly.
      retryAt = options.now() + Math.min(COMMENT_RETRY_MS, options.heartbeatMs ?? HEARTBEAT_MS);
    } finally {
      inFlight = false;
    }
  };
  const check = (): void => {
    const pull = store.getState().promotion.pull;
    if (lost || inFlight || options.now() < retryAt || !pull || commented.has(pull.number) || (pull.state === 'closed' && !pull.merged)) return;
    void comment(pull.number);
  };
  const unsubscribe = store.subscribe(check);
  check();

  return {
    stop(release) {
      stopped = true;
      clearInterval(timer);
      unsubscribe();
      if (release && !lost && isOwnLease(readLease(path), here)) removeLease(path);
    },
  };
}
