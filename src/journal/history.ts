import { stepDurations, type ReleaseSnapshot } from './replay.js';

/**
 * How long each step usually takes (ms), by step id: the median over past releases of the same playbook in
 * which it was done (skips say nothing about how long a step takes). Pure.
 */
export function usualStepMs(past: readonly ReleaseSnapshot[], playbook: string): Readonly<Record<string, number>> {
  const samples = new Map<string, number[]>();
  for (const release of past) {
    if (release.playbook.name !== playbook) continue;
    for (const [id, ms] of stepDurations(release)) samples.set(id, [...(samples.get(id) ?? []), ms]);
  }
  const out: Record<string, number> = {};
  for (const [id, list] of samples) out[id] = median(list);
  return out;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}
