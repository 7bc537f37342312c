import type { components } from '@octokit/openapi-types';
import { iso } from '../clock.js';
import type { CommitRecord, GitRepo } from '../world/git.js';
import type { CommentRecord, Mergeability, PullRecord, ReviewRecord } from '../world/pulls.js';
import { nodeId, type GithubLinks } from './links.js';
import { repository, simpleUser } from './shapes-repo.js';

type S = components['schemas'];

function pullBase(l: GithubLinks, repo: GitRepo, p: PullRecord, pushedAt: number) {
  const api = `${l.api}/repos/${repo.fullName}`;
  const html = `${l.web}/${repo.fullName}/pull/${p.number}`;
  const user = simpleUser(l, p.user);
  const owner = simpleUser(l, repo.owner);
  const repoShape = repository(l, repo, pushedAt);
  const link = (href: string): S['link'] => ({ href });
  return {
    url: `${api}/pulls/${p.number}`,
    id: p.number * 1009,
    node_id: nodeId('PullRequest', p.number),
    html_url: html,
    diff_url: `${html}.diff`,
    patch_url: `${html}.patch`,
    issue_url: `${api}/issues/${p.number}`,
    commits_url: `${api}/pulls/${p.number}/commits`,
    review_comments_url: `${api}/pulls/${p.number}/comments`,
    review_comment_url: `${api}/pulls/comments{/number}`,
    comments_url: `${api}/issues/${p.number}/comments`,
    statuses_url: `${api}/statuses/${p.headSha}`,
    number: p.number,
    state: p.state,
    locked: false,
    title: p.title,
    user,
    body: p.body,
    labels: [],
    milestone: null,
    created_at: iso(p.createdAt),
    updated_at: iso(p.updatedAt),
    closed_at: p.closedAt !== undefined ? iso(p.closedAt) : null,
    merged_at: p.mergedAt !== undefined ? iso(p.mergedAt) : null,
    merge_commit_sha: p.mergeCommitSha,
    assignee: null,
    assignees: [],
    requested_reviewers: [],
    requested_teams: [],
    head: { label: `${repo.owner}:${p.headRef}`, ref: p.headRef, repo: repoShape, sha: p.headSha, user: owner },
    base: { label: `${repo.owner}:${p.baseRef}`, ref: p.baseRef, repo: repoShape, sha: p.baseSha, user: owner },
    _links: {
      comments: link(`${api}/issues/${p.number}/comments`),
      commits: link(`${api}/pulls/${p.number}/commits`),
      statuses: link(`${api}/statuses/${p.headSha}`),
      html: link(html),
      issue: link(`${api}/issues/${p.number}`),
      review_comments: link(`${api}/pulls/${p.number}/comments`),
      review_comment: link(`${api}/pulls/comments{/number}`),
      self: link(`${api}/pulls/${p.number}`),
    },
    author_association: 'MEMBER' as const,
    auto_merge: null,
    draft: p.draft,
  };
}

export function pullRequestSimple(l: GithubLinks, repo: GitRepo, p: PullRecord, pushedAt: number): S['pull-request-simple'] {
  return pullBase(l, repo, p, pushedAt) satisfies S['pull-request-simple'];
}

export function pullRequest(l: GithubLinks, repo: GitRepo, p: PullRecord, readiness: Mergeability, ahead: readonly CommitRecord[], comments: number, pushedAt: number): S['pull-request'] {
  const changes = ahead.flatMap((c) => c.changes);
  return {
    ...pullBase(l, repo, p, pushedAt),
    merged: p.merged,
    mergeable: readiness.mergeable,
    rebaseable: readiness.mergeable,
    mergeable_state: readiness.state,
    merged_by: p.mergedBy ? simpleUser(l, p.mergedBy) : null,
    comments,
    review_comments: 0,
    maintainer_can_modify: false,
    commits: ahead.length,
    additions: changes.reduce((n, c) => n + c.additions, 0),
    deletions: changes.reduce((n, c) => n + c.deletions, 0),
    changed_files: new Set(changes.map((c) => c.filename)).size,
  } satisfies S['pull-request'];
}

export function review(l: GithubLinks, repo: GitRepo, p: PullRecord, r: ReviewRecord): S['pull-request-review'] {
  const html = `${l.web}/${repo.fullName}/pull/${p.number}#pullrequestreview-${r.id}`;
  const pullUrl = `${l.api}/repos/${repo.fullName}/pulls/${p.number}`;
  return {
    id: r.id,
    node_id: nodeId('PullRequestReview', r.id),
    user: simpleUser(l, r.user),
    body: r.body,
    state: r.state,
    html_url: html,
    pull_request_url: pullUrl,
    _links: { html: { href: html }, pull_request: { href: pullUrl } },
    submitted_at: iso(r.submittedAt),
    commit_id: r.commitId,
    author_association: 'MEMBER',
  } satisfies S['pull-request-review'];
}

export function issueComment(l: GithubLinks, repo: GitRepo, c: CommentRecord): S['issue-comment'] {
  return {
    id: c.id,
    node_id: nodeId('IssueComment', c.id),
    url: `${l.api}/repos/${repo.fullName}/issues/comments/${c.id}`,
    body: c.body,
    html_url: `${l.web}/${repo.fullName}/issues/${c.issue}#issuecomment-${c.id}`,
    user: simpleUser(l, c.user),
    created_at: iso(c.createdAt),
    updated_at: iso(c.updatedAt),
    issue_url: `${l.api}/repos/${repo.fullName}/issues/${c.issue}`,
    author_association: 'MEMBER',
  } satisfies S['issue-comment'];
}
