import type { ModeContext } from '../cli.js';
import { UsageError } from '../exit-codes.js';
import { parseMirrorAddress } from '../mirror/address.js';
import { startSim } from '../sim/index.js';
import { refuseWithoutTerminal, runCockpit } from './cockpit-session.js';
import { intFlag, speedFlag, stringFlag } from './flags.js';

/** `cockpit demo`: the demo world in this process and the cockpit on it; no credentials, no network. */
export async function run(ctx: ModeContext): Promise<number> {
  const refused = refuseWithoutTerminal(ctx, 'cockpit demo');
  if (refused !== undefined) return refused;
  if (ctx.positionals.length > 0) throw new UsageError(`unexpected argument "${ctx.positionals[0]}"; see cockpit demo --help`);
  const mirror = parseMirrorAddress(ctx.values['mirror']);
  const sim = await startSim({
    scenario: stringFlag(ctx.values['scenario'], '--scenario'),
    speed: speedFlag(ctx.values['speed']),
    seed: intFlag(ctx.values['seed'], '--seed', 0, Number.MAX_SAFE_INTEGER),
  });
  try {
    return await runCockpit({ ctx, config: sim.config, tokens: {}, mode: 'demo', mirror });
  } finally {
    await sim.close();
  }
}
