import type { IncomingHttpHeaders } from 'node:http';

/** Which outside system a request is addressed to; faults and stats are kept per target. */
export type Target = 'github' | 'travis' | 'sites' | 'ppcs' | 'web' | 'control';

/** What a route handler sees: the request already parsed, and the sim time it is answered at. */
export interface SimRequest {
  readonly method: string;
  /** The raw pathname, still percent-encoded. */
  readonly path: string;
  readonly params: Readonly<Record<string, string>>;
  readonly query: URLSearchParams;
  readonly headers: IncomingHttpHeaders;
  /** The parsed JSON body, or undefined when there was none. */
  readonly body: unknown;
  /** Sim epoch milliseconds, read once per request so one answer is consistent. */
  readonly now: number;
  /** `http://127.0.0.1:PORT`, for absolute URLs inside responses. */
  readonly baseUrl: string;
}

export interface SimResponse {
  readonly status: number;
  readonly json?: unknown;
  readonly text?: string;
  readonly contentType?: string;
  readonly headers?: Readonly<Record<string, string>>;
}

export type Handler = (req: SimRequest) => SimResponse | Promise<SimResponse>;

export const json = (status: number, body: unknown, headers?: Record<string, string>): SimResponse => ({ status, json: body, ...(headers ? { headers } : {}) });
export const text = (status: number, body: string, contentType = 'text/plain; charset=utf-8'): SimResponse => ({ status, text: body, contentType });
export const noContent = (status = 204): SimResponse => ({ status });

/** Reads a query parameter as a positive integer within bounds, or the fallback. */
export function intParam(query: URLSearchParams, name: string, fallback: number, max = Number.MAX_SAFE_INTEGER, min = 0): number {
  const raw = query.get(name);
  if (raw === null || raw.trim() === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n)) return fallback;
  return Math.min(max, Math.max(min, n));
}

/** A request body as a plain object, or an empty one (handlers validate fields themselves). */
export function bodyObject(body: unknown): Record<string, unknown> {
  return body !== null && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
}

export const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
