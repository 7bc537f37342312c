// Figure 1, start-up, as a user meets it (a new process each time, spawn to result):
// - `cockpit status` against the demo world (`cockpit sim` in another process) vs `node -e 0`;
// - `cockpit run`'s first full frame at 80x24 in a real terminal vs a process that only imports ink.
// "Full" means the Environments pane (focused at start) shows every environment's head: the production
// head's sha is in the frame and the frame is written to its last line (the footer's "q quit").
import { join } from 'node:path';
import { BIN, scratchDir } from '../lib/paths.mjs';
import { startSimProcess } from '../lib/sim-process.mjs';
import { interleaved, timeToExit, timeToScreen } from '../lib/spawn-timing.mjs';
import { median, ms, ratio } from '../lib/stats.mjs';

const ROUNDS = Number(process.env.BENCH_STARTUP_ROUNDS ?? 9);
// Both sides run React's production build: the launcher defaults to it, and ink alone must not pay for the
// development build the cockpit does not load.
const env = { ...process.env, NODE_ENV: 'production' };
// Ink draws only the last frame when it believes it runs in CI; a user's terminal is not CI.
delete env.CI;

export async function measure(ctx) {
  const sim = await startSimProcess({ scenario: 'weekly', seed: 1 });
  try {
    ctx.log(`cockpit status vs node -e 0, ${ROUNDS} rounds`);
    const [status, bare] = await interleaved(
      ROUNDS,
      () => timeToExit(process.execPath, [BIN, 'status', '--config', sim.configPath], { env, codes: [0, 1, 8] }),
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

    const statusRatio = median(status) / median(bare);
    const frameRatio = median(frame) / median(ink);
    return [
      {
        figure: '1. start-up: `cockpit status` vs `node -e 0`',
        measured: `${ratio(statusRatio)} (median ${ms(median(status))} vs ${ms(median(bare))}, n=${ROUNDS})`,
        target: '<= 3x',
        met: statusRatio <= 3,
      },
      {
        figure: '1. start-up: first full frame vs importing ink',
        measured: `${ratio(frameRatio)} (median ${ms(median(frame))} vs ${ms(median(ink))}, n=${ROUNDS})`,
        target: '<= 1.3x',
        met: frameRatio <= 1.3,
      },
    ];
  } finally {
    await sim.close();
  }
}
