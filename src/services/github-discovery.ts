import { RequestError } from '@octokit/request-error';
import { createGitHubClient } from './github-client.js';
import { toSourceError } from './errors.js';

/** What `cockpit init` reads of a repository, without opinions: those are domain/init-guess.ts's. */
export interface RepositoryFacts {
  readonly fullName: string;
  readonly defaultBranch: string;
  readonly branches: readonly string[];
  /** Text of a file at a branch; undefined when the branch does not have it. */
  file(path: string, branch: string): Promise<string | undefined>;
  /** Names of the apps that report check runs on a branch head (e.g. "Travis CI - Branch"). */
  checkNames(branch: string): Promise<string[]>;
}

export async function readRepository(options: { readonly baseUrl: string; readonly repo: string; readonly token?: string | undefined }): Promise<RepositoryFacts> {
  const client = createGitHubClient({ baseUrl: options.baseUrl, token: options.token, timeoutMs: 10_000, userAgent: 'release-cockpit init' });
  const [owner = '', repo = ''] = options.repo.split('/');
  const secrets = [options.token];
  const fail = (doing: string) => (error: unknown): never => {
    throw toSourceError(error, { source: 'github', doing, secrets });
  };
  const info = (await client.octokit.request('GET /repos/{owner}/{repo}', { owner, repo }).catch(fail(`reading ${options.repo}`))).data as { full_name?: string; default_branch?: string };
  const branches = await client.octokit
    .paginate('GET /repos/{owner}/{repo}/branches', { owner, repo, per_page: 100 })
    .then((list) => (list as { name: string }[]).map((b) => b.name))
    .catch(fail(`listing the branches of ${options.repo}`));
  return {
    fullName: info.full_name ?? options.repo,
    defaultBranch: info.default_branch ?? 'main',
    branches,
    async file(path, branch) {
      try {
        const res = await client.octokit.request('GET /repos/{owner}/{repo}/contents/{path}', { owner, repo, path, ref: branch });
        const data = res.data as { content?: string; encoding?: string };
        return data.encoding === 'base64' && typeof data.content === 'string' ? Buffer.from(data.content, 'base64').toString('utf8') : undefined;
      } catch (error) {
        if (error instanceof RequestError && error.status === 404) return undefined;
        return fail(`reading ${path} at ${branch}`)(error);
      }
    },
    async checkNames(branch) {
      try {
        const res = await client.octokit.request('GET /repos/{owner}/{repo}/commits/{ref}/check-runs', { owner, repo, ref: branch, per_page: 100 });
        return [...new Set((res.data as { check_runs: { name: string }[] }).check_runs.map((r) => r.name))];
      } catch {
        // Which CI reports is a comment in the file, not worth failing init over (a token without Checks: read).
        return [];
      }
    },
  };
}
