import { renameSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startSim, type TeamShape } from '../sim/index.js';

/**
 * The demo world as a process of its own, so `cockpit demo` can be killed (or quit half-way) and started again
 * on the same world: `node demo-world-host.js DIR SCENARIO SEED SPEED [TEAM.json]`. Writes DIR/world.json once listening,
 * and stops on SIGTERM/SIGINT or after IDLE_MS without a request. Started detached by demo-world.ts.
 */
export const IDLE_MS = 60 * 60_000;
const IDLE_CHECK_MS = 30_000;

async function main(argv: readonly string[]): Promise<void> {
  const [dir, scenario, seedText, speedText, teamPath] = argv;
  if (!dir || !scenario || !seedText || !speedText) throw new Error('usage: demo-world-host DIR SCENARIO SEED SPEED');
  const seed = Number(seedText);
  const speed = Number(speedText);
  // The team shape was checked by the config loader in the cockpit that started this process.
  const team = teamPath ? (JSON.parse(readFileSync(teamPath, 'utf8')) as TeamShape) : undefined;
  const sim = await startSim({ scenario, seed, speed, ...(team ? { team } : {}) });
  const file = join(dir, 'world.json');
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify({ url: sim.url, pid: process.pid, scenario, seed, speed, startedAt: new Date().toISOString() }, null, 2)}\n`);
  renameSync(tmp, file);

  let last = -1;
  let quietSince = Date.now();
  const stop = async (): Promise<void> => {
    clearInterval(idle);
    try {
      // Only our own: a fresh world may already have replaced this file.
      if ((JSON.parse(readFileSync(file, 'utf8')) as { pid?: number }).pid === process.pid) rmSync(file, { force: true });
    } catch {
      // Gone already.
    }
    await sim.close();
    process.exit(0);
  };
  const idle = setInterval(() => {
    const total = Object.values(sim.stats().requests).reduce((a, b) => a + b, 0);
    if (total !== last) {
      last = total;
      quietSince = Date.now();
    } else if (Date.now() - quietSince >= IDLE_MS) void stop();
  }, IDLE_CHECK_MS);
  process.on('SIGTERM', () => void stop());
  process.on('SIGINT', () => void stop());
  process.on('SIGHUP', () => undefined);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`demo world: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
