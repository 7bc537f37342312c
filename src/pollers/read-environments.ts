import type { Config, EnvironmentConfig } from '../config/schema.js';
import { judgeHead, pushGate } from '../domain/required-checks.js';
import type { Commit } from '../domain/commit.js';
import { componentsOf } from '../domain/components.js';
import { environmentDiff } from '../domain/diff.js';
import { versionMatches, type EnvironmentDiff, type EnvironmentStatus, type SiteReport } from '../domain/environment.js';
import { SourceError } from '../domain/source.js';
import type { Services } from '../services/index.js';
import { ciOrRefusal } from './ci-or-refusal.js';
import { observeEndpoints, ok, type Observed } from './observed.js';

export interface EnvironmentsData {
  /** Lowest first, as configured. */
  readonly environments: readonly EnvironmentStatus[];
  /** Between each environment and the next one up: what promoting it would change. */
  readonly diffs: readonly EnvironmentDiff[];
}

/**
 * Every environment once: its branch head and that head's CI verdict, what its site serves and whether it
 * is healthy, the component pins at the head (Gopkg.lock and .travis.yml), and the diffs between neighbours.
 * GitHub failing fails the read (there is nothing to show without heads); a site not answering is data.
 */
export async function readEnvironments(services: Pick<Services, 'github' | 'probe'>, config: Config): Promise<Observed<EnvironmentsData>> {
  const { github } = services;
  const sites = config.environments.map((env) => readSite(services.probe, env));
  const heads = config.environments.map((env) => github.getHead(env.branch));
  // Each compare starts as soon as its two heads are known, not after every environment's CI and pins.
  const compares = heads.slice(1).map(async (upperHead, i) => github.compare((await upperHead).sha, (await (heads[i] as Promise<Commit>)).sha));
  for (const c of compares) c.catch(() => undefined);
  const environments = await Promise.all(
    config.environments.map(async (env, i): Promise<EnvironmentStatus> => {
      const head = await (heads[i] as Promise<Commit>);
      const [ci, lockText, travisText, site] = await Promise.all([
        ciOrRefusal(github, head.sha),
        fileOrNothing(services, config.components.ppc.file, head.sha),
        fileOrNothing(services, config.components.sdk.file, head.sha),
        sites[i] as Promise<SiteReport>,
      ]);
      return {
        name: env.name,
        branch: env.branch,
        head,
        // Unread CI is no verdict: 'none' with the reason, never a guess at green. Only the checks that gate count.
        headCi: ci.signals ? judgeHead(ci.signals, pushGate(config.ci.required)).state : 'none',
        ...(ci.refused ? { ciUnreadable: ci.refused } : {}),
        site,
        siteMatchesHead: versionMatches(site.version, head.sha),
        components: componentsOf(head.sha, lockText, travisText, config.components),
      };
    }),
  );
  // Base is the upper environment: ahead_by counts what the lower one would bring.
  const diffs = await Promise.all(
    environments.slice(1).map(async (upper, i) => environmentDiff(environments[i] as EnvironmentStatus, upper, await (compares[i] as ReturnType<typeof github.compare>))),
  );
  const siteFailures = environments.filter((e) => !e.site.healthy).map((e) => `${e.name} site: ${e.site.detail ?? 'unhealthy'}`);
  const refused = environments.find((e) => e.ciUnreadable);
  const githubSeen = refused ? { source: 'github' as const, state: 'degraded' as const, detail: `CI of ${refused.name}: ${refused.ciUnreadable}` } : ok('github');
  return { data: { environments, diffs }, observed: [githubSeen, observeEndpoints('sites', siteFailures, environments.length)] };
}

/** What the site says it serves, and its health from the health URL when one is configured. Never throws. */
export async function readSite(probe: Services['probe'], env: EnvironmentConfig): Promise<SiteReport> {
  const [version, health] = await Promise.all([
    probe.readVersion(env.site.url, { format: env.site.format, field: env.site.field }),
    env.site.health_url ? probe.checkHealth(env.site.health_url) : Promise.resolve(undefined),
  ]);
  if (!health || health.healthy || !version.healthy) return version;
  return { version: version.version, healthy: false, detail: `health check: ${health.detail ?? 'failing'}` };
}

/** A pin file at a commit; undefined when the commit does not have it (componentsOf says so). */
async function fileOrNothing(services: Pick<Services, 'github'>, path: string, sha: string): Promise<string | undefined> {
  try {
    return await services.github.getFile(path, sha);
  } catch (error) {
    if (error instanceof SourceError && error.kind === 'not-found') return undefined;
    throw error;
  }
}

/** The environment promoted from and the one promoted into: the top two, as design.md's weekly release has it. */
export function promotionPair(config: Config): { readonly source: EnvironmentConfig; readonly target: EnvironmentConfig } {
  const n = config.environments.length;
  return { source: config.environments[n - 2] as EnvironmentConfig, target: config.environments[n - 1] as EnvironmentConfig };
}
