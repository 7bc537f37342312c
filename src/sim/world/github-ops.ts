import type { CommitRecord } from './git.js';
import { allowedMergeMethods, forbiddenMethodMessage, type MergeMethod } from './merge-state.js';
import type { PullRecord } from './pulls.js';
import { pinsOf, serviceJobs, sdkVersionIn } from './service-jobs.js';
import { buildView } from './ci.js';
import { DELAYS, LIVE_TIMING, buildDelays } from './timings.js';
import { WorldError, type World } from './world.js';

/** Starts the Travis build GitHub's push of `commit` to `branch` triggers, if .travis.yml builds that branch. */
export function startPushBuild(world: World, branch: string, commit: CommitRecord, at: number, by: string): void {
  if (!world.ciBranches.has(branch)) return;
  world.createBuild({
    repo: world.service,
    event: 'push',
    branch,
    commit: { sha: commit.sha, ref: `refs/heads/${branch}`, message: commit.message, committedAt: commit.committedAt },
    headSha: commit.sha,
    createdAt: at,
    createdBy: by,
    reporting: 'checks',
    jobs: serviceJobs('push', branch, sdkVersionIn(commit.files, world.team), world.takeScripted('push', branch), pinsOf(world.team)),
    timing: LIVE_TIMING,
  });
}

/** Starts the pull_request build for a pull's current head (on open and on every synchronize). */
export function startPullBuild(world: World, pull: PullRecord, at: number): void {
  if (!world.ciBranches.has(pull.baseRef)) return;
  const head = world.git.commits.get(pull.headSha);
  if (!head) return;
  pull.mergeCommitSha = world.random.hex(40);
  world.createBuild({
    repo: world.service,
    event: 'pull_request',
    branch: pull.baseRef,
    // Travis builds the test merge commit; GitHub's check run goes on the PR head.
    commit: { sha: pull.mergeCommitSha, ref: `refs/pull/${pull.number}/merge`, message: head.message, committedAt: head.committedAt },
    headSha: pull.headSha,
    pullRequest: { number: pull.number, title: pull.title },
    createdAt: at,
    createdBy: pull.user,
    reporting: 'checks',
    jobs: serviceJobs('pull_request', pull.baseRef, sdkVersionIn(head.files, world.team), world.takeScripted('pull_request', pull.baseRef), pinsOf(world.team)),
    timing: LIVE_TIMING,
  });
}

/** What follows a branch moving: its push build, a synchronize of pulls from it, recomputed mergeability into it. */
export function branchMoved(world: World, branch: string, now: number, by: string): void {
  const head = world.git.head(branch);
  if (!head) return;
  startPushBuild(world, branch, head, now + buildDelays(world.rules.buildsCreatedLate).pushBuildMs, by);
  for (const pull of world.pulls.values()) {
    if (pull.state !== 'open') continue;
    if (pull.headRef === branch && pull.headSha !== head.sha) {
      pull.headSha = head.sha;
      pull.updatedAt = now;
      pull.mergeableAt = now + DELAYS.mergeableMs;
      startPullBuild(world, pull, now + buildDelays(world.rules.buildsCreatedLate).prBuildMs);
    }
    if (pull.baseRef === branch) {
      pull.baseSha = head.sha;
      pull.mergeableAt = now + DELAYS.mergeableMs;
    }
  }
}

export interface OpenPullInput {
  readonly title: string;
  readonly head: string;
  readonly base: string;
  readonly body?: string | null;
  readonly draft?: boolean;
  readonly user: string;
}

export function openPull(world: World, input: OpenPullInput, now: number): PullRecord {
  const repo = world.git;
  const [owner, branch] = input.head.includes(':') ? (input.head.split(':', 2) as [string, string]) : [repo.owner, input.head];
  if (owner.toLowerCase() !== repo.owner.toLowerCase() || !repo.branches.has(branch)) throw new WorldError('validation', 'invalid', 'head');
  if (!repo.branches.has(input.base)) throw new WorldError('validation', 'invalid', 'base');
  if (!input.title) throw new WorldError('validation', 'missing_field', 'title');
  const existing = [...world.pulls.values()].find((p) => p.state === 'open' && p.headRef === branch && p.baseRef === input.base);
  if (existing) throw new WorldError('pr_exists', `A pull request already exists for ${repo.owner}:${branch}.`);
  const headSha = repo.branches.get(branch) as string;
  const baseSha = repo.branches.get(input.base) as string;
  if (repo.compare(baseSha, headSha).ahead.length === 0) throw new WorldError('no_commits', `No commits between ${input.base} and ${branch}`);
  const pull: PullRecord = {
    number: world.nextPullNumber,
    title: input.title,
    body: input.body ?? null,
    user: input.user,
    headRef: branch,
    baseRef: input.base,
    headSha,
    baseSha,
    draft: input.draft ?? false,
    createdAt: now,
    updatedAt: now,
    state: 'open',
    merged: false,
    mergeCommitSha: world.random.hex(40),
    mergeableAt: now + DELAYS.mergeableMs,
    reviews: [],
  };
  world.nextPullNumber += 1;
  world.pulls.set(pull.number, pull);
  startPullBuild(world, pull, now + buildDelays(world.rules.buildsCreatedLate).prBuildMs);
  latePush(world, pull);
  return pull;
}

/** How long after a pull request's CI passed the late push comes (rule latePush). */
export const LATE_PUSH_MS = 5_000;

