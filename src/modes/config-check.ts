import { homedir } from 'node:os';
import type { ModeContext } from './context.js';
import { EXIT, UsageError } from '../exit-codes.js';
import { loadConfig } from '../config/load.js';
import { loadPlaybook } from '../config/playbook-file.js';
import { resolveTokens } from '../config/tokens.js';
import { summarizeConfig, summarizePlaybook } from '../config/summary.js';

const USAGE = 'usage: cockpit config check [--config FILE] [--playbook NAME|FILE]';

/**
 * `cockpit config check`: validates the config (and a playbook, when named) and prints a one-screen summary; a
 * bad one exits 2 via UsageError. A team writing its own playbook checks it here without starting a release.
 */
export async function run(ctx: ModeContext): Promise<number> {
  const [subcommand, ...extra] = ctx.positionals;
  if (subcommand !== 'check') {
    const got = subcommand === undefined ? 'a subcommand is needed' : `unknown subcommand "config ${subcommand}"`;
    throw new UsageError(`${got}; the only one is "check"\n${USAGE}`);
  }
  if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}"\n${USAGE}`);
  const flag = typeof ctx.values['config'] === 'string' ? ctx.values['config'] : undefined;
  const { config, path } = await loadConfig({ path: flag, cwd: process.cwd(), env: ctx.env, home: homedir() });
  const named = typeof ctx.values['playbook'] === 'string' ? ctx.values['playbook'] : undefined;
  const playbook = named === undefined ? undefined : await loadPlaybook(named, config, process.cwd());
  const tokens = await resolveTokens(config, ctx.env);
  const width = Math.max(60, Math.min(ctx.stdout.columns || 80, 120));
  ctx.stdout.write(summarizeConfig(config, { path, tokens, width }));
  if (playbook) ctx.stdout.write(summarizePlaybook(playbook, width));
  return EXIT.ok;
}
