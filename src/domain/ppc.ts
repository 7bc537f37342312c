/** Where a customer PPC stands in a rollout. */
export type PpcState = 'pending' | 'queued' | 'updating' | 'verifying' | 'done' | 'failed' | 'skipped';

export const PPC_STATES: readonly PpcState[] = ['pending', 'queued', 'updating', 'verifying', 'done', 'failed', 'skipped'];

/** A customer PPC as read from its version endpoint. */
export interface PpcReport {
  readonly id: string;
  /** The PPC revision it reports running; undefined when unreachable. */
  readonly revision: string | undefined;
  readonly healthy: boolean;
  readonly detail?: string;
}

export interface CustomerPpc {
  readonly id: string;
  readonly name: string;
  readonly current: string | undefined;
  readonly target: string | undefined;
  readonly state: PpcState;
  readonly detail?: string;
}

export type PpcCounts = Readonly<Record<PpcState, number>>;

export function countPpcs(ppcs: Iterable<{ readonly state: PpcState }>): PpcCounts {
  const counts: Record<PpcState, number> = { pending: 0, queued: 0, updating: 0, verifying: 0, done: 0, failed: 0, skipped: 0 };
  for (const p of ppcs) counts[p.state] += 1;
  return counts;
}
