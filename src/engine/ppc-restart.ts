import { SourceError } from '../domain/source.js';
import type { FailedJob, Flight, PpcPatch } from './ppc-flight.js';
import { journalNote } from './ppc-send.js';
import type { EngineOptions } from './ports.js';
import { errorText } from './steps.js';

export type RestartContext = Pick<EngineOptions, 'services' | 'journal' | 'store'> & {
  readonly patch: (patches: readonly PpcPatch[]) => void;
  readonly follow: (flight: Flight) => void;
  /** The failed jobs a retry restarts: this one leaves once it runs again, or is gone. */
  readonly failedJobs: Map<string, FailedJob>;
};

/**
 * A retry of a PPC whose update job failed: the job is restarted in its build, which spends none of Travis's
 * hourly request budget and sends no other customer's update again. Journalled like a request: the intent
 * before, the outcome after.
 */
export async function restartJob(ctx: RestartContext, id: string, job: FailedJob): Promise<void> {
  let intent: string | undefined;
  try {
    intent = ctx.journal?.record({ type: 'intent', action: 'restart-job', customer: id, jobId: job.jobId, buildId: job.buildId });
  } catch (error) {
    ctx.store.getState().setNotice({ text: `Nothing done: the release journal could not be written (${errorText(error)})`, tone: 'error' });
    return;
  }
  ctx.patch([{ id, state: 'updating', detail: `restarting job ${job.number}` }]);
  const follow = (note: string) => {
    if (intent) journalNote(ctx.journal, { type: 'outcome', id: intent, ok: true, note });
    ctx.failedJobs.delete(id);
    ctx.follow({ label: `restarted job ${job.number}`, customers: [id], waiting: new Set([id]), buildId: job.buildId, restarted: job, results: [] });
  };
  try {
    await ctx.services.travis.restartJob(job.jobId);
    follow(`job ${job.number} restarted`);
  } catch (error) {
    const kind = error instanceof SourceError ? error.kind : undefined;
    // Refused because it runs already (restarted in Travis meanwhile): follow that run.
    if (kind === 'conflict') return follow(`job ${job.number} was running already`);
    if (intent) journalNote(ctx.journal, { type: 'outcome', id: intent, ok: false, error: errorText(error), notSent: true });
    // Gone: only a new request can update it.
    if (kind === 'not-found') {
      ctx.failedJobs.delete(id);
      return ctx.patch([{ id, state: 'pending', detail: `back in line for a new request: job ${job.number} is gone` }]);
    }
    ctx.patch([{ id, state: 'failed', detail: `could not restart job ${job.number}: ${errorText(error)}` }]);
  }
}
