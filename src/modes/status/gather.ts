import type { Config } from '../../config/schema.js';
import type { Build } from '../../domain/ci.js';
import { travisStateToCi } from '../../domain/ci-verdict.js';
import type { SiteReport } from '../../domain/environment.js';
import { nextWindows } from '../../domain/schedule.js';
import type { SourceHealth, SourceName } from '../../domain/source.js';
import { statusFacts, type EnvironmentFacts, type PromotionFacts, type UnreadPart } from '../../domain/status-verdict.js';
import type { StatusReport } from '../../format/status-text.js';
import { mergeObservations, observeEndpoints, observeError, ok, toHealth, type Observation } from '../../pollers/observed.js';
import { readCandidates } from '../../pollers/read-candidates.js';
import { promotionPair, readEnvironments, readSite } from '../../pollers/read-environments.js';
import { classifyFleet, fleetObservation, probeFleet } from '../../pollers/read-fleet.js';
import { deployBuildQuery, readPromotion } from '../../pollers/read-promotion.js';
import type { Services } from '../../services/index.js';
import { oneShotServices } from './one-shot.js';
import { silentPpcs, unreadPart } from './unread.js';
import { verdictWithCode } from './verdict-code.js';

/** How far back the glance looks for a green candidate. */
export const STATUS_CANDIDATE_LIMIT = 30;

const SOURCES: readonly SourceName[] = ['github', 'travis', 'sites', 'ppcs'];

/**
 * Runs every read once, in parallel, with the same functions the cockpit's refresh loops call (so the
 * glance and the cockpit cannot disagree), and judges the result. Never throws for a source failing:
 * what could not be read is undefined in the report and its source is marked.
 */
export async function gatherStatus(services: Services, config: Config, now: () => number): Promise<StatusReport> {
  const shared = oneShotServices(services);
  const { source, target } = promotionPair(config);
  // Asked first, so the environments read takes the source branch's head from this list (one request fewer).
  const listing = shared.github.listCommits(source.branch, STATUS_CANDIDATE_LIMIT);
  listing.catch(() => undefined);

  // Sites and the deploy build are read through the same shared calls the reads below make, so they cost
  // nothing extra, and they can still be shown when GitHub is down and those reads fail.
  const sitesRead = Promise.all(config.environments.map((env) => readSite(shared.probe, env)));
  // Every environment above the lowest is judged by its latest push build (the target's is the deploy build
  // readPromotion asks for, the same request).
  const judgedEnvs = config.environments.slice(1);
  const pushReads = judgedEnvs.map((env) => shared.travis.listBuilds(deployBuildQuery(config, env)));
  for (const read of pushReads) read.catch(() => undefined);

  const [envs, cands, promo, fleetReports, siteReports, ...pushed] = await Promise.allSettled([
    readEnvironments(shared, config),
    readCandidates(shared, config, STATUS_CANDIDATE_LIMIT, { untilLatestGreen: true }),
    readPromotion(shared, config),
    probeFleet(shared, config),
    sitesRead,
    ...pushReads,
  ]);
  const at = now();
  const zone = config.schedule.timezone;
  const unread: UnreadPart[] = [];

  const observed: Observation[] = [];
  const take = <T>(r: PromiseSettledResult<{ data: T; observed: readonly Observation[] }>, what: string): T | undefined => {
    if (r.status === 'fulfilled') {
      observed.push(...r.value.observed);
      return r.value.data;
    }
    observed.push(observeError(r.reason, 'github'));
    unread.push(unreadPart(what, r.reason, 'github', at, zone));
    return undefined;
  };
  const environments = take(envs, "the environments' heads, CI and pins");
  const candidates = take(cands, `the ${source.name} commits ${target.name} lacks and their CI`);
  const promotion = take(promo, 'the promotion pull request');
  const reports = fleetReports.status === 'fulfilled' ? fleetReports.value : [];
  if (config.ppcs) observed.push(fleetObservation(reports));
  // Both never throw (a site not answering is data); typed as settled only because allSettled says so.
  const sites = siteReports.status === 'fulfilled' ? config.environments.map((env, i) => ({ name: env.name, branch: env.branch, site: siteReports.value[i] as SiteReport })) : [];
  const siteFailures = sites.filter((x) => !x.site.healthy).map((x) => `${x.name} site: ${x.site.detail ?? 'unhealthy'}`);
  observed.push(observeEndpoints('sites', siteFailures, sites.length));
  const pushBuilds = new Map<string, Build | null>();
  pushed.forEach((r, i) => {
    const env = judgedEnvs[i];
    if (!env) return;
    if (r.status === 'fulfilled') pushBuilds.set(env.name, (r.value as Build[])[0] ?? null);
    else unread.push(unreadPart(`${env.name}'s push build`, r.reason, 'travis', at, zone));
    observed.push(r.status === 'fulfilled' ? ok('travis') : observeError(r.reason, 'travis'));
  });

  const merged = new Map(mergeObservations(observed).map((o) => [o.source, toHealth(o, at)]));
  const sources: SourceHealth[] = SOURCES.map((s) => merged.get(s) ?? { source: s, state: 'unknown' });
  // Customers should run what production pins; unknown when GitHub could not be read.
  const fleetTarget = environments?.environments.at(-1)?.components.ppcRevision;
  const ppcs = classifyFleet(config, reports, fleetTarget);

  const pull = promotion?.pull;
  const prBuild = promotion?.builds ? promotion.builds.prBuild : undefined;
  if (pull && promotion?.builds === undefined) unread.push({ source: 'travis', what: `pull request #${pull.number}'s build` });
  const deployBuild = pushBuilds.get(target.name);
  const promotions: PromotionFacts[] = pull ? [{ pull, ci: prBuild ? travisStateToCi(prBuild.state) : prBuild === null ? 'pending' : 'none' }] : [];
  const latestGreen = candidates?.find((r) => r.isLatestGreen)?.commit.sha;
  const envFacts: EnvironmentFacts[] = (environments?.environments ?? []).map((status) => ({
    status,
    pushBuild: pushBuilds.get(status.name) ?? undefined,
    ...(status.name === source.name ? { latestGreen } : {}),
  }));
  const silent = silentPpcs(ppcs.filter((p) => p.detail?.startsWith('unreachable')).map((p) => p.id));
  if (silent) unread.push(silent);
  const facts = statusFacts({ sources, environments: envFacts, promotions, ppcs, unread }, at);
  const windows = nextWindows(config.schedule, at);

  return {
    repo: config.service.repo,
    now: at,
    environments: environments?.environments,
    sites,
    diffs: environments?.diffs ?? [],
    promotion: { from: source.name, to: target.name, pull, prBuild, deployBuild },
    candidates,
    fleet: config.ppcs ? { target: fleetTarget, ppcs } : undefined,
    windows: { timezone: config.schedule.timezone, nightly: windows.nightly, weekly: windows.weekly },
    sources,
    quota: services.github.quota(),
    facts,
    verdict: verdictWithCode(facts),
  };
}
