import type { Config } from '../config/schema.js';
import type { Build } from '../domain/ci.js';
import type { PullRequest } from '../domain/pull.js';
import type { Services } from '../services/index.js';
import type { BuildQuery } from '../services/travis.js';
import { observeError, ok, type Observation, type Observed } from './observed.js';
import { promotionPair } from './read-environments.js';

export interface PromotionData {
  /** The open promotion PR into the target (production), or the one asked for by number; null when none. */
  readonly pull: PullRequest | null;
  /** Undefined when Travis could not be read: keep what was shown before rather than blanking it. */
  readonly builds: { readonly prBuild: Build | null; readonly deployBuild: Build | null } | undefined;
}

export interface PromotionOptions {
  /** Follow this PR (the one the cockpit opened) even once merged or closed, instead of looking for an open one. */
  readonly pullNumber?: number | undefined;
  /** How many recent PR builds of the target branch to search for the PR's build. @default 25 */
  readonly buildLimit?: number;
}

/** Whether a PR's head branch makes it a promotion: the source branch itself, or a release branch cut at a candidate. */
export function isPromotionHead(headRef: string, source: string): boolean {
  return headRef === source || headRef.startsWith('release/');
}

/** The Travis query for the latest push build of the target branch: the build that deploys it. */
export function deployBuildQuery(config: Config): BuildQuery {
  return { repo: config.service.repo, branches: [promotionPair(config).target.branch], events: ['push'], limit: 1 };
}

/**
 * The promotion PR (staging -> production, or release/* -> production), its Travis PR build (matched by PR
 * number among the target branch's pull_request builds, where Travis files them), and the latest push
 * build of the target branch, the one that deploys it.
 */
export async function readPromotion(services: Pick<Services, 'github' | 'travis'>, config: Config, options: PromotionOptions = {}): Promise<Observed<PromotionData>> {
  const { source, target } = promotionPair(config);
  const repo = config.service.repo;
  const deploy = services.travis.listBuilds(deployBuildQuery(config));
  // Settled now so a Travis failure while GitHub is also failing never goes unhandled.
  deploy.catch(() => undefined);

  const pull =
    options.pullNumber !== undefined
      ? await services.github.getPull(options.pullNumber)
      : ((await services.github.listPulls({ base: target.branch, state: 'open', limit: 20 })).find((p) => isPromotionHead(p.headRef, source.branch)) ?? null);

  const observed: Observation[] = [ok('github')];
  let builds: PromotionData['builds'];
  try {
    const [pushBuilds, prBuild] = await Promise.all([
      deploy,
      pull ? findPrBuild(services, repo, target.branch, pull.number, options.buildLimit ?? 25) : Promise.resolve(null),
    ]);
    builds = { prBuild, deployBuild: pushBuilds[0] ?? null };
    observed.push(ok('travis'));
  } catch (error) {
    observed.push(observeError(error, 'travis'));
  }
  return { data: { pull, builds }, observed };
}

async function findPrBuild(services: Pick<Services, 'travis'>, repo: string, base: string, number: number, limit: number): Promise<Build | null> {
  // Travis has no filter by PR number; newest first, so the first match is the latest build of the PR.
  const builds = await services.travis.listBuilds({ repo, branches: [base], events: ['pull_request'], limit });
  return builds.find((b) => b.pullRequestNumber === number) ?? null;
}
