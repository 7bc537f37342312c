import type { SimRequest, SimResponse } from '../http.js';
import type { StatsRecorder } from '../stats.js';
import type { GitRepo } from '../world/git.js';
import type { World } from '../world/world.js';
import { notFound } from './errors.js';
import { githubLinks, type GithubLinks } from './links.js';

export interface GithubContext {
  readonly world: World;
  readonly stats: StatsRecorder;
}

/** The repository a request names, or a GitHub 404 (GitHub matches owner and name case-insensitively). */
export function repoOf(ctx: GithubContext, req: SimRequest): GitRepo | SimResponse {
  const repo = ctx.world.git;
  const owner = req.params['owner'] ?? '';
  const name = req.params['repo'] ?? '';
  return owner.toLowerCase() === repo.owner && name.toLowerCase() === repo.name ? repo : notFound();
}

export const isResponse = (v: unknown): v is SimResponse => typeof v === 'object' && v !== null && 'status' in v && typeof (v as SimResponse).status === 'number';

export const links = (req: SimRequest): GithubLinks => githubLinks(req.baseUrl);

/**
 * Who is calling. The sim accepts any token; a token of the form `sim-LOGIN` acts as LOGIN (so two cockpits can be
 * told apart in tests), anything else acts as the on-call primary.
 */
export function viewerOf(ctx: GithubContext, req: SimRequest): string {
  const token = /^(?:token|bearer)\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
  // `sim-LOGIN+without-checks` also acts as LOGIN; permissions.ts refuses what it withholds.
  const named = token ? /^sim-([A-Za-z0-9-]+)(?:\+without-[a-z_,]+)?$/.exec(token)?.[1] : undefined;
  return named ?? ctx.world.viewer;
}

/** Pages an array the way GitHub does (per_page at most 100, default 30) with an RFC 8288 Link header. */
export function paginate<T>(req: SimRequest, items: readonly T[]): { readonly page: readonly T[]; readonly headers: Record<string, string> } {
  const perPage = clamp(req.query.get('per_page'), 30, 1, 100);
  const page = clamp(req.query.get('page'), 1, 1, Number.MAX_SAFE_INTEGER);
  const last = Math.max(1, Math.ceil(items.length / perPage));
  const url = (n: number): string => {
    const q = new URLSearchParams(req.query);
    q.set('per_page', String(perPage));
    q.set('page', String(n));
    return `<${req.baseUrl}${req.path}?${q.toString()}>`;
  };
  const rels: string[] = [];
  if (page > 1) rels.push(`${url(Math.min(page - 1, last))}; rel="prev"`);
  if (page < last) rels.push(`${url(page + 1)}; rel="next"`, `${url(last)}; rel="last"`);
  if (page > 1) rels.push(`${url(1)}; rel="first"`);
  return { page: items.slice((page - 1) * perPage, page * perPage), headers: rels.length > 0 ? { link: rels.join(', ') } : {} };
}

function clamp(raw: string | null, fallback: number, min: number, max: number): number {
  const n = raw === null ? NaN : Number(raw);
  return Number.isInteger(n) ? Math.min(max, Math.max(min, n)) : fallback;
}
