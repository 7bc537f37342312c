import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGitHubService } from '../../src/services/github.js';
import { commitShape, parse, toCommit } from '../../src/services/github-map.js';
import { useSim } from '../helpers/sim.js';
import { hits, sourceErrorOf } from './services-support.js';

// Answers the real GitHub gives that a kind simulator did not: a directory where a file was asked for, a next
// page named by another host (an alias or tunnel in front of GitHub Enterprise), a commit without an author.

const sim = useSim({ scenario: 'weekly', seed: 12 });
const github = (baseUrl: string, pageSize?: number) => createGitHubService({ baseUrl, repo: sim().config.service.repo, token: 'sim-dana-w', timeoutMs: 5_000, ...(pageSize ? { pageSize } : {}) });

describe('GitHub answers a kind simulator would not give', () => {
  it('says "is a directory" when contents/{path} is one (GitHub lists its entries)', async () => {
    sim().world.rules.directoryListings = true;
    try {
      // A `file:` in the config that names a directory gets this answer.
      const { error } = await sourceErrorOf(() => github(sim().config.github.api_url).getFile('docs', 'master'));
      expect(error.message).toContain('GitHub: docs at master is a directory, not a file');
      // A file still reads as one with the rule on.
      await expect(github(sim().config.github.api_url).getFile('Gopkg.lock', 'master')).resolves.toContain('[[projects]]');
    } finally {
      sim().world.rules.directoryListings = false;
    }
  });

  it('follows a next page named by another host for the same API, asking its own api_url', async () => {
    // The world names pages by 127.0.0.1; the cockpit was told localhost: the alias case.
    const alias = sim().config.github.api_url.replace('127.0.0.1', 'localhost');
    const before = hits(sim(), 'GET /github/repos/:owner/:repo/commits');
    const commits = await github(alias, 10).listCommits('master', 25);
    expect(commits).toHaveLength(25);
    expect(new Set(commits.map((c) => c.sha)).size).toBe(25);
    expect(hits(sim(), 'GET /github/repos/:owner/:repo/commits') - before).toBe(3);
  });

  it('a commit whose author has no GitHub account (author: null, commit.author: null) reads as one', () => {
    const answer = { sha: 'abc1234', html_url: null, author: null, commit: { message: 'Fix it', author: null, committer: { name: 'GitHub', date: '2026-11-24T10:00:00Z' } } };
    expect(toCommit(parse(commitShape, answer, 'listing commits'))).toEqual({ sha: 'abc1234', message: 'Fix it', author: 'unknown', date: '2026-11-24T10:00:00Z' });
  });
});

describe('a next page outside the API', () => {
  let server: Server;
  let url = '';
  beforeAll(async () => {
    // A GitHub-like server whose Link points off its API path: the token must not follow it there.
    server = createServer((req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', link: '<http://127.0.0.2:9/elsewhere/repos/acme/service/commits?page=2>; rel="next"' });
      res.end(JSON.stringify([{ sha: 'abc1234', author: null, commit: { message: 'One', author: { name: 'A', date: '2026-11-24T10:00:00Z' }, committer: null } }]));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/api/v3`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('is not followed, and the list says why instead of stopping short without a word', async () => {
    const { error } = await sourceErrorOf(() => createGitHubService({ baseUrl: url, repo: 'acme/service', token: 'ghp_secret', timeoutMs: 5_000 }).listCommits('master', 50));
    expect(error.message).toContain(`the next page is at http://127.0.0.2:9/elsewhere/repos/acme/service/commits, outside ${url}; not followed, as the token goes only to api_url`);
    expect(error.message).not.toContain('ghp_secret');
  });
});
