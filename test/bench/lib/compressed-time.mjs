// Time compression for a whole process: every timer of a second or more fires `factor` times sooner, so the
// cockpit's refresh loops (30 s, 60 s...) run an hour's cadence in a minute. Shorter timers (throttles, socket
// and retry details) keep their real length. Import it before anything that sets timers.
export function compressTime(factor) {
  const { setTimeout: realTimeout, setInterval: realInterval } = globalThis;
  const scale = (ms) => (typeof ms === 'number' && ms >= 1_000 ? ms / factor : ms);
  globalThis.setTimeout = (fn, ms, ...args) => realTimeout(fn, scale(ms), ...args);
  globalThis.setInterval = (fn, ms, ...args) => realInterval(fn, scale(ms), ...args);
}
