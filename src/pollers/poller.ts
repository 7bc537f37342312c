import { SourceError } from '../domain/source.js';

/** How long to wait after consecutive failures: `initialMs * factor^(failures-1)`, capped at `maxMs`. */
export interface Backoff {
  /** @default the poller's interval */
  readonly initialMs?: number;
  /** @default 2 */
  readonly factor?: number;
  /** @default 5 minutes */
  readonly maxMs?: number;
}

export interface PollerOptions<T> {
  /** For messages and tests ("environments", "fleet"). */
  readonly name: string;
  /** Time between the end of one refresh and the start of the next; a function when it depends on state (5 s while a build runs). */
  readonly intervalMs: number | (() => number);
  /** One refresh. It should stop early when `signal` aborts; its result is discarded once stopped. */
  readonly read: (signal: AbortSignal) => Promise<T>;
  /** Puts a completed refresh into the store: exactly one store update. */
  readonly write: (result: T) => void;
  /** A failed refresh (also one store update at most). `failures` counts consecutive failures, from 1. */
  readonly onError?: (error: unknown, failures: number) => void;
  readonly backoff?: Backoff;
  /** Clock for rate-limit waits; tests pass vi's fake clock through Date.now. */
  readonly now?: () => number;
}

export interface Poller {
  readonly name: string;
  /** Refreshes at once, then on the interval. Calling it twice does nothing. */
  start(): void;
  /** Cancels the refresh under way (its result is dropped) and the timer. */
  stop(): void;
  /**
   * Refreshes now (used right after an action, e.g. opening a PR). When a refresh is already under way,
   * one more follows it, because the running one may have read the world before the action changed it.
   * Resolves when a refresh that started after this call has finished.
   */
  refreshNow(): Promise<void>;
  /**
   * Asks the interval again for the wait under way (its function reads state that may have changed): when
   * it is now shorter, the next refresh comes that much sooner. A backoff after failures is left alone.
   */
  reschedule(): void;
  /** True while a refresh is under way: tests wait for `!busy()`. */
  busy(): boolean;
  /** Consecutive failures so far (0 after a success). */
  failures(): number;
}

const DEFAULT_MAX_BACKOFF_MS = 5 * 60_000;

/** The wait before the next refresh after `failures` consecutive failures (0 = healthy). */
export function nextDelay(intervalMs: number, failures: number, backoff: Backoff = {}, retryInMs = 0): number {
  if (failures === 0) return intervalMs;
  const initial = backoff.initialMs ?? intervalMs;
  const max = backoff.maxMs ?? DEFAULT_MAX_BACKOFF_MS;
  const grown = Math.min(max, initial * (backoff.factor ?? 2) ** (failures - 1));
  // A rate limit says when it resets: asking earlier only spends another answer.
  return Math.max(grown, Math.min(retryInMs, max));
}

/**
 * A refresh loop in the manner of k9s's table models: never two refreshes of the same thing at once
 * (a timer that fires during a refresh is skipped, not queued), backoff on errors and reset on
 * success, cancellation through an AbortSignal, and one write per completed refresh.
 */
export function createPoller<T>(options: PollerOptions<T>): Poller {
  const now = options.now ?? Date.now;
  const interval = (): number => (typeof options.intervalMs === 'function' ? options.intervalMs() : options.intervalMs);
  let running = false;
  let controller: AbortController | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let inFlight: Promise<void> | undefined;
  let again: Promise<void> | undefined;
  let failures = 0;
  /** When the wait under way began and when it ends, on the timers' own clock. */
  let waitFrom = 0;
  let dueAt = 0;

  const arm = (at: number): void => {
    if (timer) clearTimeout(timer);
    dueAt = at;
    timer = setTimeout(() => {
      timer = undefined;
      if (!inFlight) void refresh();
    }, Math.max(0, at - Date.now()));
    // A poller must never keep a finished process alive.
    timer.unref?.();
  };

  const schedule = (delayMs: number): void => {
    waitFrom = Date.now();
    arm(waitFrom + delayMs);
  };

  const refresh = (): Promise<void> => {
    if (!running || !controller) return Promise.resolve();
    const signal = controller.signal;
    let run: Promise<void> | undefined;
    run = (async () => {
      let retryInMs = 0;
      try {
        const result = await options.read(signal);
        if (signal.aborted) return;
        failures = 0;
        options.write(result);
      } catch (error) {
        if (signal.aborted) return;
        failures += 1;
        if (error instanceof SourceError && error.retryAt !== undefined) retryInMs = error.retryAt - now();
        options.onError?.(error, failures);
      } finally {
        if (inFlight === run) inFlight = undefined;
      }
      if (running && !signal.aborted) schedule(nextDelay(interval(), failures, options.backoff, retryInMs));
    })();
    inFlight = run;
    return run;
  };

  return {
    name: options.name,
    start() {
      if (running) return;
      running = true;
      controller = new AbortController();
      void refresh();
    },
    stop() {
      running = false;
      controller?.abort();
      controller = undefined;
      if (timer) clearTimeout(timer);
      timer = undefined;
      inFlight = undefined;
      again = undefined;
    },
    refreshNow() {
      if (!running) return Promise.resolve();
      if (!inFlight) {
        if (timer) clearTimeout(timer);
        timer = undefined;
        return refresh();
      }
      // Coalesce: however many callers ask during one refresh, exactly one more runs after it.
      again ??= inFlight.then(() => {
        again = undefined;
        if (timer) clearTimeout(timer);
        timer = undefined;
        return inFlight ?? refresh();
      });
      return again;
    },
    reschedule() {
      if (!running || !timer || failures > 0) return;
      const at = waitFrom + interval();
      if (at < dueAt) arm(at);
    },
    busy: () => inFlight !== undefined,
    failures: () => failures,
  };
}
