import type { Build, Job } from './ci.js';

/** Epoch-ms duration of a finished job, or undefined when it never ran to the end. */
function jobDuration(job: Job): number | undefined {
  if (!job.startedAt || !job.finishedAt) return undefined;
  const ms = Date.parse(job.finishedAt) - Date.parse(job.startedAt);
  return Number.isFinite(ms) && ms >= 0 ? ms : undefined;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/**
 * How long each job usually takes, by job name: the median over the passed runs in `builds`. Only passed
 * runs count, because a job that failed early says nothing about how long a good run lasts.
 */
export function usualJobDurations(builds: readonly Build[]): Readonly<Record<string, number>> {
  const byName = new Map<string, number[]>();
  for (const build of builds) {
    for (const job of build.jobs) {
      const ms = job.state === 'passed' ? jobDuration(job) : undefined;
      if (ms === undefined) continue;
      const list = byName.get(job.name) ?? [];
      list.push(ms);
      byName.set(job.name, list);
    }
  }
  return Object.fromEntries([...byName].map(([name, list]) => [name, median(list)]));
}
