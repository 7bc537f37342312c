import type { Services } from '../../services/index.js';
import type { CockpitStoreApi } from '../../store/create-cockpit-store.js';
import { HEARTBEAT_MS, isCommentFor, isOwnLease, leaseComment, type Lease } from '../../journal/lease.js';
import { readLease, removeLease, writeLease } from '../../journal/lease-file.js';

/** How long after a failed driver comment the keeper waits before trying again. */
export const COMMENT_RETRY_MS = 60_000;

export interface LeaseKeeperOptions {
  readonly path: string;
  readonly lease: Lease;
  readonly store: CockpitStoreApi;
  readonly github: Pick<Services['github'], 'listComments' | 'addComment'>;
  readonly now: () => number;
  /** Set on a take-over: named in the PR comment. */
  readonly tookOverFrom?: string;
  /** Someone else's lease replaced ours (`--take-over` elsewhere): this cockpit must stop acting. */
  readonly onLost: (by: Lease) => void;
  /** A comment was posted on the promotion PR. */
  readonly onComment?: (number: number) => void;
  readonly heartbeatMs?: number;
}

export interface LeaseKeeper {
  /** Stops the heartbeat; `release` also removes the lease when it is still ours (a clean quit). */
  stop(release: boolean): void;
}

/**
 * Keeps the driver's lease: renews its heartbeat, notices a take-over, and shows the driver on the service
 * side as a comment on the promotion PR once there is one (posted once per driver and host, not per start).
 */
export function keepLease(options: LeaseKeeperOptions): LeaseKeeper {
  const { path, store } = options;
  let lease = options.lease;
  let lost = false;
  const here = { host: lease.host, pid: lease.pid };

  const beat = (): void => {
    if (lost) return;
    const onDisk = readLease(path);
    if (onDisk && !isOwnLease(onDisk, here)) {
      lost = true;
      clearInterval(timer);
      unsubscribe();
      options.onLost(onDisk);
      return;
    }
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
  let inFlight = false;
  // Store changes arrive every second (the clock): after a failure, wait before asking GitHub again.
  let retryAt = 0;
  const comment = async (number: number): Promise<void> => {
    inFlight = true;
    try {
      const comments = await options.github.listComments(number);
      if (!comments.some((c) => isCommentFor(c.body, lease))) {
        await options.github.addComment(number, leaseComment(lease, options.tookOverFrom));
        options.onComment?.(number);
      }
      commented.add(number);
    } catch {
      // Not shown on the service side this time; a store change after the pause tries again.
      retryAt = options.now() + COMMENT_RETRY_MS;
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
      clearInterval(timer);
      unsubscribe();
      if (release && !lost && isOwnLease(readLease(path), here)) removeLease(path);
    },
  };
}
