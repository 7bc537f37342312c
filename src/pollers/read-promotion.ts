import type { Config, EnvironmentConfig } from '../config/schema.js';
import type { Build } from '../domain/ci.js';
import { usualJobDurations } from '../domain/ci-history.js';
import type { Commit } from '../domain/commit.js';
import type { MergeFacts } from '../domain/merge-readiness.js';
import type { PullRequest, Review } from '../domain/pull.js';
import { judgeHead, pullRequestGate, travisBuildOf, type HeadVerdict } from '../domain/required-checks.js';
import { pickPull, type PullLookup } from '../domain/pull-lookup.js';
import type { Services } from '../services/index.js';
import type { BuildQuery } from '../services/travis.js';
import { readMergeFacts } from './read-merge-facts.js';
import { observeError, ok, type Observation, type Observed } from './observed.js';
import { promotionPair } from './read-environments.js';

export interface PromotionData {
  /** The open promotion PR into the target (production), or the one asked for by number; null when none. */
  readonly pull: PullRequest | null;
  /** The PR's reviews, when asked for (`reviews`) and there is a PR. */
  readonly reviews?: readonly Review[];
  /** The verdict of the PR's head under the checks that gate into its base, and the head commit itself. */
  readonly head?: { readonly ci: HeadVerdict; readonly commit: Commit };
  /** The merge step's facts for the PR's head (read-merge-facts.ts), when asked for (`mergeFacts`). */
  readonly merge?: MergeFacts;
  /** Undefined when Travis could not be read: keep what was shown before rather than blanking it. */
  readonly builds:
    | {
        readonly prBuild: Build | null;
        readonly deployBuild: Build | null;
        /** Median duration of each job name over the recent passed push and PR builds, for "usually 5m". */
        readonly usualJobMs: Readonly<Record<string, number>>;
      }
    | undefined;
}

export interface PromotionOptions {
  /** Follow this PR (the one the cockpit opened) even once merged or closed, instead of looking for an open one. */
  readonly pullNumber?: number | undefined;
  /** How many recent PR builds of the target branch to search for the PR's build. @default 25 */
  readonly buildLimit?: number;
  /** The environments the playbook moves between. @default the top two (promotionPair) */
  readonly pair?: { readonly source: EnvironmentConfig; readonly target: EnvironmentConfig };
  /** Which pull request to look for when not following one by number. @default the promotion the cockpit opens */
  readonly lookup?: PullLookup;
  /** Also read the PR's reviews (a playbook that waits for an approval). */
  readonly reviews?: boolean;
  /** Also read what the merge step needs (the merge step is current). */
  readonly mergeFacts?: boolean;
}

/**
 * The Travis query for the target branch's recent push builds: the newest is the one that deploys it, and the
 * rest say how long its jobs usually take, in the same single request.
 */
export function deployBuildQuery(config: Config, target: EnvironmentConfig = promotionPair(config).target): BuildQuery {
  return { repo: config.service.repo, branches: [target.branch], events: ['push'], limit: 10 };
}

/**
 * The promotion PR (staging -> production, or release/* -> production), its Travis PR build (matched by PR
 * number among the target branch's pull_request builds, where Travis files them), and the latest push
 * build of the target branch, the one that deploys it.
 */
export async function readPromotion(services: Pick<Services, 'github' | 'travis'>, config: Config, options: PromotionOptions = {}): Promise<Observed<PromotionData>> {
  const { source, target } = options.pair ?? promotionPair(config);
  const lookup = options.lookup ?? { kind: 'promotion' };
  const repo = config.service.repo;
  const deploy = services.travis.listBuilds(deployBuildQuery(config, target));
  // Settled now so a Travis failure while GitHub is also failing never goes unhandled.
  deploy.catch(() => undefined);

  const pull =
    options.pullNumber !== undefined
      ? await services.github.getPull(options.pullNumber)
      : pickPull(await services.github.listPulls({ base: target.branch, state: lookup.kind === 'nightly' ? 'all' : 'open', limit: 20 }), lookup, source.branch);
  const reviews = options.reviews && pull ? await services.github.listReviews(pull.number) : undefined;
  const head = pull ? await readHead(services, config, pull, target.branch) : undefined;
  const merge = options.mergeFacts && pull ? await readMergeFacts(services.github, config, pull) : undefined;

  const observed: Observation[] = [ok('github')];
  let builds: PromotionData['builds'];
  try {
    // Travis files a PR build under the PR number, but its commit is the test merge: only the head's own check
    // run (its external id) says which build tested this head. A build of an older head says nothing about it.
    const buildId = head ? travisBuildOf(head.signals, 'pull_request') : undefined;
    const [pushBuilds, prBuild] = await Promise.all([deploy, buildId === undefined ? Promise.resolve(null) : services.travis.getBuild(buildId)]);
    builds = { prBuild, deployBuild: pushBuilds[0] ?? null, usualJobMs: usualJobDurations([...pushBuilds, ...(prBuild ? [prBuild] : [])]) };
    observed.push(ok('travis'));
  } catch (error) {
    observed.push(observeError(error, 'travis'));
  }
  return { data: { pull, builds, ...(reviews ? { reviews } : {}), ...(head ? { head: { ci: head.ci, commit: head.commit } } : {}), ...(merge ? { merge } : {}) }, observed };
}

/** The head's check runs and statuses judged by what gates into `base`, and who pushed it. */
async function readHead(services: Pick<Services, 'github'>, config: Config, pull: PullRequest, base: string) {
  const { github } = services;
  const [signals, rules, commit] = await Promise.all([github.getCiSignals(pull.headSha), pull.merged ? Promise.resolve(undefined) : github.requiredChecks(base), github.getCommit(pull.headSha)]);
  return { signals, commit, ci: judgeHead(signals, pullRequestGate(rules, config.ci.required, base)) };
}