/** Rule latePush: someone pushes to the pull request's branch once its CI has passed, as people do. */
function latePush(world: World, pull: PullRecord): void {
  const passedAt = (now: number): number | undefined => {
    const build = world.pullBuild(pull, now);
    const view = build ? buildView(build, now) : undefined;
    return view?.state === 'passed' ? (view.finishedAt ?? undefined) : undefined;
  };
  world.due.push({
    at: (now) => {
      if (pull.state !== 'open') return true;
      const at = passedAt(now);
      return world.rules.latePush && at !== undefined && now >= at + LATE_PUSH_MS;
    },
    run: (now) => {
      if (pull.state === 'open') pushCommit(world, pull.headRef, 'Tweak the invoice rounding', 'priya-n', now);
    },
  });
}

/** Someone pushes one commit to `branch`: its open pull requests get the new head and a new PR build. */
export function pushCommit(world: World, branch: string, message: string, by: string, now: number, edits?: Readonly<Record<string, string>>): CommitRecord | undefined {
  const head = world.git.head(branch);
  if (!head) return undefined;
  // Changed tracked files: with rule mergeConflicts, a pull whose other side changed them too is "dirty".
  const files = edits ? new Map([...head.files, ...Object.entries(edits)]) : undefined;
  const changes = edits ? Object.keys(edits).map((filename) => ({ filename, status: 'modified' as const, additions: 1, deletions: 1 })) : undefined;
  const commit = world.commit({ parents: [head.sha], message, author: by, at: now, ...(files ? { files } : {}), ...(changes ? { changes } : {}) });
  world.git.branches.set(branch, commit.sha);
  branchMoved(world, branch, now, by);
  return commit;
}

export interface MergeInput {
  readonly sha?: string;
  readonly method?: string;
  readonly commitTitle?: string;
  readonly commitMessage?: string;
  readonly user: string;
}

/** Merges like GitHub: 409 when `sha` is not the head, 405 when not mergeable; moves the base branch. */
export function mergePull(world: World, pull: PullRecord, input: MergeInput, now: number): CommitRecord {
  if (pull.state !== 'open') throw new WorldError('not_mergeable', 'Pull Request is not mergeable');
  if (input.sha !== undefined && input.sha !== pull.headSha) throw new WorldError('sha_mismatch', 'Head branch was modified. Review and try the merge again.');
  const method = (input.method ?? 'merge') as MergeMethod;
  // The kind world never enforced its methods; squashOnly does, as GitHub does.
  if (world.rules.squashOnly && !allowedMergeMethods(world.rules)[method]) throw new WorldError('not_mergeable', forbiddenMethodMessage(method));
  const readiness = world.mergeability({ ...pull, mergeableAt: 0 }, now);
  if (readiness.state !== 'clean' && readiness.state !== 'unstable') throw new WorldError(readiness.refusal === 409 ? 'out_of_date' : 'not_mergeable', readiness.reason ?? 'Pull Request is not mergeable');
  const repo = world.git;
  const baseHead = repo.head(pull.baseRef) as CommitRecord;
  const head = repo.commits.get(pull.headSha) as CommitRecord;
  const comparison = repo.compare(baseHead.sha, head.sha);
  const files = mergedFiles(baseHead, head, comparison.mergeBase);
  let result: CommitRecord;
  if (method === 'squash') {
    const message = `${input.commitTitle ?? `${pull.title} (#${pull.number})`}\n\n${input.commitMessage ?? comparison.ahead.map((c) => `* ${c.message.split('\n')[0]}`).join('\n')}`;
    result = world.commit({ parents: [baseHead.sha], message, author: input.user, at: now, files, changes: comparison.ahead.flatMap((c) => c.changes) });
  } else if (method === 'rebase') {
    result = baseHead;
    for (const c of comparison.ahead) result = world.commit({ parents: [result.sha], message: c.message, author: c.author.login, at: now, files: c.files, changes: c.changes });
  } else {
    const title = input.commitTitle ?? `Merge pull request #${pull.number} from ${repo.owner}/${pull.headRef}`;
    result = world.commit({ parents: [baseHead.sha, head.sha], message: `${title}\n\n${input.commitMessage ?? pull.title}`, author: input.user, at: now, files });
  }
  repo.branches.set(pull.baseRef, result.sha);
  Object.assign(pull, { state: 'closed', merged: true, mergedAt: now, mergedBy: input.user, closedAt: now, updatedAt: now, mergeCommitSha: result.sha });
  branchMoved(world, pull.baseRef, now, input.user);
  return result;
}

/** A three-way merge of the tracked files; a conflict was refused before (rule mergeConflicts), else head wins a tie. */
export function mergedFiles(base: CommitRecord, head: CommitRecord, mergeBase: CommitRecord | undefined): Map<string, string> {
  const out = new Map(base.files);
  for (const [path, content] of head.files) {
    const ancestor = mergeBase?.files.get(path);
    if (content !== ancestor || !out.has(path)) out.set(path, content);
  }
  return out;
}

export function createRef(world: World, ref: string, sha: string, now: number, by: string): CommitRecord {
  const match = /^refs\/heads\/(.+)$/.exec(ref);
  if (!match || match[1]?.includes('..') || ref.endsWith('/')) throw new WorldError('validation', 'Reference name is invalid', 'ref');
  const name = match[1] as string;
  if (world.git.branches.has(name)) throw new WorldError('ref_exists', 'Reference already exists');
  const commit = /^[0-9a-f]{40}$/i.test(sha) ? world.git.commits.get(sha.toLowerCase()) : undefined;
  if (!commit) throw new WorldError('bad_object', 'Object does not exist');
  world.git.branches.set(name, commit.sha);
  branchMoved(world, name, now, by);
  return commit;
}
