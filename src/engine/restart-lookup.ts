import { isActive, travisStateToCi } from '../domain/ci-verdict.js';
import type { TravisPort } from './ports.js';

/**
 * Whether a job restart whose answer was lost took effect: the job runs again, or its run ended at another time
 * than the run that was restarted (`finishedAt`, journalled with the intent). Travis takes a restart
 * asynchronously, so "not yet" is no proof it never will: callers look again with backoff. Returns what was
 * seen, or undefined.
 */
export async function restartSeen(travis: Pick<TravisPort, 'getBuild'>, buildId: number, jobId: number, finishedAt: string | null | undefined): Promise<string | undefined> {
  const build = await travis.getBuild(buildId);
  const job = build.jobs.find((j) => j.id === jobId);
  if (!job) return undefined;
  if (isActive(job.state)) return `job ${job.number} is ${job.state} again`;
  if (finishedAt !== undefined) return job.finishedAt !== finishedAt ? `job ${job.number} ran again and ${job.state}` : undefined;
  // A journal from before finishedAt was kept: a job that has finished well since was restarted.
  return travisStateToCi(job.state) === 'failure' ? undefined : `job ${job.number} ${job.state}`;
}
