import type { components } from '@octokit/openapi-types';
import { iso } from '../clock.js';
import { blobSha } from '../world/files.js';
import type { CommitRecord, Comparison, FileChange, GitRepo } from '../world/git.js';
import { idOf, nodeId, type GithubLinks } from './links.js';
import { minimalRepository, simpleUser } from './shapes-repo.js';

type S = components['schemas'];

export function commit(l: GithubLinks, repo: GitRepo, c: CommitRecord): S['commit'] {
  const api = `${l.api}/repos/${repo.fullName}`;
  const web = `${l.web}/${repo.fullName}`;
  return {
    sha: c.sha,
    node_id: nodeId('Commit', c.sha),
    url: `${api}/commits/${c.sha}`,
    html_url: `${web}/commit/${c.sha}`,
    comments_url: `${api}/commits/${c.sha}/comments`,
    commit: {
      url: `${api}/git/commits/${c.sha}`,
      author: { name: c.author.name, email: c.author.email, date: iso(c.authoredAt) },
      committer: { name: c.committer.name, email: c.committer.email, date: iso(c.committedAt) },
      message: c.message,
      comment_count: 0,
      tree: { sha: c.treeSha, url: `${api}/git/trees/${c.treeSha}` },
      verification: { verified: c.parents.length > 1, reason: c.parents.length > 1 ? 'valid' : 'unsigned', signature: null, payload: null, verified_at: c.parents.length > 1 ? iso(c.committedAt) : null },
    },
    author: simpleUser(l, c.author.login),
    committer: simpleUser(l, c.committer.login),
    parents: c.parents.map((p) => ({ sha: p, url: `${api}/commits/${p}`, html_url: `${web}/commit/${p}` })),
  } satisfies S['commit'];
}

/** One commit with its stats and files, as GET /commits/{ref} answers. */
export function commitWithFiles(l: GithubLinks, repo: GitRepo, c: CommitRecord): S['commit'] {
  const files = diffEntries(l, repo, c.sha, c.changes);
  const additions = files.reduce((n, f) => n + f.additions, 0);
  const deletions = files.reduce((n, f) => n + f.deletions, 0);
  return { ...commit(l, repo, c), stats: { additions, deletions, total: additions + deletions }, files } satisfies S['commit'];
}

export function gitRef(l: GithubLinks, repo: GitRepo, branch: string, sha: string): S['git-ref'] {
  return {
    ref: `refs/heads/${branch}`,
    node_id: nodeId('Ref', `${repo.fullName}:refs/heads/${branch}`),
    url: `${l.api}/repos/${repo.fullName}/git/refs/heads/${branch}`,
    object: { type: 'commit', sha, url: `${l.api}/repos/${repo.fullName}/git/commits/${sha}` },
  } satisfies S['git-ref'];
}

export function branch(l: GithubLinks, repo: GitRepo, name: string, head: CommitRecord, isProtected: boolean): S['branch-with-protection'] {
  const api = `${l.api}/repos/${repo.fullName}/branches/${name}`;
  return {
    name,
    commit: commit(l, repo, head),
    _links: { html: `${l.web}/${repo.fullName}/tree/${name}`, self: api },
    protected: isProtected,
    protection: isProtected
      ? { enabled: true, required_status_checks: { enforcement_level: 'non_admins', contexts: ['Travis CI - Pull Request'], checks: [{ context: 'Travis CI - Pull Request', app_id: 67 }] } }
      : { enabled: false, required_status_checks: { enforcement_level: 'off', contexts: [], checks: [] } },
    protection_url: `${api}/protection`,
  } satisfies S['branch-with-protection'];
}

export function diffEntries(l: GithubLinks, repo: GitRepo, sha: string, changes: readonly FileChange[]): S['diff-entry'][] {
  const byName = new Map<string, FileChange>();
  for (const c of changes) {
    const prev = byName.get(c.filename);
    byName.set(c.filename, prev ? { ...c, additions: prev.additions + c.additions, deletions: prev.deletions + c.deletions } : c);
  }
  return [...byName.values()].slice(0, 300).map((c) => ({
    sha: blobSha(`${sha}:${c.filename}`),
    filename: c.filename,
    status: c.status,
    additions: c.additions,
    deletions: c.deletions,
    changes: c.additions + c.deletions,
    blob_url: `${l.web}/${repo.fullName}/blob/${sha}/${c.filename}`,
    raw_url: `${l.web}/${repo.fullName}/raw/${sha}/${c.filename}`,
    contents_url: `${l.api}/repos/${repo.fullName}/contents/${c.filename}?ref=${sha}`,
  }));
}

