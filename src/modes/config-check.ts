import { homedir } from 'node:os';
import type { ModeContext } from '../cli.js';
import { EXIT, UsageError } from '../exit-codes.js';
import { loadConfig } from '../config/load.js';
import { resolveTokens } from '../config/tokens.js';
import { summarizeConfig } from '../config/summary.js';

const USAGE = 'usage: cockpit config check [--config FILE]';

/** `cockpit config check`: validates the config and prints a one-screen summary; a bad config exits 2 via UsageError. */
export async function run(ctx: ModeContext): Promise<number> {
  const [subcommand, ...extra] = ctx.positionals;
  if (subcommand !== 'check') {
    const got = subcommand === undefined ? 'a subcommand is needed' : `unknown subcommand "config ${subcommand}"`;
    throw new UsageError(`${got}; the only one is "check"\n${USAGE}`);
  }
  if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}"\n${USAGE}`);
  const flag = typeof ctx.values['config'] === 'string' ? ctx.values['config'] : undefined;
  const { config, path } = await loadConfig({ path: flag, cwd: process.cwd(), env: ctx.env, home: homedir() });
  const tokens = await resolveTokens(config, ctx.env);
  ctx.stdout.write(summarizeConfig(config, { path, tokens, width: Math.max(60, Math.min(ctx.stdout.columns || 80, 120)) }));
  return EXIT.ok;
}
