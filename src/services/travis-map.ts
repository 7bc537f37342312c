import * as z from '../zod-mini.js';
import { toTravisState, type Build, type BuildEvent, type Job, type LogChunk, type TravisState } from '../domain/ci.js';
import { parseAnswer } from './parse-answer.js';

// Any string: a state this cockpit does not know reads as "unknown" (toTravisState) instead of failing the page.
const state = z.string();
const when = z.nullish(z.string());

const jobShape = z.object({
  id: z.number(),
  number: z.nullish(z.union([z.string(), z.number()])),
  state: z.nullish(state),
  allow_failure: z.nullish(z.boolean()),
  started_at: when,
  finished_at: when,
  stage: z.nullish(z.object({ name: z.nullish(z.string()) })),
  config: z.nullish(z.record(z.string(), z.unknown())),
});

export const buildShape = z.object({
  id: z.number(),
  number: z.union([z.string(), z.number()]),
  state,
  event_type: z.enum(['push', 'pull_request', 'api', 'cron']),
  branch: z.nullish(z.object({ name: z.string() })),
  commit: z.nullish(z.object({ sha: z.string(), message: z.nullish(z.string()) })),
  pull_request_number: z.nullish(z.number()),
  started_at: when,
  finished_at: when,
  updated_at: when,
  jobs: z.nullish(z.array(jobShape)),
  repository: z.nullish(z.object({ slug: z.nullish(z.string()) })),
});

export const buildsShape = z.object({
  builds: z.array(buildShape),
  '@pagination': z.nullish(z.object({ is_last: z.nullish(z.boolean()) })),
});

export const logPartsShape = z.object({
  log_parts: z.array(z.object({ number: z.number(), content: z.nullish(z.string()), final: z.nullish(z.boolean()) })),
});

/** GET /job/{id}/log: the whole log so far (where there is no log_parts endpoint). */
export const wholeLogShape = z.object({
  content: z.nullish(z.string()),
  log_parts: z.nullish(z.array(z.object({ final: z.nullish(z.boolean()) }))),
});

export const triggerShape = z.object({
  remaining_requests: z.nullish(z.number()),
  request: z.object({ id: z.number() }),
});

export const requestShape = z.object({
  id: z.number(),
  message: z.nullish(z.string()),
  // The config Travis merged (filled in once it has processed the request) and what it was sent as.
  config: z.nullish(z.unknown()),
  raw_configs: z.nullish(z.unknown()),
  state: z.nullish(z.string()),
  result: z.nullish(z.string()),
  builds: z.nullish(z.array(z.object({ id: z.number() }))),
});

export const requestsShape = z.object({ requests: z.array(requestShape) });

export function parse<S extends z.core.$ZodType>(shape: S, data: unknown, doing: string): z.output<S> {
  return parseAnswer('travis', shape, data, doing);
}

export interface TravisRequest {
  readonly id: number;
  /** The message it was sent with: how a trigger whose answer was lost is recognised. */
  readonly message: string | null;
  /** The request's config and raw configs as text: where a batch's marker is found (empty until processed). */
  readonly configText: string;
  readonly state: string;
  /** approved | rejected, once decided. */
  readonly result: string | null;
  readonly buildIds: readonly number[];
}

export function toRequest(r: z.output<typeof requestShape>): TravisRequest {
  const configText = [r.config, r.raw_configs].map((c) => (c == null ? '' : typeof c === 'string' ? c : JSON.stringify(c))).join('\n');
  return { id: r.id, message: r.message ?? null, configText, state: r.state ?? 'unknown', result: r.result ?? null, buildIds: (r.builds ?? []).map((b) => b.id) };
}

export function toBuild(b: z.output<typeof buildShape>, webUrl: string | undefined): Build {
  const slug = b.repository?.slug;
  return {
    id: b.id,
    number: String(b.number),
    state: toTravisState(b.state),
    event: b.event_type satisfies BuildEvent,
    branch: b.branch?.name ?? '',
    sha: b.commit?.sha ?? '',
    message: b.commit?.message ?? '',
    pullRequestNumber: b.pull_request_number ?? null,
    startedAt: b.started_at ?? null,
    finishedAt: b.finished_at ?? null,
    updatedAt: b.updated_at ?? null,
    // Embedded jobs are {id} stubs unless include=build.jobs; a stub has no state and is left out.
    jobs: (b.jobs ?? []).filter((j) => j.state != null).map((j) => toJob(j, toTravisState(b.state))),
    ...(webUrl && slug ? { url: `${webUrl.replace(/\/+$/, '')}/github/${slug}/builds/${b.id}` } : {}),
  };
}

function toJob(j: z.output<typeof jobShape>, fallback: TravisState): Job {
  const number = j.number == null ? String(j.id) : String(j.number);
  return {
    id: j.id,
    number,
    name: jobName(j, number),
    state: j.state == null ? fallback : toTravisState(j.state),
    allowFailure: j.allow_failure ?? false,
    startedAt: j.started_at ?? null,
    finishedAt: j.finished_at ?? null,
  };
}

/** Best effort: the job's own `name`, else its stage and env, else its number. */
export function jobName(j: { readonly stage?: { readonly name?: string | null | undefined } | null | undefined; readonly config?: Readonly<Record<string, unknown>> | null | undefined }, number: string): string {
  const own = j.config?.['name'];
  if (typeof own === 'string' && own.trim()) return own.trim();
  const env = envText(j.config?.['env']);
  const stage = j.stage?.name?.trim();
  if (stage && env) return `${stage}: ${env}`;
  return stage || env || `job ${number}`;
}

function envText(env: unknown): string {
  if (typeof env === 'string') return env.trim();
  if (Array.isArray(env)) return env.map(envText).filter(Boolean).join(' ');
  if (env && typeof env === 'object') {
    const e = env as Record<string, unknown>;
    // Secure entries are objects without readable values; `jobs`/`matrix` name the job, `global` is shared.
    return envText(e['jobs'] ?? e['matrix'] ?? []);
  }
  return '';
}

const PLACEHOLDER_AGGREGATED = /^\s*log aggregated\s*$/i;
const PLACEHOLDER_UNAVAILABLE = /temporarily unavailable/i;

export type PartsOutcome = { readonly kind: 'aggregated' } | { readonly kind: 'unavailable' } | { readonly kind: 'chunk'; readonly chunk: LogChunk };

/**
 * Joins the parts after `after` in number order, stopping at the first gap (a late part is fetched next time).
 * Recognises Travis's placeholders for an aggregated or unavailable log.
 */
export function joinParts(parts: z.output<typeof logPartsShape>['log_parts'], after: number): PartsOutcome {
  const first = parts[0];
  if (parts.length === 1 && first && first.number === 0) {
    const content = first.content ?? '';
    if (PLACEHOLDER_AGGREGATED.test(content)) return { kind: 'aggregated' };
    if (PLACEHOLDER_UNAVAILABLE.test(content)) return { kind: 'unavailable' };
  }
  const sorted = [...parts].filter((p) => p.number > after).sort((a, b) => a.number - b.number);
  // From the start, accept a log numbered from 1 as well as from 0.
  let last = after < 0 && sorted[0]?.number === 1 ? 0 : after;
  let text = '';
  let isComplete = false;
  for (const p of sorted) {
    if (p.number === last) continue; // a duplicate
    if (p.number !== last + 1) break;
    text += p.content ?? '';
    last = p.number;
    if (p.final) isComplete = true;
  }
  return { kind: 'chunk', chunk: { text, nextAfter: last, isComplete } };
}
