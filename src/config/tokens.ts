import { execFile } from 'node:child_process';
import { UsageError } from '../exit-codes.js';
import type { Config } from './schema.js';
import { isLoopbackUrl } from './loopback.js';

export { isLoopbackUrl };

export interface Tokens {
  readonly github?: string;
  readonly travis?: string;
  readonly githubSource: 'env' | 'gh' | 'none';
  readonly travisSource: 'env' | 'none';
}

export interface TokenOptions {
  /** Asks the gh CLI for its stored token for a host; the real `gh auth token` unless a test injects one. */
  readonly ghCli?: (hostname: string) => Promise<string | undefined>;
}

const GH_TIMEOUT_MS = 3_000;

/** `gh auth token --hostname HOST`; undefined when gh is absent, logged out, slow or failing. Never noisy. */
export function ghAuthToken(hostname: string): Promise<string | undefined> {
  return new Promise((resolve) => {
    try {
      execFile('gh', ['auth', 'token', '--hostname', hostname], { timeout: GH_TIMEOUT_MS, windowsHide: true }, (error, stdout) => {
        resolve(error ? undefined : stdout.trim() || undefined);
      });
    } catch {
      resolve(undefined);
    }
  });
}

/** The host gh knows the GitHub API by: `api.github.com` is github.com; Enterprise serves the API on its own host. */
export function githubHostname(apiUrl: string): string {
  const host = new URL(apiUrl).hostname;
  return host === 'api.github.com' ? 'github.com' : host;
}

function fromEnv(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const value = env[name]?.trim();
  return value ? value : undefined;
}

/**
 * Finds the tokens: GITHUB_TOKEN, else the gh CLI's stored login (not asked for the demo world, which needs
 * none), and TRAVIS_TOKEN. The result says where each came from, so callers can report that without the token.
 */
export async function resolveTokens(config: Config, env: NodeJS.ProcessEnv, options: TokenOptions = {}): Promise<Tokens> {
  const travis = fromEnv(env, 'TRAVIS_TOKEN');
  const travisPart = travis ? { travis, travisSource: 'env' as const } : { travisSource: 'none' as const };
  const fromVariable = fromEnv(env, 'GITHUB_TOKEN');
  if (fromVariable) return { github: fromVariable, githubSource: 'env', ...travisPart };
  if (!isLoopbackUrl(config.github.api_url)) {
    const ask = options.ghCli ?? ghAuthToken;
    const fromGh = await ask(githubHostname(config.github.api_url)).catch(() => undefined);
    if (fromGh) return { github: fromGh, githubSource: 'gh', ...travisPart };
  }
  return { githubSource: 'none', ...travisPart };
}

/** Which token variables a config still needs, given what was found; empty when it can run. */
export function missingTokens(config: Config, tokens: Tokens): readonly ('GITHUB_TOKEN' | 'TRAVIS_TOKEN')[] {
  const missing: ('GITHUB_TOKEN' | 'TRAVIS_TOKEN')[] = [];
  if (!tokens.github && !isLoopbackUrl(config.github.api_url)) missing.push('GITHUB_TOKEN');
  if (!tokens.travis && !isLoopbackUrl(config.ci.api_url)) missing.push('TRAVIS_TOKEN');
  return missing;
}

/** Throws a UsageError naming each missing variable, unless the APIs are on loopback (the demo world). */
export function requireTokens(config: Config, tokens: Tokens): void {
  const missing = missingTokens(config, tokens);
  if (missing.length === 0) return;
  const lines = missing.map((name) =>
    name === 'GITHUB_TOKEN'
      ? `  - GITHUB_TOKEN for ${config.github.api_url}: set it, or log in with \`gh auth login\``
      : `  - TRAVIS_TOKEN for ${config.ci.api_url}: set it (Travis CI > Settings > API authentication)`,
  );
  throw new UsageError([`missing ${missing.length === 1 ? 'a token' : 'tokens'}; tokens come from the environment, never the config file:`, ...lines].join('\n'));
}
