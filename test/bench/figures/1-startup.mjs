// Figure 1, start-up, as a user meets it (a new process each time, spawn to result):
// - `cockpit status` against the demo world (`cockpit sim` in another process) vs `node -e 0`, as a glance
//   repeated at an unchanged repository (each round asks with the last round's ETags), and the rate-limit
//   points a glance costs, the first and every later one;
// - `cockpit run`'s first full frame at 80x24 in a real terminal vs a process that only imports ink.
// "Full" means the Environments pane (focused at start) shows every environment's head: the production
// head's sha is in the frame and the frame is written to its last line (the footer's "q quit").
// The cockpit runs a bundle (scripts/bundle.mjs), which loads Ink faster than `import('ink')` from node_modules
// does; a third, informational row sets the first frame against ink bundled the same way, so the table also
// shows the cockpit's own share of the wait.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { BUNDLE_OPTIONS } from '../../../src/build/bundle-options.mjs';
import { BIN, ROOT, scratchDir } from '../lib/paths.mjs';
import { startSimProcess } from '../lib/sim-process.mjs';
import { interleaved, timeToExit, timeToScreen } from '../lib/spawn-timing.mjs';
import { median, ms, ratio } from '../lib/stats.mjs';

const ROUNDS = Number(process.env.BENCH_STARTUP_ROUNDS ?? 9);
// Both sides run React's production build: the launcher defaults to it, and ink alone must not pay for the
// development build the cockpit does not load.
const env = { ...process.env, NODE_ENV: 'production', COCKPIT_CACHE_DIR: scratchDir('status-cache') };
// Ink draws only the last frame when it believes it runs in CI; a user's terminal is not CI.
delete env.CI;

export async function measure(ctx) {
  const sim = await startSimProcess({ scenario: 'weekly', seed: 1 });
  try {
    const github = (stats) => Object.entries(stats.requests).reduce((sum, [route, n]) => sum + (route.includes(' /github/') ? n : 0), 0);
    const glance = () => timeToExit(process.execPath, [BIN, 'status', '--config', sim.configPath], { env, codes: [0, 1, 8] });
    const s0 = await sim.stats();
    await glance();
    const s1 = await sim.stats();
    ctx.log(`cockpit status vs node -e 0, ${ROUNDS} rounds`);
    const [status, bare] = await interleaved(
      ROUNDS,
      glance,
      () => timeToExit(process.execPath, ['-e', '0'], { env }),
    );
    const s2 = await sim.stats();
    // What of status is loading its code: a process that imports the bundle's status chunk (and so every chunk
    // it needs) and stops there, without reading the config or anything over HTTP.
    const chunks = JSON.parse(readFileSync(join(ROOT, 'dist', 'bundle', 'modules.json'), 'utf8'));
    const statusChunk = Object.keys(chunks).find((file) => chunks[file].includes('dist/modes/status.js'));
    const chunkPath = join(ROOT, 'dist', 'bundle', statusChunk);
    ctx.log(`loading status's code alone vs node -e 0, ${ROUNDS} rounds`);
    const [loading, bare2] = await interleaved(
      ROUNDS,
      () => timeToExit(process.execPath, ['--input-type=module', '-e', `await import(${JSON.stringify(chunkPath)})`], { env }),
      () => timeToExit(process.execPath, ['-e', '0'], { env }),
    );

    const production = (await sim.state()).branches.production.sha.slice(0, 7);
    const isFullFrame = (out) => {
      const at = out.lastIndexOf(production);
      return at >= 0 && out.indexOf('quit', at) > at;
    };
    const states = scratchDir('startup');
    let run = 0;
    const cockpit = () =>
      timeToScreen(process.execPath, [BIN, 'run', '--config', sim.configPath], isFullFrame, {
        // A state directory of its own each time: every start opens a new release, none resumes another's.
        env: { ...env, COCKPIT_STATE_DIR: join(states, String((run += 1))) },
      });
    const inkAlone = () =>
      timeToScreen(process.execPath, ['--input-type=module', '-e', "await import('ink'); process.stdout.write('ink imported\\n')"], (out) => out.includes('ink imported'), { env });
    ctx.log(`cockpit run's first full frame vs importing ink, ${ROUNDS} rounds`);
    const [frame, ink] = await interleaved(ROUNDS, cockpit, inkAlone);

    const bundled = scratchDir('ink-bundle');
    writeFileSync(join(bundled, 'entry.mjs'), "await import('ink'); process.stdout.write('ink imported\\n');\n");
    await build({ ...BUNDLE_OPTIONS, entryPoints: [join(bundled, 'entry.mjs')], outdir: join(bundled, 'out'), nodePaths: [join(ROOT, 'node_modules')], logLevel: 'warning' });
    const inkBundled = () => timeToScreen(process.execPath, [join(bundled, 'out', 'entry.js')], (out) => out.includes('ink imported'), { env });
    ctx.log(`the same first frame vs importing ink bundled like the cockpit, ${ROUNDS} rounds`);
    const [frame2, inkB] = await interleaved(ROUNDS, cockpit, inkBundled);

    const statusRatio = median(status) / median(bare);
    const frameRatio = median(frame) / median(ink);
    const bundledRatio = median(frame2) / median(inkB);
    return [
      {
        figure: '1. start-up: `cockpit status` vs `node -e 0`',
        measured: `${ratio(statusRatio)} (median ${ms(median(status))} vs ${ms(median(bare))}, n=${ROUNDS})`,
        target: '<= 3x',
        met: statusRatio <= 3,
      },
      {
        figure: '1. start-up: rate-limit points per `cockpit status` at an unchanged repository',
        measured:
          `first glance ${s0.rateLimitRemaining - s1.rateLimitRemaining} (${github(s1) - github(s0)} GitHub requests); ` +
          // interleaved() runs one warm-up round before the timed ones.
          `the ${ROUNDS + 1} after it ${s1.rateLimitRemaining - s2.rateLimitRemaining} in all (${github(s2) - github(s1)} requests, ${s2.notModified - s1.notModified} answered 304)`,
        target: '',
        met: null,
      },
      {
        figure: '1. start-up: of which loading its code (importing what status runs, no reads)',
        measured: `${ratio(median(loading) / median(bare2))} (median ${ms(median(loading))} vs ${ms(median(bare2))})`,
        target: '',
        met: null,
      },
      {
        figure: '1. start-up: first full frame vs importing ink',
        measured: `${ratio(frameRatio)} (median ${ms(median(frame))} vs ${ms(median(ink))}, n=${ROUNDS})`,
        target: '<= 1.3x',
        met: frameRatio <= 1.3,
      },
      {
        figure: '1. start-up: first full frame vs importing ink bundled like the cockpit',
        measured: `${ratio(bundledRatio)} (median ${ms(median(frame2))} vs ${ms(median(inkB))}, n=${ROUNDS})`,
        target: '',
        met: null,
      },
    ];
  } finally {
    await sim.close();
  }
}
