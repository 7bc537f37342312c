import type { Config } from '../config/schema.js';
import { chooseMergeMethod } from '../domain/merge-method.js';
import { notPassing, type MergeFacts } from '../domain/merge-readiness.js';
import type { PullRequest } from '../domain/pull.js';
import type { Services } from '../services/index.js';

/**
 * What the merge step needs beyond the pull request, for its current head: the merge method (the repository's
 * settings, a 304 once read), and per mergeable_state what GitHub does not say in it: the base's commits the head
 * lacks (`behind`), the files both sides changed (`dirty`), the checks not passing (`blocked`, `unstable`) and
 * the reviews (`blocked`). Only while the pull is open; a read that fails leaves that fact out.
 */
export async function readMergeFacts(github: Services['github'], config: Config, pull: PullRequest): Promise<MergeFacts | undefined> {
  if (pull.state !== 'open' || pull.merged) return undefined;
  const state = pull.mergeableState;
  const quietly = <T>(p: Promise<T>): Promise<T | undefined> => p.catch(() => undefined);
  const [methods, lacking, ours, signals, reviews] = await Promise.all([
    quietly(github.getMergeMethods()),
    // Three-dot compares from the merge base: head...base is what the base has that the head lacks.
    state === 'behind' || state === 'dirty' ? quietly(github.compare(pull.headSha, pull.baseRef)) : undefined,
    state === 'dirty' ? quietly(github.compare(pull.baseRef, pull.headSha)) : undefined,
    state === 'blocked' || state === 'unstable' ? quietly(github.getCiSignals(pull.headSha)) : undefined,
    state === 'blocked' ? quietly(github.listReviews(pull.number)) : undefined,
  ]);
  const theirs = new Set(lacking?.files ?? []);
  return {
    headSha: pull.headSha,
    method: chooseMergeMethod(config.merge.method, methods, config.service.repo),
    ...(lacking ? { missing: { behindBy: lacking.aheadBy, commits: lacking.commits } } : {}),
    ...(ours && lacking ? { bothChanged: [...new Set(ours.files ?? [])].filter((f) => theirs.has(f)).sort() } : {}),
    ...(signals ? { notPassing: notPassing(signals) } : {}),
    ...(reviews ? { reviews } : {}),
  };
}
