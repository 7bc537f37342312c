// Time for a benchmarked cockpit. The demo world runs `speed` times faster than real time; a cockpit that is to
// keep step with it needs the world's clock, and, for the soak, every one of its own cadences (polls, the 1 s
// tick, the lease, Ink's frame throttle) compressed by the same factor.
import { createRequire, syncBuiltinESMExports } from 'node:module';

const require = createRequire(import.meta.url);
const timers = require('node:timers');
const timersPromises = require('node:timers/promises');

/** The real clock and timers, kept before any compression: the benchmark's own waits and samples use these. */
export const real = {
  now: Date.now,
  setTimeout: globalThis.setTimeout,
  clearTimeout: globalThis.clearTimeout,
  setInterval: globalThis.setInterval,
  clearInterval: globalThis.clearInterval,
  setImmediate: globalThis.setImmediate,
};

/**
 * A copy of the world's clock in this process: sim time = the world's time when read + real time since × speed,
 * plus the jumps this process made it take. Read once over HTTP; the world's clock runs on by the same rule.
 */
export async function worldClock(url, speed) {
  const before = real.now();
  const { nowMs } = await (await fetch(`${url}/_sim/clock`)).json();
  const realAt = (before + real.now()) / 2;
  let jumped = 0;
  return {
    speed,
    now: () => Math.floor(nowMs + (real.now() - realAt) * speed + jumped),
    /** Jumps the world's clock and this copy together. */
    async jump(ms) {
      const res = await fetch(`${url}/_sim/clock`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ advanceMs: ms }) });
      if (!res.ok) throw new Error(`jumping the world's clock failed: ${res.status}`);
      jumped += ms;
    },
    jumped: () => jumped,
  };
}

/**
 * Makes this whole process live on `clock`: Date (now and `new Date()`) reads it, and every timer's delay is
 * divided by its speed, so a 10 s poll comes after 10 s of world time. Install before the cockpit's modules run.
 * Network deadlines built on AbortSignal.timeout and sockets' own timeouts stay real: a slow answer is slow in
 * real time whatever the world's speed.
 */
export function compressTime(clock) {
  const { speed } = clock;
  const scale = (ms) => Math.max(0, (Number(ms) || 0) / speed);
  const RealDate = Date;
  class WorldDate extends RealDate {
    constructor(...args) {
      if (args.length === 0) super(clock.now());
      else super(...args);
    }
    static now() {
      return clock.now();
    }
  }
  globalThis.Date = WorldDate;
  globalThis.setTimeout = (fn, ms, ...args) => real.setTimeout(fn, scale(ms), ...args);
  globalThis.setInterval = (fn, ms, ...args) => real.setInterval(fn, scale(ms), ...args);
  const promised = { setTimeout: timersPromises.setTimeout, setInterval: timersPromises.setInterval };
  timers.setTimeout = globalThis.setTimeout;
  timers.setInterval = globalThis.setInterval;
  timersPromises.setTimeout = (ms, ...rest) => promised.setTimeout(scale(ms), ...rest);
  timersPromises.setInterval = (ms, ...rest) => promised.setInterval(scale(ms), ...rest);
  syncBuiltinESMExports();
}
