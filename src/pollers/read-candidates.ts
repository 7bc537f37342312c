import type { Config } from '../config/schema.js';
import type { CiState } from '../domain/ci.js';
import { ciVerdict } from '../domain/ci-verdict.js';
import { candidateRows, type CandidateRow } from '../domain/candidate.js';
import type { Commit } from '../domain/commit.js';
import type { Services } from '../services/index.js';
import { ok, type Observed } from './observed.js';
import { promotionPair } from './read-environments.js';

export interface CandidateOptions {
  /**
   * Stop reading CI once the latest green commit is found, and return the rows up to it. `status` shows
   * only the head and the latest green, so it need not pay two requests for every other commit.
   */
  readonly untilLatestGreen?: boolean;
}

/**
 * Recent commits of the promotion source branch (staging), newest first, each with its CI verdict and the
 * latest green one flagged: the rows of the candidate list.
 */
export async function readCandidates(services: Pick<Services, 'github'>, config: Config, limit: number, options: CandidateOptions = {}): Promise<Observed<CandidateRow[]>> {
  const { github } = services;
  const commits = await github.listCommits(promotionPair(config).source.branch, limit);
  const verdict = async (c: Commit): Promise<[string, CiState]> => [c.sha, ciVerdict(await github.getCiSignals(c.sha))];
  if (!options.untilLatestGreen) {
    const ci = new Map(await Promise.all(commits.map(verdict)));
    return { data: candidateRows(commits, ci), observed: [ok('github')] };
  }
  // The head alone first (the usual answer, and a request the environments read shares), then batches that
  // double (1, 1, 2, 4, ...): few requests when green is near the head, few round trips when it is far.
  const ci = new Map<string, CiState>();
  let scanned = 0;
  while (scanned < commits.length) {
    const batch = commits.slice(scanned, scanned + Math.max(1, scanned));
    for (const [sha, state] of await Promise.all(batch.map(verdict))) ci.set(sha, state);
    scanned += batch.length;
    const green = commits.slice(0, scanned).findIndex((c) => ci.get(c.sha) === 'success');
    if (green !== -1) return { data: candidateRows(commits.slice(0, green + 1), ci), observed: [ok('github')] };
  }
  return { data: candidateRows(commits, ci), observed: [ok('github')] };
}
