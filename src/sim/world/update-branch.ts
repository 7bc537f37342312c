import type { CommitRecord } from './git.js';
import { branchMoved, mergedFiles } from './github-ops.js';
import { conflictingFiles } from './merge-state.js';
import type { PullRecord } from './pulls.js';
import { WorldError, type World } from './world.js';

/**
 * PUT /pulls/{n}/update-branch as GitHub does it: merges the base's head into the pull's head branch, so the head
 * moves (a synchronize: a new PR build). Refused, with GitHub's words, when `expectedHeadSha` is not the head, when
 * the two conflict, or when the pull is not open. Returns the new head.
 */
export function updateBranch(world: World, pull: PullRecord, expectedHeadSha: string | undefined, now: number, by: string): CommitRecord {
  if (pull.state !== 'open') throw new WorldError('validation', 'Pull request is not open');
  if (expectedHeadSha !== undefined && expectedHeadSha !== pull.headSha) throw new WorldError('sha_mismatch', 'expected head sha didn’t match current head ref.');
  const repo = world.git;
  const base = repo.head(pull.baseRef) as CommitRecord;
  const head = repo.commits.get(pull.headSha) as CommitRecord;
  if (conflictingFiles(repo, base.sha, head.sha).length > 0) throw new WorldError('merge_conflict', 'merge conflict between base and head');
  const merge = world.commit({
    parents: [head.sha, base.sha],
    message: `Merge branch '${pull.baseRef}' into ${pull.headRef}`,
    author: by,
    at: now,
    files: mergedFiles(head, base, repo.compare(head.sha, base.sha).mergeBase),
  });
  repo.branches.set(pull.headRef, merge.sha);
  branchMoved(world, pull.headRef, now, by);
  return merge;
}
