import { errorText } from './steps.js';

// An answer lost after the effect may have happened: the effect is looked for again, with backoff, for a
// bounded time. A look that finds nothing yet is no proof that nothing happened (Travis fills a request in
// later, takes a restart asynchronously), so what this returns is "found" or "not seen in time", never "not sent".

export interface LookAgainOptions {
  /** How long to keep looking, in real ms, from the first look. */
  readonly forMs: number;
  /** Wait before each look: the first is the first entry; the last one repeats. */
  readonly delaysMs?: readonly number[];
  /** Stops looking (the cockpit quits, the row was skipped). */
  readonly isStopped?: () => boolean;
  /** Before each wait: which look comes next and in how long, for the row's detail. */
  readonly onWait?: (look: number, inMs: number) => void;
}

export type LookResult<T> = { readonly kind: 'found'; readonly value: T; readonly looks: number } | { readonly kind: 'not-seen'; readonly looks: number; readonly lastError?: string } | { readonly kind: 'stopped' };

/** A real Travis fills a request in within seconds and builds it within minutes: look soon, then less often. */
export const LOOK_DELAYS_MS: readonly number[] = [1_000, 2_000, 4_000, 8_000, 15_000, 30_000];
/** How long a lost answer is looked for before it is put to the user. */
export const LOOK_FOR_MS = 180_000;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref?.());

/** Calls `look` until it returns a value or `forMs` has passed; a look that fails counts as "not seen yet". */
export async function lookAgain<T>(look: () => Promise<T | undefined>, options: LookAgainOptions): Promise<LookResult<T>> {
  const delays = options.delaysMs ?? LOOK_DELAYS_MS;
  const until = Date.now() + options.forMs;
  let lastError: string | undefined;
  for (let n = 0; ; n += 1) {
    const wait = Math.min(delays[Math.min(n, delays.length - 1)] ?? 1_000, Math.max(0, until - Date.now()));
    options.onWait?.(n + 1, wait);
    await sleep(wait);
    if (options.isStopped?.()) return { kind: 'stopped' };
    try {
      const value = await look();
      if (value !== undefined) return { kind: 'found', value, looks: n + 1 };
      lastError = undefined;
    } catch (error) {
      lastError = errorText(error);
    }
    if (Date.now() >= until) return { kind: 'not-seen', looks: n + 1, ...(lastError ? { lastError } : {}) };
  }
}
