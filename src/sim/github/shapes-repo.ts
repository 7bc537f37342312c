import type { components } from '@octokit/openapi-types';
import { iso } from '../clock.js';
import type { MergeMethods } from '../world/merge-state.js';
import type { GitRepo } from '../world/git.js';
import { idOf, nodeId, type GithubLinks } from './links.js';

type S = components['schemas'];

export function simpleUser(l: GithubLinks, login: string): S['simple-user'] {
  const id = idOf(login);
  const bot = login.endsWith('[bot]') || login === 'web-flow';
  const api = `${l.api}/users/${encodeURIComponent(login)}`;
  return {
    login,
    id,
    node_id: nodeId(bot ? 'Bot' : 'User', id),
    avatar_url: `https://avatars.githubusercontent.com/u/${id}?v=4`,
    gravatar_id: '',
    url: api,
    html_url: `${l.web}/${encodeURIComponent(login)}`,
    followers_url: `${api}/followers`,
    following_url: `${api}/following{/other_user}`,
    gists_url: `${api}/gists{/gist_id}`,
    starred_url: `${api}/starred{/owner}{/repo}`,
    subscriptions_url: `${api}/subscriptions`,
    organizations_url: `${api}/orgs`,
    repos_url: `${api}/repos`,
    events_url: `${api}/events{/privacy}`,
    received_events_url: `${api}/received_events`,
    type: bot ? 'Bot' : 'User',
    site_admin: false,
  } satisfies S['simple-user'];
}

function repoUrls(l: GithubLinks, repo: GitRepo) {
  const api = `${l.api}/repos/${repo.fullName}`;
  return {
    html_url: `${l.web}/${repo.fullName}`,
    url: api,
    archive_url: `${api}/{archive_format}{/ref}`,
    assignees_url: `${api}/assignees{/user}`,
    blobs_url: `${api}/git/blobs{/sha}`,
    branches_url: `${api}/branches{/branch}`,
    collaborators_url: `${api}/collaborators{/collaborator}`,
    comments_url: `${api}/comments{/number}`,
    commits_url: `${api}/commits{/sha}`,
    compare_url: `${api}/compare/{base}...{head}`,
    contents_url: `${api}/contents/{+path}`,
    contributors_url: `${api}/contributors`,
    deployments_url: `${api}/deployments`,
    downloads_url: `${api}/downloads`,
    events_url: `${api}/events`,
    forks_url: `${api}/forks`,
    git_commits_url: `${api}/git/commits{/sha}`,
    git_refs_url: `${api}/git/refs{/sha}`,
    git_tags_url: `${api}/git/tags{/sha}`,
    issue_comment_url: `${api}/issues/comments{/number}`,
    issue_events_url: `${api}/issues/events{/number}`,
    issues_url: `${api}/issues{/number}`,
    keys_url: `${api}/keys{/key_id}`,
    labels_url: `${api}/labels{/name}`,
    languages_url: `${api}/languages`,
    merges_url: `${api}/merges`,
    milestones_url: `${api}/milestones{/number}`,
    notifications_url: `${api}/notifications{?since,all,participating}`,
    pulls_url: `${api}/pulls{/number}`,
    releases_url: `${api}/releases{/id}`,
    stargazers_url: `${api}/stargazers`,
    statuses_url: `${api}/statuses/{sha}`,
    subscribers_url: `${api}/subscribers`,
    subscription_url: `${api}/subscription`,
    tags_url: `${api}/tags`,
    teams_url: `${api}/teams`,
    trees_url: `${api}/git/trees{/sha}`,
    hooks_url: `${api}/hooks`,
  };
}

export function minimalRepository(l: GithubLinks, repo: GitRepo): S['minimal-repository'] {
  const id = idOf(repo.fullName);
  return {
    id,
    node_id: nodeId('Repository', id),
    name: repo.name,
    full_name: repo.fullName,
    owner: simpleUser(l, repo.owner),
    private: true,
    description: 'The Acme web front end and API back end',
    fork: false,
    ...repoUrls(l, repo),
  } satisfies S['minimal-repository'];
}

/** `methods`: which merge methods the repository allows (see world/merge-state.ts). */
export function repository(l: GithubLinks, repo: GitRepo, pushedAt: number, methods: MergeMethods = { merge: true, squash: true, rebase: false }): S['repository'] {
  const id = idOf(repo.fullName);
  return {
    ...minimalRepository(l, repo),
    id,
    license: null,
    forks: 0,
    permissions: { admin: false, maintain: true, push: true, triage: true, pull: true },
    git_url: `git://github.com/${repo.fullName}.git`,
    ssh_url: `git@github.com:${repo.fullName}.git`,
    clone_url: `https://github.com/${repo.fullName}.git`,
    svn_url: `https://github.com/${repo.fullName}`,
    mirror_url: null,
    homepage: null,
    language: 'Go',
    forks_count: 0,
    stargazers_count: 12,
    watchers_count: 12,
    size: 48_213,
    default_branch: repo.defaultBranch,
    open_issues_count: 0,
    has_issues: true,
    has_projects: false,
    has_wiki: false,
    has_pages: false,
    has_downloads: true,
    archived: false,
    disabled: false,
    visibility: 'private',
    pushed_at: iso(pushedAt),
    created_at: '2016-03-02T09:14:51Z',
    updated_at: iso(pushedAt),
    allow_merge_commit: methods.merge,
    allow_squash_merge: methods.squash,
    allow_rebase_merge: methods.rebase,
    open_issues: 0,
    watchers: 12,
  } satisfies S['repository'];
}
