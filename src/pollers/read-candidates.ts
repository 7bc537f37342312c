import type { Config } from '../config/schema.js';
import type { CiState } from '../domain/ci.js';
import { judgeHead, pushGate } from '../domain/required-checks.js';
import { candidateRows, type CandidateRow } from '../domain/candidate.js';
import type { Commit } from '../domain/commit.js';
import type { Services } from '../services/index.js';
import type { Comparison } from '../services/github.js';
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
 * The commits of a source branch listing (newest first) that the target lacks: a promotion of any other
 * one would change nothing. `lacking` is GitHub's compare of target...source head, whose commit list is
 * exactly that set unless GitHub cut it (at 250); then only the target's own head is known to be shared,
 * and the listing stops there.
 */
export function commitsTargetLacks(listed: readonly Commit[], targetHeadSha: string, lacking: Pick<Comparison, 'aheadBy' | 'commits'> | undefined): Commit[] {
  const isComplete = lacking !== undefined && lacking.commits.length >= lacking.aheadBy;
  const lacked = isComplete ? new Set(lacking.commits.map((c) => c.sha)) : undefined;
  const out: Commit[] = [];
  for (const commit of listed) {
    if (commit.sha === targetHeadSha) break;
    if (!lacked || lacked.has(commit.sha)) out.push(commit);
  }
  return out;
}

/**
 * Recent commits of the promotion source branch (staging) that the target (production) lacks, newest
 * first, each with its CI verdict and the latest green one flagged: the rows of the candidate list.
 * Empty when the target already has the source's head.
 */
export async function readCandidates(services: Pick<Services, 'github'>, config: Config, limit: number, options: CandidateOptions = {}): Promise<Observed<CandidateRow[]>> {
  const { github } = services;
  const { source, target } = promotionPair(config);
  const [listed, targetHead] = await Promise.all([github.listCommits(source.branch, limit), github.getHead(target.branch)]);
  const sourceHead = listed[0];
  // The same compare the environments read makes for the diff (status shares the one answer).
  const lacking = sourceHead && sourceHead.sha !== targetHead.sha ? await github.compare(targetHead.sha, sourceHead.sha) : undefined;
  const commits = commitsTargetLacks(listed, targetHead.sha, lacking);

  // Only the checks that gate count: a failing optional bot does not make a commit red, nor a green one green.
  const gate = pushGate(config.ci.required);
  const verdict = async (c: Commit): Promise<[string, CiState]> => [c.sha, judgeHead(await github.getCiSignals(c.sha), gate).state];
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
