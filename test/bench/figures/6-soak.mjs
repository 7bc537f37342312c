// Figure 6: the soak. A busy release hour, compressed 15x into about four minutes: the cockpit (wired as
// `cockpit run` wires it, every cadence on the world's clock: polls, the clock tick, the lease, the engine)
// drives the weekly release with 1,000 PPCs from launch to "release complete", with 5% of every request to
// GitHub, Travis, the sites and the PPCs answered with a 5xx. 100 PPCs per request at concurrency 100 needs 11
// Travis requests, one more than the hour allows, so the rollout is under way for the whole hour and its last
// request goes when the hour's first is an hour old.
//
// Memory: the cockpit's resident set after full garbage collections (and a moment for V8 to hand the pages it
// freed back to the system), at the end against after the hour's first minute of world time, when everything
// has been read and drawn once. Unhandled promise rejections in the cockpit's process are counted, not fatal.
// The release completing includes the rollout's promise that no PPC is updated twice, faults or not.
import { runCockpit } from '../lib/rollout-run.mjs';
import { startWorld } from '../lib/rollout-world.mjs';

const SPEED = 15;
const HOUR = 3_600_000;
const PER_REQUEST = 100;
const FAULT_RATE = 0.05;
const TARGET = 1.2;

const mb = (bytes) => `${(bytes / 2 ** 20).toFixed(0)} MB`;

export async function measure(ctx) {
  const world = await startWorld({ scenario: 'fleet', speed: SPEED });
  try {
    await world.post('/_sim/faults', { target: 'all', kind: '5xx', rate: FAULT_RATE });
    const worldStart = await world.rss();
    const result = await runCockpit(
      {
        url: world.url,
        speed: SPEED,
        compress: true,
        concurrency: PER_REQUEST,
        perRequest: PER_REQUEST,
        columns: 120,
        rows: 36,
        jumpBudget: false,
        untilSimMs: HOUR,
        baselineSimMs: 60_000,
        sampleMs: 1_000,
        maxRealMs: (2 * HOUR) / SPEED,
      },
      { log: ctx.log, execArgv: ['--expose-gc'] },
    );
    const worldEnd = await world.rss();
    const stats = await world.get('/_sim/stats');
    const { baseline, end } = result;
    if (!baseline) throw new Error('the soak ended before its first minute');
    const ratio = end.rss / baseline.rss;
    const twice = Object.entries(stats.ppcTriggers).filter(([, n]) => n > 1);
    const once = Object.keys(stats.ppcTriggers).length === result.counts.done + result.counts.skipped && twice.length === 0;
    const peak = Math.max(...result.samples.map((s) => s.rss));
    ctx.log(
      `soak: ${(result.realMs / 1000).toFixed(0)} s real for ${(result.simMs / 60_000).toFixed(0)} world minutes; ${stats.faultsInjected} faults injected; ` +
        `${stats.travisRequests} update requests; heap ${mb(baseline.heapUsed)} -> ${mb(end.heapUsed)}; peak RSS ${mb(peak)}; ` +
        `the world ${worldStart ? mb(worldStart) : '?'} -> ${worldEnd ? mb(worldEnd) : '?'}; ${result.storeUpdates} store updates, ${result.frames} frames`,
    );
    const minutes = (result.simMs / 60_000).toFixed(0);
    const how = `a release hour, 1,000 PPCs, ${Math.round(FAULT_RATE * 100)}% of requests 5xx, ${SPEED}x`;
    return [
      {
        figure: `6. soak (${how}): cockpit RSS at the end vs after the first minute`,
        measured: `${mb(end.rss)} vs ${mb(baseline.rss)} = ${ratio.toFixed(2)}x (after full GCs; JS heap ${mb(baseline.heapUsed)} -> ${mb(end.heapUsed)}; ${minutes} world minutes in ${(result.realMs / 1000).toFixed(0)} s; ${stats.faultsInjected} faults)`,
        target: `<= ${TARGET}x`,
        met: ratio <= TARGET,
      },
      {
        figure: '6. soak: unhandled promise rejections in the cockpit',
        measured: `${result.unhandled.length + result.uncaught.length}${result.unhandled[0] ? ` (first: ${result.unhandled[0]})` : ''}${result.uncaught[0] ? ` (uncaught: ${result.uncaught[0]})` : ''}`,
        target: '0',
        met: result.unhandled.length + result.uncaught.length === 0,
      },
      {
        figure: '6. soak: the release completes, every PPC updated exactly once',
        measured: result.complete
          ? `yes, ${result.counts.done.toLocaleString('en')} PPCs done by ${stats.travisRequests} update requests; ${twice.length === 0 ? 'none' : `${twice.length} (${twice.slice(0, 3).map(([id, n]) => `${id} x${n}`).join(', ')})`} updated twice`
          : `no: ${result.steps.join(', ')}`,
        target: 'yes',
        met: result.complete && once,
      },
    ];
  } finally {
    await world.stop();
  }
}
