import type { Handler, Target } from './http.js';

/**
 * Routes are written like `/github/repos/:owner/:repo/git/ref/*`. Matching works on percent-encoded path
 * segments, each decoded on its own, so a Travis slug `acme%2Fservice` stays one segment while a GitHub ref
 * `heads%2Fstaging` (octokit encodes the slash) is caught whole by `*`.
 */
export interface Route {
  readonly method: string;
  readonly pattern: string;
  readonly handler: Handler;
}

export interface RouteMatch {
  readonly route: Route;
  readonly params: Record<string, string>;
}

interface Compiled {
  readonly route: Route;
  readonly parts: readonly string[];
}

export class Router {
  private readonly compiled: Compiled[] = [];

  add(method: string, pattern: string, handler: Handler): this {
    this.compiled.push({ route: { method, pattern, handler }, parts: pattern.split('/').slice(1) });
    return this;
  }

  /** The route for a method and raw path; `methodMismatch` is true when only the method was wrong. */
  match(method: string, rawPath: string): { match?: RouteMatch; methodMismatch: boolean } {
    const segments = rawPath.split('/').slice(1);
    let methodMismatch = false;
    for (const c of this.compiled) {
      const params = matchParts(c.parts, segments);
      if (!params) continue;
      if (c.route.method !== method) {
        methodMismatch = true;
        continue;
      }
      return { match: { route: c.route, params }, methodMismatch: false };
    }
    return { methodMismatch };
  }
}

function matchParts(parts: readonly string[], segments: readonly string[]): Record<string, string> | undefined {
  const params: Record<string, string> = {};
  for (let i = 0; i < parts.length; i += 1) {
    const part = parts[i] as string;
    if (part === '*') {
      const rest = segments.slice(i);
      if (rest.length === 0 || rest.every((s) => s === '')) return undefined;
      const decoded = rest.map(safeDecode);
      if (decoded.includes(undefined)) return undefined;
      params['*'] = decoded.join('/');
      return params;
    }
    const segment = segments[i];
    if (segment === undefined) return undefined;
    const value = safeDecode(segment);
    if (value === undefined) return undefined;
    if (part.startsWith(':')) {
      if (value === '') return undefined;
      params[part.slice(1)] = value;
    } else if (part !== value) return undefined;
  }
  return parts.length === segments.length ? params : undefined;
}

function safeDecode(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

/** The outside system a path belongs to, from its first segment. */
export function targetOf(rawPath: string): Target | undefined {
  const first = rawPath.split('/')[1];
  switch (first) {
    case 'github':
    case 'travis':
    case 'sites':
    case 'ppcs':
    case 'web':
      return first;
    case '_sim':
      return 'control';
    default:
      return undefined;
  }
}
