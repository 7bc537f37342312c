import { SourceError } from '../domain/source.js';
import type { PendingAction } from '../store/state.js';
import { journalled, wasRefused } from './journalled.js';
import { lookAgain, LOOK_FOR_MS } from './look-again.js';
import type { EngineOptions } from './ports.js';
import { restartSeen } from './restart-lookup.js';
import { errorText } from './steps.js';

type Context = Pick<EngineOptions, 'store' | 'services' | 'journal' | 'refresh' | 'lookForMs' | 'lookDelaysMs'>;
type RestartJobs = Extract<PendingAction, { type: 'restart-jobs' }>;

/**
 * Restarts failed jobs of the promotion's builds in place: the build runs them again on the same commit, and
 * the CI gate reopens by itself once they run. Each restart is journalled (intent, then outcome). A job
 * Travis says is running already was restarted by someone else: nothing to do. A restart whose answer was lost
 * is unknown, not failed: the job is looked at again with backoff, and the intent stays open until it is seen.
 */
export async function restartCiJobs(ctx: Context, action: RestartJobs): Promise<void> {
  const { store } = ctx;
  const restarted: string[] = [];
  const problems: string[] = [];
  const unknown: string[] = [];
  // When each failed run ended, so that a lost answer can be told from a restart that never happened.
  const before = await ctx.services.travis.getBuild(action.buildId).catch(() => undefined);
  for (const job of action.jobs) {
    const label = `${job.number} ${job.name}`;
    const finishedAt = before?.jobs.find((j) => j.id === job.id)?.finishedAt;
    let intent: string | undefined;
    try {
      await journalled(
        ctx.journal,
        { action: 'restart-ci-job', jobId: job.id, buildId: action.buildId, job: label, ...(finishedAt === undefined ? {} : { finishedAt }) },
        () => ctx.services.travis.restartJob(job.id),
        () => ({ ok: true }),
        (id) => (intent = id),
      );
      restarted.push(label);
    } catch (error) {
      if (error instanceof SourceError && error.kind === 'conflict') restarted.push(`${label} (running already)`);
      else if (!wasRefused(error)) {
        store.getState().setNotice({ text: `The answer to restarting job ${label} was lost: looking at the job on Travis`, tone: 'warning' });
        const seen = await lookAgain(() => restartSeen(ctx.services.travis, action.buildId, job.id, finishedAt), {
          forMs: ctx.lookForMs ?? LOOK_FOR_MS,
          ...(ctx.lookDelaysMs ? { delaysMs: ctx.lookDelaysMs } : {}),
        });
        if (seen.kind === 'found') {
          if (intent) ctx.journal?.record({ type: 'outcome', id: intent, ok: true, reconciled: true, note: seen.value });
          restarted.push(`${label} (found restarted after its answer was lost)`);
        } else unknown.push(`job ${label}`);
      } else problems.push(`job ${label}: ${errorText(error)}`);
    }
  }
  ctx.refresh?.('promotion');
  if (problems.length > 0 || unknown.length > 0) {
    const parts = [...(problems.length > 0 ? [`Could not restart ${problems.join('; ')}`] : []), ...(unknown.length > 0 ? [`unknown whether Travis restarted ${unknown.join(', ')}: its answer was lost and the job still shows its failed run; check it on Travis before restarting again`] : [])];
    store.getState().setNotice({ text: parts.join('. '), tone: 'error' });
    return;
  }
  store.getState().setNotice({ text: `Restarted on Travis: job ${restarted.join(', job ')}`, tone: 'success' });
}
