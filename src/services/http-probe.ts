import got from 'got';
import type { SiteReport } from '../domain/environment.js';
import { classify } from './errors.js';
import { gotProxyHooks } from './proxy.js';
import { GET_RETRY } from './travis-client.js';

export interface HttpProbeOptions {
  /** Per attempt (default 3 s): a site that slow counts as down. */
  readonly timeoutMs?: number;
  readonly userAgent?: string;
}

export interface VersionFormat {
  /** `json`: read `field` (a dotted path) from a JSON body; `text`: the whole trimmed body. */
  readonly format: 'json' | 'text';
  readonly field: string;
}

export interface HealthReport {
  readonly healthy: boolean;
  readonly detail?: string;
}

export interface HttpProbe {
  /** What an environment site or PPC says it runs. Never throws: a site being down is data. */
  readVersion(url: string, format: VersionFormat): Promise<SiteReport>;
  /** Healthy means a 2xx answer. Never throws. */
  checkHealth(url: string): Promise<HealthReport>;
}

export function createHttpProbe(options: HttpProbeOptions = {}): HttpProbe {
  const http = got.extend({
    headers: { 'user-agent': options.userAgent ?? 'release-cockpit' },
    responseType: 'text',
    hooks: gotProxyHooks(),
    throwHttpErrors: false,
    timeout: { request: options.timeoutMs ?? 3_000 },
    retry: { ...GET_RETRY, limit: 1, backoffLimit: 500 },
  });

  const fetchText = async (url: string): Promise<{ ok: true; status: number; body: string } | { ok: false; detail: string }> => {
    try {
      const res = await http.get(url);
      return { ok: true, status: res.statusCode, body: res.body };
    } catch (err) {
      return { ok: false, detail: classify(err).why };
    }
  };

  return {
    async readVersion(url, format) {
      const res = await fetchText(url);
      if (!res.ok) return down(res.detail);
      if (res.status < 200 || res.status >= 300) return down(`HTTP ${res.status}${brief(res.body)}`);
      if (format.format === 'text') {
        const version = res.body.trim();
        return version ? { version, healthy: true } : down('the answer was empty');
      }
      let body: unknown;
      try {
        body = JSON.parse(res.body);
      } catch {
        return down('the answer was not JSON');
      }
      const value = readPath(body, format.field);
      if (typeof value === 'string' && value.trim()) return { version: value.trim(), healthy: true };
      if (typeof value === 'number') return { version: String(value), healthy: true };
      return down(`no "${format.field}" in the answer`);
    },

    async checkHealth(url) {
      const res = await fetchText(url);
      if (!res.ok) return { healthy: false, detail: res.detail };
      if (res.status >= 200 && res.status < 300) return { healthy: true };
      return { healthy: false, detail: `HTTP ${res.status}${brief(res.body)}` };
    },
  };
}

const down = (detail: string): SiteReport => ({ version: undefined, healthy: false, detail });

/** A dotted path into parsed JSON ("build.version"); undefined when any step is missing. */
export function readPath(value: unknown, path: string): unknown {
  let at: unknown = value;
  for (const key of path.split('.')) {
    if (at === null || typeof at !== 'object') return undefined;
    at = (at as Record<string, unknown>)[key];
  }
  return at;
}

function brief(body: string): string {
  const line = body.trim().split('\n')[0]?.slice(0, 80) ?? '';
  return line ? `: ${line}` : '';
}
