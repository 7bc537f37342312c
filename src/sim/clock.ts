/**
 * The sim's one clock: sim time runs `speed` times faster than real time from a start instant, plus any jumps
 * made through `advance` (tests and benchmarks use it instead of sleeping). Durations in the world are sim
 * milliseconds, so `--speed 10` makes a 5 s job take half a real second.
 */
export interface SimClock {
  /** Sim epoch milliseconds. */
  now(): number;
  readonly speed: number;
  /** Sim epoch milliseconds at which the scenario started. */
  readonly startedAt: number;
  /** Jumps forward; time never goes back. */
  advance(ms: number): void;
  /** How many real milliseconds a sim duration takes at this speed. */
  realMs(simMs: number): number;
}

export function createClock(options: { readonly startAt: number; readonly speed: number; readonly realNow?: () => number }): SimClock {
  const realNow = options.realNow ?? (() => Date.now());
  const realStart = realNow();
  let jumped = 0;
  return {
    speed: options.speed,
    startedAt: options.startAt,
    now: () => Math.floor(options.startAt + (realNow() - realStart) * options.speed + jumped),
    advance: (ms) => {
      if (!Number.isFinite(ms) || ms < 0) throw new RangeError('advance expects a non-negative number of milliseconds');
      jumped += ms;
    },
    realMs: (simMs) => simMs / options.speed,
  };
}

export const iso = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
/** Travis reports `updated_at` with milliseconds. */
export const isoMs = (ms: number): string => new Date(ms).toISOString();
