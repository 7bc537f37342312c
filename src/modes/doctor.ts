import type { ModeContext } from './context.js';
import { loadConfig } from '../config/load.js';
import { resolveTokens } from '../config/tokens.js';
import { EXIT, UsageError } from '../exit-codes.js';
import { createTokenChecker } from '../services/github-token-check.js';
import { createServices } from '../services/index.js';
import { branchChecks, ciChecks, clockChecks, endpointChecks, tokenChecks, type Check } from './doctor-checks.js';

/**
 * `cockpit doctor [--config FILE]`: every source tried with the credentials the cockpit would use, one line
 * each, ✔ or ✖ with the fix. Exit 0 all well, 1 some check failed, 3 a source did not answer. Reads only.
 */
export async function run(ctx: ModeContext): Promise<number> {
  if (ctx.positionals.length > 0) throw new UsageError(`unexpected argument "${ctx.positionals[0]}"; see cockpit doctor --help`);
  const configPath = typeof ctx.values['config'] === 'string' ? ctx.values['config'] : undefined;
  const { config, path } = await loadConfig({ path: configPath, cwd: process.cwd(), env: ctx.env });
  const print = (c: Check): void => {
    ctx.stdout.write(`${c.ok ? '✔' : '✖'} ${c.text}\n`);
    if (!c.ok && c.fix) ctx.stdout.write(`  fix: ${c.fix}\n`);
  };
  const all: Check[] = [];
  const report = (checks: readonly Check[]): void => {
    for (const c of checks) {
      all.push(c);
      print(c);
    }
  };
  report([{ ok: true, text: `config: ${path} is valid (${config.service.repo}, ${config.environments.length} environments${config.ppcs ? `, ${config.ppcs.customers.length} customers` : ''})` }]);

  const tokens = await resolveTokens(config, ctx.env);
  const services = createServices(config, { github: tokens.github, travis: tokens.travis }, { timeoutMs: 8_000 });
  const checker = createTokenChecker({ baseUrl: config.github.api_url, repo: config.service.repo, token: tokens.github });
  // Branches first: the permission probes need a real sha to ask about.
  const branches = await branchChecks(config, services.github);
  const token = await tokenChecks(config, tokens, checker, branches.topSha);
  report(token.checks);
  report(branches.checks);
  report(await ciChecks(config, tokens, services.travis));
  report(await endpointChecks(config, services.probe));
  report(clockChecks(config, token.serverDate, Date.now(), Intl.DateTimeFormat().resolvedOptions().timeZone));

  const failedChecks = all.filter((c) => !c.ok);
  if (failedChecks.length === 0) {
    ctx.stdout.write('\nall well: the cockpit can read everything it needs\n');
    return EXIT.ok;
  }
  const unreachable = failedChecks.some((c) => c.unreachable);
  ctx.stdout.write(`\n${failedChecks.length} check${failedChecks.length === 1 ? '' : 's'} failed${unreachable ? '; a source did not answer' : ''}\n`);
  return unreachable ? EXIT.unreachable : EXIT.needsHuman;
}
