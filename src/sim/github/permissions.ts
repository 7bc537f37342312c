import type { SimResponse } from '../http.js';

/**
 * A fine-grained token that lacks a permission, as GitHub answers it: 403 "Resource not accessible by personal
 * access token" with `X-Accepted-GitHub-Permissions` naming what would have been enough (sets of permissions
 * separated by ";", any one set suffices). A token `sim-LOGIN+without-checks,statuses` acts as LOGIN and is
 * refused whatever needs Checks or Commit statuses; every other token holds every permission, so nothing changes
 * for the tokens existing tests use.
 */

type Level = 'read' | 'write';
/** Alternatives: any one inner list, all of its permissions held, lets the call through. */
type Accepted = readonly (readonly (readonly [string, Level])[])[];

const R = '/github/repos/:owner/:repo';
const read = (p: string): Accepted => [[[p, 'read']]];
const write = (p: string): Accepted => [[[p, 'write']]];

/** What each route of the demo world needs (GitHub's "permissions required for fine-grained tokens"). */
const NEEDS: Readonly<Record<string, Accepted>> = {
  [`GET ${R}/commits/:ref/check-runs`]: read('checks'),
  [`GET ${R}/commits/:ref/status`]: read('statuses'),
  [`GET ${R}/commits/:ref/statuses`]: read('statuses'),
  [`GET ${R}/git/ref/*`]: read('contents'),
  [`POST ${R}/git/refs`]: write('contents'),
  [`GET ${R}`]: read('metadata'),
  [`GET ${R}/branches`]: read('contents'),
  [`GET ${R}/branches/*`]: read('contents'),
  [`GET ${R}/commits`]: read('contents'),
  [`GET ${R}/commits/:ref`]: read('contents'),
  [`GET ${R}/compare/*`]: read('contents'),
  [`GET ${R}/contents/*`]: read('contents'),
  [`GET ${R}/issues/:number/comments`]: [[['issues', 'read']], [['pull_requests', 'read']]],
  [`POST ${R}/issues/:number/comments`]: [[['issues', 'write']], [['pull_requests', 'write']]],
  [`GET ${R}/issues/comments/:id`]: [[['issues', 'read']], [['pull_requests', 'read']]],
  [`PATCH ${R}/issues/comments/:id`]: [[['issues', 'write']], [['pull_requests', 'write']]],
  [`DELETE ${R}/issues/comments/:id`]: [[['issues', 'write']], [['pull_requests', 'write']]],
  [`GET ${R}/pulls`]: read('pull_requests'),
  [`POST ${R}/pulls`]: write('pull_requests'),
  [`GET ${R}/pulls/:number`]: read('pull_requests'),
  [`GET ${R}/pulls/:number/commits`]: read('pull_requests'),
  [`GET ${R}/pulls/:number/reviews`]: read('pull_requests'),
  [`GET ${R}/pulls/:number/merge`]: read('pull_requests'),
  [`PUT ${R}/pulls/:number/merge`]: [[['contents', 'write']]],
};

/** The permissions a token withholds, from its `+without-...` suffix. */
export function withheldPermissions(authorization: string | undefined): ReadonlySet<string> {
  const token = /^(?:token|bearer)\s+(\S+)$/i.exec(authorization ?? '')?.[1] ?? '';
  const list = /^sim-[A-Za-z0-9-]+\+without-([a-z_,]+)$/.exec(token)?.[1];
  return new Set(list ? list.split(',').filter(Boolean) : []);
}

/** GitHub's refusal when the token withholds every way to call `method pattern`; undefined when it may. */
export function permissionRefusal(method: string, pattern: string, authorization: string | undefined): SimResponse | undefined {
  const withheld = withheldPermissions(authorization);
  if (withheld.size === 0) return undefined;
  const accepted = NEEDS[`${method} ${pattern}`];
  if (!accepted || accepted.some((set) => set.every(([name]) => !withheld.has(name)))) return undefined;
  return {
    status: 403,
    json: { message: 'Resource not accessible by personal access token', documentation_url: 'https://docs.github.com/rest', status: '403' },
    headers: { 'x-accepted-github-permissions': accepted.map((set) => set.map(([name, level]) => `${name}=${level}`).join(',')).join('; ') },
  };
}
