import type { ModeContext } from './context.js';
import { loadConfig } from '../config/load.js';
import { loadPlaybook } from '../config/playbook-file.js';
import { requireTokens, resolveTokens } from '../config/tokens.js';
import { UsageError } from '../exit-codes.js';
import { stateDir } from '../journal/paths.js';
import { parseMirrorAddress } from '../mirror/address.js';
import { refuseWithoutTerminal, runCockpit } from './cockpit-session.js';
import { stringFlag } from './flags.js';
import { checkMirror } from './preflight.js';

/** `cockpit [run]`: the on-call primary's interactive cockpit. */
export async function run(ctx: ModeContext): Promise<number> {
  const refused = refuseWithoutTerminal(ctx, 'cockpit run');
  if (refused !== undefined) return refused;
  if (ctx.positionals.length > 0) throw new UsageError(`unexpected argument "${ctx.positionals[0]}"; see cockpit --help`);
  const mirror = parseMirrorAddress(ctx.values['mirror']);
  const configPath = typeof ctx.values['config'] === 'string' ? ctx.values['config'] : undefined;
  const { config } = await loadConfig({ path: configPath, cwd: process.cwd(), env: ctx.env });
  const playbook = await loadPlaybook(stringFlag(ctx.values['playbook'], '--playbook'), config, process.cwd());
  const tokens = await resolveTokens(config, ctx.env);
  requireTokens(config, tokens);
  const reason = stringFlag(ctx.values['reason'], '--reason');
  if (reason !== undefined && ctx.values['take-over'] !== true) throw new UsageError('--reason goes with --take-over: it says why the release is taken over');
  await checkMirror(mirror, ctx.env);
  const release = { stateDir: stateDir(ctx.env), takeOver: ctx.values['take-over'] === true, ...(reason ? { reason } : {}) };
  return (await runCockpit({ ctx, config, playbook, tokens: { github: tokens.github, travis: tokens.travis }, mode: 'driving', mirror, release })).code;
}
