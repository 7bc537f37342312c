import { RequestError as OctokitRequestError } from '@octokit/request-error';
import { HTTPError, ParseError, RequestError as GotRequestError, TimeoutError as GotTimeoutError } from 'got';
import { SourceError, type SourceErrorKind, type SourceName } from '../domain/source.js';
import { neededPermission, NO_PERMISSION } from './github-permissions.js';

/** What a failed call was doing, for the message, plus the secrets that must never reach it. */
export interface ErrorContext {
  readonly source: SourceName;
  /** e.g. "reading branch staging"; starts lower-case, joined after the source's label. */
  readonly doing: string;
  readonly secrets?: readonly (string | undefined)[];
}

/** How each source is named in messages. */
export const SOURCE_LABEL: Readonly<Record<SourceName, string>> = { github: 'GitHub', travis: 'Travis CI', sites: 'site', ppcs: 'PPC' };

/** Thrown by our fetch wrapper when an attempt outlives its deadline; named AbortError so octokit neither wraps nor retries it. */
export class DeadlineError extends Error {
  readonly timeoutMs: number;
  constructor(timeoutMs: number) {
    super(`no answer within ${timeoutMs} ms`);
    this.name = 'AbortError';
    this.timeoutMs = timeoutMs;
  }
}

const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_CONNECT_TIMEOUT']);

/** A failure reduced to what a person and the UI need. */
export interface Failure {
  readonly kind: SourceErrorKind;
  /** Short, e.g. "cannot connect (ECONNREFUSED)" or "rate limited (429 ...)". */
  readonly why: string;
  readonly status?: number;
  readonly retryAt?: number;
}

/** Any failure from octokit, got or fetch, as a SourceError whose message names what failed and hides secrets. */
export function toSourceError(err: unknown, ctx: ErrorContext): SourceError {
  if (err instanceof SourceError) return err;
  const f = classify(err);
  const extra = { ...(f.status === undefined ? {} : { status: f.status }), ...(f.retryAt === undefined ? {} : { retryAt: f.retryAt }) };
  return new SourceError(ctx.source, f.kind, scrub(`${SOURCE_LABEL[ctx.source]}: ${ctx.doing} failed: ${f.why}`, ctx.secrets), extra);
}

/** What kind of failure this is and why, without the request details (which may hold a token). */
export function classify(err: unknown): Failure {
  if (err instanceof SourceError) return { kind: err.kind, why: err.message };
  if (err instanceof DeadlineError) return { kind: 'timeout', why: err.message };
  if (err instanceof OctokitRequestError) {
    // Network failures arrive as status 500 without a response.
    if (!err.response) return unreachable(networkCode(err.cause) ?? networkCode(err));
    return fromHttpStatus(err.status, headerBag(err.response.headers), err.response.data);
  }
  if (err instanceof GotTimeoutError) return { kind: 'timeout', why: `no answer within ${timeoutOf(err)} ms` };
  if (err instanceof HTTPError) return fromHttpStatus(err.response.statusCode, headerBag(err.response.headers), err.response.body);
  if (err instanceof ParseError) return { kind: 'invalid-response', why: 'the answer was not valid JSON' };
  if (err instanceof GotRequestError) {
    if (err.code === 'ERR_ABORTED' || err.name === 'AbortError') return { kind: 'timeout', why: 'the request was cancelled' };
    const code = networkCode(err);
    return code ? unreachable(code) : { kind: 'http', why: `request failed (${err.code})` };
  }
  if (err instanceof Error && (err.name === 'AbortError' || err.name === 'TimeoutError')) return { kind: 'timeout', why: 'the request was cancelled' };
  const code = networkCode(err);
  if (code) return unreachable(code);
  return { kind: 'http', why: err instanceof Error ? err.message : String(err) };
}

const unreachable = (code: string | undefined): Failure => ({ kind: 'unreachable', why: code ? `cannot connect (${code})` : 'cannot connect' });

function fromHttpStatus(status: number, headers: Readonly<Record<string, string>>, body: unknown): Failure {
  const said = serverMessage(body);
  const detail = said ? `${status} ${said}` : `HTTP ${status}`;
  const rate = rateLimitRetryAt(status, headers, said);
  if (rate !== null) return { kind: 'rate-limited', why: `rate limited (${detail})`, status, ...(rate === undefined ? {} : { retryAt: rate }) };
  if (status === 401) return { kind: 'auth', why: `not authorised (${detail}); check the token`, status };
  if (status === 403) {
    // A fine-grained token without one permission: say which, as GitHub's token page names it.
    const needed = neededPermission(headers);
    return { kind: 'auth', why: needed ? `${NO_PERMISSION}${needed}` : `forbidden (${detail})`, status };
  }
  if (status === 404) return { kind: 'not-found', why: `not found (${detail})`, status };
  if (status === 405 || status === 409) return { kind: 'conflict', why: detail, status };
  if (status >= 500) return { kind: 'http', why: `server error (${detail})`, status };
  return { kind: 'http', why: detail, status };
}

/**
 * `null` when the answer is not a rate limit; otherwise when to try again (epoch ms), if the server said.
 * GitHub: 403/429 with x-ratelimit-remaining 0 (primary) or "secondary rate limit" in the message.
 * Travis: 429 (request_limit_reached or rack-attack throttling).
 */
export function rateLimitRetryAt(status: number, headers: Readonly<Record<string, string>>, said: string | undefined, now = Date.now()): number | undefined | null {
  if (status !== 403 && status !== 429) return null;
  const retryAfter = Number(headers['retry-after']);
  const fromRetryAfter = Number.isFinite(retryAfter) && headers['retry-after'] !== undefined ? now + retryAfter * 1000 : undefined;
  if (headers['x-ratelimit-remaining'] === '0') {
    const reset = Number(headers['x-ratelimit-reset']);
    return Number.isFinite(reset) && reset > 0 ? reset * 1000 : fromRetryAfter;
  }
  if (said && /secondary rate/i.test(said)) return fromRetryAfter ?? now + 60_000;
  if (status === 429) return fromRetryAfter;
  return null;
}

function serverMessage(body: unknown): string | undefined {
  if (typeof body === 'string') return body.trim().slice(0, 200) || undefined;
  if (body && typeof body === 'object') {
    const b = body as Record<string, unknown>;
    const parts = [b['error_type'], b['error_message'] ?? b['message']].filter((p): p is string => typeof p === 'string' && p.length > 0);
    return parts.length ? parts.join(': ').slice(0, 300) : undefined;
  }
  return undefined;
}

function headerBag(headers: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!headers || typeof headers !== 'object') return out;
  for (const [k, v] of Object.entries(headers)) if (v !== undefined) out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : String(v);
  return out;
}

function networkCode(err: unknown): string | undefined {
  for (let e = err, depth = 0; e && typeof e === 'object' && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && UNREACHABLE_CODES.has(code)) return code;
  }
  return undefined;
}

function timeoutOf(err: GotTimeoutError): number | string {
  const t = err.options.timeout;
  return t.request ?? t.response ?? '?';
}

/** Removes every secret from a text that may end up on screen or in the journal. */
export function scrub(text: string, secrets: readonly (string | undefined)[] | undefined): string {
  let out = text;
  for (const s of secrets ?? []) if (s && s.length >= 4) out = out.split(s).join('***');
  return out;
}
