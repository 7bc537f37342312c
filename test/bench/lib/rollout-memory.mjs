// The benchmarked cockpit's memory, sampled from inside its process: process.memoryUsage() now and then, and
// "settled" samples that first collect all garbage, for comparing what the process keeps over time.
import { readFileSync } from 'node:fs';
import { getHeapSpaceStatistics, writeHeapSnapshot } from 'node:v8';

/** `at()` says when a sample is taken ({ real, sim } ms since start); `sleep(ms)` waits real time. */
export function memorySampler({ at, sleep }) {
  const samples = [];
  const sample = (label) => {
    const m = process.memoryUsage();
    const entry = { label, ...at(), rss: m.rss, heapTotal: m.heapTotal, heapUsed: m.heapUsed, external: m.external, arrayBuffers: m.arrayBuffers };
    samples.push(entry);
    return entry;
  };
  /**
   * Resident memory after full collections (needs --expose-gc): what the process keeps, not garbage it has yet to
   * collect, nor the pages V8 freed and hands back to the system from a background thread a moment after a
   * collection (read at once, those made the same hour measure anywhere from 0.8x to 1.3x).
   */
  const settled = async (label) => {
    for (let i = 0; i < 3; i += 1) {
      globalThis.gc?.();
      await sleep(250);
    }
    const entry = sample(label);
    entry.spaces = Object.fromEntries(getHeapSpaceStatistics().map((x) => [x.space_name, x.space_used_size]));
    entry.proc = procStatus();
    // BENCH_HEAP=DIR: a heap snapshot at each settled sample, to compare what the JS heap holds.
    if (process.env.BENCH_HEAP) entry.snapshot = writeHeapSnapshot(`${process.env.BENCH_HEAP}/cockpit-${label}-${process.pid}.heapsnapshot`);
    return entry;
  };
  return { samples, sample, settled };
}

/** Linux's view: anonymous memory against mapped files; undefined elsewhere. */
function procStatus() {
  try {
    const text = readFileSync('/proc/self/status', 'utf8');
    return Object.fromEntries([...text.matchAll(/^(VmRSS|RssAnon|RssFile):\s+(\d+) kB/gm)].map((m) => [m[1], Number(m[2]) * 1024]));
  } catch {
    return undefined;
  }
}
