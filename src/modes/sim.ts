import { writeFile } from 'node:fs/promises';
import { stringify } from 'yaml';
import type { ModeContext } from './context.js';
import { EXIT, UsageError } from '../exit-codes.js';
import { startSim } from '../sim/index.js';
import { intFlag, speedFlag, stringFlag } from './flags.js';
import { teamFromFlag } from './team-config.js';

/**
 * `cockpit sim`: the demo world alone, for trying `run`, `status` and `watch` from other processes. Prints its
 * URL, optionally writes a config pointing at it, and runs until SIGINT or SIGTERM.
 */
export async function run(ctx: ModeContext): Promise<number> {
  const port = intFlag(ctx.values['port'], '--port', 0, 65_535);
  const seed = intFlag(ctx.values['seed'], '--seed', 0, Number.MAX_SAFE_INTEGER);
  const speed = speedFlag(ctx.values['speed']);
  const scenario = stringFlag(ctx.values['scenario'], '--scenario');
  const configOut = stringFlag(ctx.values['config-out'], '--config-out');

  const team = await teamFromFlag(ctx.values['config'], ctx.env);
  const sim = await startSim({ port, seed, speed, scenario, ...(team ? { team } : {}) });
  let stopped = false;
  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    await sim.close();
  };
  try {
    ctx.stdout.write(`demo world listening on ${sim.url}\n`);
    ctx.stdout.write(`scenario ${sim.scenario}, seed ${seed ?? 1}, speed ${speed ?? 1}; state at ${sim.url}/_sim/state\n`);
    if (configOut) {
      const header = `# release-cockpit config for the demo world at ${sim.url} (written by cockpit sim; no tokens needed)\n`;
      try {
        await writeFile(configOut, header + stringify(sim.config), 'utf8');
      } catch (error) {
        throw new UsageError(`cannot write --config-out ${configOut}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
      }
      ctx.stdout.write(`wrote config to ${configOut}\n`);
    }
    ctx.stdout.write('stop with Ctrl-C\n');
    const signal = await untilSignal();
    ctx.stdout.write(`demo world stopped (${signal})\n`);
    return EXIT.ok;
  } finally {
    await stop();
  }
}

function untilSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const on = (signal: NodeJS.Signals): void => {
      process.off('SIGINT', on);
      process.off('SIGTERM', on);
      resolve(signal);
    };
    process.on('SIGINT', on);
    process.on('SIGTERM', on);
  });
}
