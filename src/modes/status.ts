import type { ModeContext } from '../cli.js';
import { loadConfig } from '../config/load.js';
import { requireTokens, resolveTokens } from '../config/tokens.js';
import { statusJson } from '../format/status-json.js';
import { formatStatusText } from '../format/status-text.js';
import { createServices } from '../services/index.js';
import { gatherStatus } from './status/gather.js';

/**
 * `cockpit status [--config FILE] [--json]`: one glance, then exit with the verdict's code
 * (0 green and idle, 8 in progress, 1 needs a human, 3 a source unreachable; 2 for config problems,
 * thrown as UsageError by the config module). Plain string formatting: Ink is never loaded here.
 */
export async function run(ctx: ModeContext): Promise<number> {
  const configPath = typeof ctx.values['config'] === 'string' ? ctx.values['config'] : undefined;
  const { config } = await loadConfig({ path: configPath, cwd: process.cwd(), env: ctx.env });
  const tokens = await resolveTokens(config, ctx.env);
  requireTokens(config, tokens);
  // A glance should not sit for long on a source that is not answering: shorter than the cockpit's 15 s.
  const services = createServices(config, { github: tokens.github, travis: tokens.travis }, { timeoutMs: 8_000 });
  const report = await gatherStatus(services, config, Date.now);
  ctx.stdout.write(ctx.values['json'] ? `${JSON.stringify(statusJson(report), null, 2)}\n` : formatStatusText(report));
  return report.verdict.code;
}
