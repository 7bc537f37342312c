import type { Config } from '../config/schema.js';
import type { ConditionalCache } from './conditional-cache.js';
import { createGitHubService, type GitHubService } from './github.js';
import { createHttpProbe, type HttpProbe } from './http-probe.js';
import { createTravisService, type TravisService } from './travis.js';

export { createGitHubService, type GitHubService, type GitHubServiceOptions } from './github.js';
export { createTravisService, LOG_START, type TravisService, type TravisServiceOptions } from './travis.js';
export { createHttpProbe, type HttpProbe, type HttpProbeOptions } from './http-probe.js';

export interface Services {
  readonly github: GitHubService;
  readonly travis: TravisService;
  readonly probe: HttpProbe;
}

export interface ServiceTokens {
  readonly github?: string | undefined;
  readonly travis?: string | undefined;
}

export interface ServiceTuning {
  /** Per request attempt for GitHub and Travis (default 15 s). */
  readonly timeoutMs?: number;
  /** For sites and PPC version endpoints (default 3 s). */
  readonly probeTimeoutMs?: number;
  readonly userAgent?: string;
  /** GitHub answers remembered by an earlier process, asked for again conditionally. */
  readonly githubCache?: ConditionalCache;
}

/** The three clients for one cockpit config: GitHub on the service repo, Travis, and the site/PPC probe. */
export function createServices(config: Config, tokens: ServiceTokens, tuning: ServiceTuning = {}): Services {
  const userAgent = tuning.userAgent ?? 'release-cockpit';
  const timeout = tuning.timeoutMs === undefined ? {} : { timeoutMs: tuning.timeoutMs };
  return {
    github: createGitHubService({
      baseUrl: config.github.api_url,
      repo: config.service.repo,
      token: tokens.github,
      userAgent,
      ...timeout,
      ...(tuning.githubCache ? { cache: tuning.githubCache } : {}),
    }),
    travis: createTravisService({ baseUrl: config.ci.api_url, token: tokens.travis, webUrl: config.ci.web_url, userAgent, ...timeout }),
    probe: createHttpProbe({ userAgent, ...(tuning.probeTimeoutMs === undefined ? {} : { timeoutMs: tuning.probeTimeoutMs }) }),
  };
}
