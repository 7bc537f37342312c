import type { CommitRecord, GitRepo } from './git.js';
import type { WorldRules } from './rules.js';

export type MergeMethod = 'merge' | 'squash' | 'rebase';

/** What GET /repos/{owner}/{repo} says of merge methods: allow_merge_commit, allow_squash_merge, allow_rebase_merge. */
export interface MergeMethods {
  readonly merge: boolean;
  readonly squash: boolean;
  readonly rebase: boolean;
}

/** The kind world allows what it always said it did (merge commits and squash); `squashOnly` allows squash alone. */
export function allowedMergeMethods(rules: WorldRules): MergeMethods {
  return rules.squashOnly ? { merge: false, squash: true, rebase: false } : { merge: true, squash: true, rebase: false };
}

/** GitHub's 405 for a merge_method the repository forbids, in its words. */
export function forbiddenMethodMessage(method: MergeMethod): string {
  return method === 'merge' ? 'Merge commits are not allowed on this repository.' : method === 'squash' ? 'Squash merges are not allowed on this repository.' : 'Rebase merges are not allowed on this repository.';
}

/**
 * The tracked files a three-way merge of `headSha` into `baseSha` cannot resolve: changed on both sides since
 * their merge base, and differently. Only files whose content the sim keeps (Gopkg.lock, .travis.yml, ...) can
 * conflict; a commit's other `changes` are names without content, and real git merges two edits of a file it
 * cannot see no better than the sim can guess them.
 */
export function conflictingFiles(git: GitRepo, baseSha: string, headSha: string): string[] {
  const base = git.commits.get(baseSha);
  const head = git.commits.get(headSha);
  if (!base || !head) return [];
  const ancestor: CommitRecord | undefined = git.compare(baseSha, headSha).mergeBase;
  const paths = new Set([...base.files.keys(), ...head.files.keys()]);
  return [...paths].filter((path) => {
    const was = ancestor?.files.get(path);
    const ours = base.files.get(path);
    const theirs = head.files.get(path);
    return ours !== was && theirs !== was && ours !== theirs;
  }).sort();
}

/** How many commits of the base the head lacks (GitHub's `behind_by` of base...head). */
export function commitsBehind(git: GitRepo, baseSha: string, headSha: string): number {
  return git.compare(baseSha, headSha).behindBy;
}