export function comparison(l: GithubLinks, repo: GitRepo, base: CommitRecord, head: CommitRecord, cmp: Comparison, basehead: string): S['commit-comparison'] {
  const api = `${l.api}/repos/${repo.fullName}`;
  const web = `${l.web}/${repo.fullName}`;
  return {
    url: `${api}/compare/${basehead}`,
    html_url: `${web}/compare/${basehead}`,
    permalink_url: `${web}/compare/${repo.owner}:${base.sha.slice(0, 7)}...${repo.owner}:${head.sha.slice(0, 7)}`,
    diff_url: `${web}/compare/${basehead}.diff`,
    patch_url: `${web}/compare/${basehead}.patch`,
    base_commit: commit(l, repo, base),
    merge_base_commit: commit(l, repo, cmp.mergeBase ?? base),
    status: cmp.status,
    ahead_by: cmp.ahead.length,
    behind_by: cmp.behindBy,
    total_commits: cmp.ahead.length,
    // GitHub lists at most 250 commits here, the newest last.
    commits: cmp.ahead.slice(-250).map((c) => commit(l, repo, c)),
    files: diffEntries(l, repo, head.sha, cmp.ahead.flatMap((c) => c.changes)),
  } satisfies S['commit-comparison'];
}

export function contentFile(l: GithubLinks, repo: GitRepo, path: string, ref: string, content: string): S['content-file'] {
  const sha = blobSha(content);
  const api = `${l.api}/repos/${repo.fullName}`;
  const self = `${api}/contents/${path}?ref=${encodeURIComponent(ref)}`;
  const html = `${l.web}/${repo.fullName}/blob/${ref}/${path}`;
  const git = `${api}/git/blobs/${sha}`;
  return {
    type: 'file',
    encoding: 'base64',
    size: Buffer.byteLength(content),
    name: path.split('/').at(-1) ?? path,
    path,
    // GitHub wraps base64 at 60 characters.
    content: `${(Buffer.from(content).toString('base64').match(/.{1,60}/g) ?? []).join('\n')}\n`,
    sha,
    url: self,
    git_url: git,
    html_url: html,
    download_url: `${l.web}/${repo.fullName}/raw/${ref}/${path}`,
    _links: { self, git, html },
  } satisfies S['content-file'];
}

/** GitHub's answer for a directory: one entry per file or subdirectory directly in it (no content). */
export function directoryEntries(l: GithubLinks, repo: GitRepo, paths: readonly string[], dir: string, ref: string): S['content-directory'] {
  const prefix = dir === '' ? '' : `${dir.replace(/\/+$/, '')}/`;
  const names = new Map<string, 'file' | 'dir'>();
  for (const p of paths) {
    if (!p.startsWith(prefix)) continue;
    const [name, ...rest] = p.slice(prefix.length).split('/');
    if (name) names.set(name, rest.length > 0 ? 'dir' : (names.get(name) ?? 'file'));
  }
  const api = `${l.api}/repos/${repo.fullName}`;
  return [...names].sort().map(([name, type]) => {
    const path = `${prefix}${name}`;
    const self = `${api}/contents/${path}?ref=${encodeURIComponent(ref)}`;
    const html = `${l.web}/${repo.fullName}/${type === 'dir' ? 'tree' : 'blob'}/${ref}/${path}`;
    return { type, name, path, sha: blobSha(path), size: 0, url: self, git_url: null, html_url: html, download_url: null, _links: { self, git: null, html } };
  });
}

export interface StatusInput {
  readonly id: number;
  readonly state: 'pending' | 'success' | 'failure' | 'error';
  readonly context: string;
  readonly description: string;
  readonly targetUrl: string;
  readonly createdAt: number;
  readonly updatedAt: number;
}

export function combinedStatus(l: GithubLinks, repo: GitRepo, sha: string, statuses: readonly StatusInput[]): S['combined-commit-status'] {
  // GitHub's rule: any failure or error wins, then no statuses or any pending means pending.
  const failing = statuses.some((s) => s.state === 'failure' || s.state === 'error');
  const pending = statuses.length === 0 || statuses.some((s) => s.state === 'pending');
  return {
    state: failing ? 'failure' : pending ? 'pending' : 'success',
    statuses: statuses.map((s) => ({
      id: s.id,
      node_id: nodeId('StatusContext', s.id),
      state: s.state,
      context: s.context,
      description: s.description,
      target_url: s.targetUrl,
      avatar_url: 'https://avatars.githubusercontent.com/oa/4808?v=4',
      url: `${l.api}/repos/${repo.fullName}/statuses/${sha}`,
      created_at: iso(s.createdAt),
      updated_at: iso(s.updatedAt),
    })),
    sha,
    total_count: statuses.length,
    repository: minimalRepository(l, repo),
    commit_url: `${l.api}/repos/${repo.fullName}/commits/${sha}`,
    url: `${l.api}/repos/${repo.fullName}/commits/${sha}/status`,
  } satisfies S['combined-commit-status'];
}

export const repoId = (repo: GitRepo): number => idOf(repo.fullName);
