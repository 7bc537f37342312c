import { SourceError, type SourceHealth, type SourceName } from '../domain/source.js';

/** What one read saw of a source: answering, answering with trouble, or not answering at all. */
export interface Observation {
  readonly source: SourceName;
  readonly state: 'ok' | 'degraded' | 'down';
  readonly detail?: string;
}

/** A read's data plus the health of each source it talked to. */
export interface Observed<T> {
  readonly data: T;
  readonly observed: readonly Observation[];
}

export const ok = (source: SourceName): Observation => ({ source, state: 'ok' });

/** A failed call as an observation: a rate limit or a 4xx still answered (degraded); no answer is down. */
export function observeError(error: unknown, fallback: SourceName): Observation {
  if (!(error instanceof SourceError)) return { source: fallback, state: 'down', detail: error instanceof Error ? error.message : String(error) };
  const answered = error.kind === 'rate-limited' || error.kind === 'auth' || error.kind === 'not-found' || error.kind === 'conflict' || error.kind === 'invalid-response';
  return { source: error.source, state: answered ? 'degraded' : 'down', detail: error.message };
}

/**
 * Several endpoints of one source (sites, PPCs) as one observation: ok when all answered, degraded when
 * some did not. Never `down`: a site or PPC that does not answer is data about it, not about us.
 */
export function observeEndpoints(source: SourceName, failures: readonly string[], total: number): Observation {
  if (failures.length === 0) return ok(source);
  const first = failures[0] ?? '';
  const detail = failures.length === 1 ? first : `${failures.length} of ${total} not answering; ${first}`;
  return { source, state: 'degraded', detail };
}

/** The worst observation per source wins, so one read's several calls give one health each. */
export function mergeObservations(observations: readonly Observation[]): Observation[] {
  const rank = { ok: 0, degraded: 1, down: 2 } as const;
  const by = new Map<SourceName, Observation>();
  for (const o of observations) {
    const prev = by.get(o.source);
    if (!prev || rank[o.state] > rank[prev.state]) by.set(o.source, o);
  }
  return [...by.values()];
}

/** An observation as the store's SourceHealth, remembering when the source last answered well. */
export function toHealth(o: Observation, now: number, previous?: SourceHealth): SourceHealth {
  const lastOkAt = o.state === 'ok' ? now : previous?.lastOkAt;
  return { source: o.source, state: o.state, ...(o.detail ? { detail: o.detail } : {}), ...(lastOkAt === undefined ? {} : { lastOkAt }) };
}
