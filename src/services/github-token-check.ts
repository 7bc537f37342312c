import { RequestError } from '@octokit/request-error';
import { SourceError } from '../domain/source.js';
import { createGitHubClient, type GitHubClient } from './github-client.js';
import { neededPermission } from './github-permissions.js';
import { toSourceError } from './errors.js';

/** What `GET /user` says of a token: whose it is, a classic token's scopes, and GitHub's clock. */
export interface TokenIdentity {
  readonly login: string;
  /** From X-OAuth-Scopes: present for classic tokens and OAuth apps, absent for fine-grained tokens and apps. */
  readonly scopes: readonly string[] | undefined;
  /** GitHub's Date header (epoch ms), to compare with this machine's clock. */
  readonly serverDate: number | undefined;
}

/** One read tried with the token: allowed, refused for a named permission, or failed for another reason. */
export type ReadProbe = { readonly state: 'ok'; readonly data: unknown } | { readonly state: 'refused'; readonly needs: string } | { readonly state: 'failed'; readonly error: SourceError };

export interface TokenChecker {
  identity(): Promise<TokenIdentity>;
  /** A GET of `route` in the service repository, judged only by whether the token may make it. */
  probe(route: string, params?: Record<string, string | number>): Promise<ReadProbe>;
}

/** The doctor's look at a GitHub token: raw answers and headers, which the cockpit's own reads keep to themselves. */
export function createTokenChecker(options: { readonly baseUrl: string; readonly repo: string; readonly token?: string | undefined; readonly timeoutMs?: number }): TokenChecker {
  const client: GitHubClient = createGitHubClient({ baseUrl: options.baseUrl, token: options.token, timeoutMs: options.timeoutMs ?? 8_000, userAgent: 'release-cockpit doctor' });
  const [owner = '', repo = ''] = options.repo.split('/');
  const secrets = [options.token];
  return {
    async identity() {
      try {
        const res = await client.octokit.request('GET /user');
        const login = (res.data as { login?: unknown }).login;
        const header = res.headers['x-oauth-scopes'];
        const date = Date.parse(String(res.headers.date ?? ''));
        return {
          login: typeof login === 'string' ? login : '(unnamed)',
          scopes: typeof header === 'string' ? header.split(',').map((s) => s.trim()).filter(Boolean) : undefined,
          serverDate: Number.isFinite(date) ? date : undefined,
        };
      } catch (error) {
        throw toSourceError(error, { source: 'github', doing: 'reading who the token belongs to', secrets });
      }
    },
    async probe(route, params = {}) {
      try {
        const res = await client.octokit.request(`GET ${route}`, { owner, repo, ...params });
        return { state: 'ok', data: res.data };
      } catch (error) {
        if (error instanceof RequestError && error.status === 403) {
          const needs = neededPermission(Object.fromEntries(Object.entries(error.response?.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v === undefined ? undefined : String(v)])));
          if (needs) return { state: 'refused', needs };
        }
        return { state: 'failed', error: toSourceError(error, { source: 'github', doing: `reading ${route}`, secrets }) };
      }
    },
  };
}
