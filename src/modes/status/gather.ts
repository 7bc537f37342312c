import type { Config } from '../../config/schema.js';
import type { CandidateRow } from '../../domain/candidate.js';
import { travisStateToCi } from '../../domain/ci-verdict.js';
import type { EnvironmentStatus, SiteReport } from '../../domain/environment.js';
import { nextWindows } from '../../domain/schedule.js';
import type { SourceHealth, SourceName } from '../../domain/source.js';
import { statusFacts, statusVerdict, type EnvironmentFacts, type PromotionFacts } from '../../domain/status-verdict.js';
import type { StatusReport } from '../../format/status-text.js';
import { mergeObservations, observeEndpoints, observeError, ok, toHealth, type Observation } from '../../pollers/observed.js';
import { readCandidates } from '../../pollers/read-candidates.js';
import { promotionPair, readEnvironments, readSite } from '../../pollers/read-environments.js';
import { classifyFleet, fleetObservation, probeFleet } from '../../pollers/read-fleet.js';
import { deployBuildQuery, readPromotion } from '../../pollers/read-promotion.js';
import type { Services } from '../../services/index.js';
import { oneShotServices } from './one-shot.js';

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
  const deployRead = shared.travis.listBuilds(deployBuildQuery(config));
  deployRead.catch(() => undefined);

  const [envs, cands, promo, fleetReports, siteReports, deploy] = await Promise.allSettled([
    readEnvironments(shared, config),
    readCandidates(shared, config, STATUS_CANDIDATE_LIMIT, { untilLatestGreen: true }),
    readPromotion(shared, config),
    probeFleet(shared, config),
    sitesRead,
    deployRead,
  ]);

  const observed: Observation[] = [];
  const take = <T>(r: PromiseSettledResult<{ data: T; observed: readonly Observation[] }>): T | undefined => {
    if (r.status === 'fulfilled') {
      observed.push(...r.value.observed);
      return r.value.data;
    }
    observed.push(observeError(r.reason, 'github'));
    return undefined;
  };
  const environments = take(envs);
  const candidates = take(cands);
  const promotion = take(promo);
  const reports = fleetReports.status === 'fulfilled' ? fleetReports.value : [];
  if (config.ppcs) observed.push(fleetObservation(reports));
  // Both never throw (a site not answering is data); typed as settled only because allSettled says so.
  const sites = siteReports.status === 'fulfilled' ? config.environments.map((env, i) => ({ name: env.name, branch: env.branch, site: siteReports.value[i] as SiteReport })) : [];
  const siteFailures = sites.filter((x) => !x.site.healthy).map((x) => `${x.name} site: ${x.site.detail ?? 'unhealthy'}`);
  observed.push(observeEndpoints('sites', siteFailures, sites.length));
  observed.push(deploy.status === 'fulfilled' ? ok('travis') : observeError(deploy.reason, 'travis'));

  const at = now();
  const merged = new Map(mergeObservations(observed).map((o) => [o.source, toHealth(o, at)]));
  const sources: SourceHealth[] = SOURCES.map((s) => merged.get(s) ?? { source: s, state: 'unknown' });
  // Customers should run what production pins; unknown when GitHub could not be read.
  const fleetTarget = environments?.environments.at(-1)?.components.ppcRevision;
  const ppcs = classifyFleet(config, reports, fleetTarget);

  const pull = promotion?.pull;
  const prBuild = promotion?.builds ? promotion.builds.prBuild : undefined;
  const deployBuild = deploy.status === 'fulfilled' ? (deploy.value[0] ?? null) : undefined;
  const promotions: PromotionFacts[] = pull ? [{ pull, ci: prBuild ? travisStateToCi(prBuild.state) : prBuild === null ? 'pending' : 'none' }] : [];
  const envFacts: EnvironmentFacts[] = (environments?.environments ?? []).map((status) => ({
    status: judged(status, status.name === source.name, candidates),
    pushBuild: status.name === target.name ? (deployBuild ?? undefined) : undefined,
  }));
  const facts = statusFacts({ sources, environments: envFacts, promotions, ppcs }, at);
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
    verdict: statusVerdict(facts),
  };
}

/**
 * The environment as the exit code judges it. A red head on the promotion source (staging) is not a
 * release failure while an older commit there that production lacks is green: the weekly release promotes
 * that one, and the text still shows the red head. (A green commit production already has does not count:
 * promoting it changes nothing.) statusFacts judges an environment without a push build by its head CI,
 * so the head's verdict is passed as "none" in exactly that case.
 */
export function judged(status: EnvironmentStatus, isSource: boolean, candidates: readonly CandidateRow[] | undefined): EnvironmentStatus {
  if (!isSource || status.headCi !== 'failure' || !candidates?.some((r) => r.isLatestGreen)) return status;
  return { ...status, headCi: 'none' };
}
