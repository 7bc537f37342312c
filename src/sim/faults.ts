import type { Target } from './http.js';
import type { Random } from './random.js';

export const FAULT_KINDS = ['5xx', 'timeout', 'rate-limit', 'secondary-rate-limit', 'slow', 'lost'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];
export const FAULT_TARGETS = ['github', 'travis', 'sites', 'ppcs', 'all'] as const;
export type FaultTarget = (typeof FAULT_TARGETS)[number];

/**
 * One injected misbehaviour. Without `rate` or `count` it hits every matching request until cleared.
 * `lost` is an answer lost after the effect: the world does what was asked (a merge, a trigger, a restart), then
 * the connection is dropped without a byte of the answer, as when a proxy or a flaky network cuts it.
 */
export interface FaultRule {
  readonly id: number;
  readonly target: FaultTarget;
  readonly kind: FaultKind;
  /** Probability per matching request, 0..1. */
  readonly rate?: number;
  /** How many more matching requests it hits; the rule disappears at 0. */
  count?: number;
  /** A path prefix, either below the target's mount (`/repos/acme/service/pulls`) or full (`/github/repos/...`). */
  readonly path?: string;
  readonly method?: string;
  /** For `slow` (default 2000). Real milliseconds: a slow network does not speed up with the sim. */
  readonly delayMs: number;
  /** For `5xx` (default 502 on GitHub, 503 elsewhere). */
  readonly status?: number;
  /** For the rate limits: retry-after, and how far away the primary limit's reset is (default 60). */
  readonly retryAfterSeconds: number;
}

/** Parses a POST /_sim/faults body; returns an error message naming the bad field instead of throwing. */
export function parseFault(body: unknown, id: number): FaultRule | string {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return 'expected a JSON object like {"target":"github","kind":"5xx","count":1}';
  const b = body as Record<string, unknown>;
  const target = b['target'] ?? 'all';
  if (!FAULT_TARGETS.includes(target as FaultTarget)) return `"target" must be one of ${FAULT_TARGETS.join(', ')}`;
  if (!FAULT_KINDS.includes(b['kind'] as FaultKind)) return `"kind" must be one of ${FAULT_KINDS.join(', ')}`;
  const num = (name: string, ok: (n: number) => boolean): number | undefined | string => {
    const v = b[name];
    if (v === undefined) return undefined;
    return typeof v === 'number' && ok(v) ? v : `"${name}" has a bad value`;
  };
  const rate = num('rate', (n) => n >= 0 && n <= 1);
  const count = num('count', (n) => Number.isInteger(n) && n >= 1);
  const delayMs = num('delayMs', (n) => n >= 0 && n <= 600_000);
  const status = num('status', (n) => Number.isInteger(n) && n >= 500 && n <= 599);
  const retry = num('retryAfterSeconds', (n) => Number.isInteger(n) && n >= 0 && n <= 86_400);
  for (const v of [rate, count, delayMs, status, retry]) if (typeof v === 'string') return v;
  if (b['path'] !== undefined && (typeof b['path'] !== 'string' || !b['path'].startsWith('/'))) return '"path" must start with "/"';
  if (b['method'] !== undefined && typeof b['method'] !== 'string') return '"method" must be a string';
  return {
    id,
    target: target as FaultTarget,
    kind: b['kind'] as FaultKind,
    ...(rate !== undefined ? { rate: rate as number } : {}),
    ...(count !== undefined ? { count: count as number } : {}),
    ...(typeof b['path'] === 'string' ? { path: b['path'] } : {}),
    ...(typeof b['method'] === 'string' ? { method: b['method'].toUpperCase() } : {}),
    delayMs: (delayMs as number | undefined) ?? 2000,
    ...(status !== undefined ? { status: status as number } : {}),
    retryAfterSeconds: (retry as number | undefined) ?? 60,
  };
}

export class Faults {
  private rules: FaultRule[] = [];
  private nextId = 1;

  constructor(private readonly random: Random) {}

  add(body: unknown): FaultRule | string {
    const rule = parseFault(body, this.nextId);
    if (typeof rule === 'string') return rule;
    this.nextId += 1;
    this.rules.push(rule);
    return rule;
  }

  clear(): void {
    this.rules = [];
  }

  list(): readonly FaultRule[] {
    return this.rules;
  }

  /** The rule that hits this request, if any; spends one from its count. */
  pick(target: Target, method: string, path: string): FaultRule | undefined {
    for (const rule of this.rules) {
      if (rule.target !== 'all' && rule.target !== target) continue;
      if (rule.method && rule.method !== method) continue;
      if (rule.path && !pathMatches(rule.path, target, path)) continue;
      if (rule.rate !== undefined && !(this.random.next() < rule.rate)) continue;
      if (rule.count !== undefined) {
        rule.count -= 1;
        if (rule.count <= 0) this.rules = this.rules.filter((r) => r !== rule);
      }
      return rule;
    }
    return undefined;
  }
}

function pathMatches(prefix: string, target: Target, path: string): boolean {
  const decoded = safeDecode(path);
  const below = decoded.startsWith(`/${target}/`) ? decoded.slice(target.length + 1) : decoded;
  return below.startsWith(prefix) || decoded.startsWith(prefix) || path.startsWith(prefix);
}

function safeDecode(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}
