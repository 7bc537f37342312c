import { matchesIfNoneMatch, strongEtag } from '../etag.js';
import type { SimRequest, SimResponse } from '../http.js';
import type { Router } from '../router.js';
import { checkRoutes } from './routes-checks.js';
import type { GithubContext } from './context.js';
import { gitRoutes } from './routes-git.js';
import { issueRoutes } from './routes-issues.js';
import { pullRoutes } from './routes-pulls.js';
import { repoRoutes } from './routes-repo.js';
import { rulesRoutes } from './routes-rules.js';
import type { RateLimit } from './rate-limit.js';

export function githubRoutes(router: Router, ctx: GithubContext): void {
  repoRoutes(router, ctx);
  // Before gitRoutes: its branches/* would take .../branches/{b}/protection/... for a branch name.
  rulesRoutes(router, ctx);
  gitRoutes(router, ctx);
  checkRoutes(router, ctx);
  pullRoutes(router, ctx);
  issueRoutes(router, ctx);
  repoRoutes(router, ctx);
}

/**
 * GitHub's envelope around every answer: JSON serialised, a strong ETag on a GET 200 (varying with Accept, as
 * GitHub's do), 304 without a body when If-None-Match matches (which spends no rate limit), and the rate-limit
 * headers on everything.
 */
export function githubEnvelope(req: SimRequest, res: SimResponse, rate: RateLimit, onNotModified: () => void): SimResponse {
  const isJson = res.json !== undefined;
  const body = isJson ? JSON.stringify(res.json) : res.text;
  const contentType = isJson ? 'application/json; charset=utf-8' : (res.contentType ?? 'text/plain; charset=utf-8');
  const common = {
    'cache-control': req.method === 'GET' ? 'private, max-age=60, s-maxage=60' : 'private, max-age=0, no-cache',
    vary: 'Accept, Authorization, Cookie, X-GitHub-OTP, Accept-Encoding',
    'x-github-media-type': /raw/.test(req.headers.accept ?? '') ? 'github.v3; param=raw' : 'github.v3; format=json',
    'x-github-api-version-selected': '2022-11-28',
    'x-github-request-id': `SIM:${req.now.toString(16).toUpperCase()}`,
  };
  if (req.method === 'GET' && res.status === 200 && body !== undefined) {
    const etag = strongEtag(body, req.headers.accept ?? '');
    if (matchesIfNoneMatch(header(req, 'if-none-match'), etag)) {
      onNotModified();
      return { status: 304, headers: { ...common, ...rate.headers(), etag } };
    }
    rate.spend();
    return { status: 200, text: body, contentType, headers: { ...common, ...rate.headers(), etag, ...res.headers } };
  }
  rate.spend();
  return { status: res.status, ...(body !== undefined ? { text: body, contentType } : {}), headers: { ...common, ...rate.headers(), ...res.headers } };
}

function header(req: SimRequest, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v.join(', ') : v;
}
