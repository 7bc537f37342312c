import type { ModeContext } from './context.js';
import { loadConfig } from '../config/load.js';
import { requireTokens, resolveTokens } from '../config/tokens.js';
import { UsageError } from '../exit-codes.js';
import { statusJson } from '../format/status-json.js';
import { formatStatusText, type StatusReport } from '../format/status-text.js';
import { readMirrorSnapshot } from '../mirror/client.js';
import { feedUrl } from '../mirror/feed-url.js';
import { MirrorError } from '../mirror/mirror-error.js';
import { mirrorExitCode } from '../mirror/exit.js';
import { watcherToken } from '../mirror/token.js';
import { cacheDir, githubCacheFile, readGitHubCache, writeGitHubCache } from '../services/github-cache-file.js';
import { createServices } from '../services/index.js';
import { statusFromFeed } from './status/from-feed.js';
import { gatherStatus } from './status/gather.js';

/**
 * `cockpit status [--config FILE] [--json]`: one glance, then exit with the verdict's code
 * (0 green and idle, 8 in progress, 1 needs a human, 3 a source unreachable; 2 for config problems,
 * thrown as UsageError by the config module). Plain string formatting: Ink is never loaded here.
 *
 * `cockpit status --from URL [--token T]`: the same glance from a primary's mirror, with no GitHub, Travis or
 * site reads of its own (3 when the mirror cannot be reached, 2 for a wrong token or feed version).
 */
export async function run(ctx: ModeContext): Promise<number> {
  if (ctx.positionals.length > 0) throw new UsageError(`unexpected argument "${ctx.positionals[0]}"; see cockpit status --help`);
  const from = ctx.values['from'];
  if (from !== undefined) return fromMirror(ctx, from);
  if (ctx.values['token'] !== undefined) throw new UsageError('--token is for --from URL (a mirror); the services\' tokens come from GITHUB_TOKEN and TRAVIS_TOKEN');
  const configPath = typeof ctx.values['config'] === 'string' ? ctx.values['config'] : undefined;
  const { config } = await loadConfig({ path: configPath, cwd: process.cwd(), env: ctx.env });
  const tokens = await resolveTokens(config, ctx.env);
  requireTokens(config, tokens);
  const cacheFile = githubCacheFile(cacheDir(ctx.env), config.github.api_url, config.service.repo);
  const githubCache = readGitHubCache(cacheFile);
  // A glance should not sit for long on a source that is not answering: shorter than the cockpit's 15 s.
  const services = createServices(config, { github: tokens.github, travis: tokens.travis }, { timeoutMs: 8_000, githubCache });
  const report = await gatherStatus(services, config, Date.now);
  // Every answer a 304: the file already holds what this glance saw.
  const { requests, notModified } = services.github.counters();
  if (requests > notModified) writeGitHubCache(cacheFile, githubCache);
  return write(ctx, report);
}

async function fromMirror(ctx: ModeContext, from: string | boolean): Promise<number> {
  if (typeof from !== 'string' || from.trim() === '') throw new UsageError('--from needs the mirror\'s URL, e.g. --from http://127.0.0.1:7777');
  if (ctx.values['config'] !== undefined) throw new UsageError('give either --from URL (read a mirror) or --config FILE (read the services), not both');
  const url = feedUrl(from.trim());
  const token = watcherToken(ctx.values['token'], ctx.env, 'cockpit status --from', ctx.values['token-file']);
  try {
    const feed = await readMirrorSnapshot(url, token, 8_000);
    return write(ctx, statusFromFeed(feed, Date.now()));
  } catch (error) {
    if (!(error instanceof MirrorError)) throw error;
    ctx.stderr.write(`cockpit: ${error.message}\n`);
    return mirrorExitCode(error);
  }
}

function write(ctx: ModeContext, report: StatusReport): number {
  ctx.stdout.write(ctx.values['json'] ? `${JSON.stringify(statusJson(report), null, 2)}\n` : formatStatusText(report));
  return report.verdict.code;
}
