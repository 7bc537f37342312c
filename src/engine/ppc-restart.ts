import { SourceError } from '../domain/source.js';
import { formatDuration } from '../format/duration.js';
import { wasRefused } from './journalled.js';
import { lookAgain, LOOK_FOR_MS } from './look-again.js';
import type { FailedJob, Flight, PpcPatch } from './ppc-flight.js';
import { journalNote } from './ppc-send.js';
import type { EngineOptions } from './ports.js';
import { restartSeen } from './restart-lookup.js';
import { errorText } from './steps.js';

export type RestartContext = Pick<EngineOptions, 'services' | 'journal' | 'store' | 'lookForMs' | 'lookDelaysMs'> & {
  readonly patch: (patches: readonly PpcPatch[]) => void;
  readonly follow: (flight: Flight) => void;
  /** The failed jobs a retry restarts: this one leaves once it runs again, or is gone. */
  readonly failedJobs: Map<string, FailedJob>;
};

/**
 * A retry of a PPC whose update job failed: the job is restarted in its build, which spends none of Travis's
 * hourly request budget and sends no other customer's update again. Journalled like a request: the intent
 * before, the outcome after. A restart whose answer was lost is unknown, not "never sent": the job is looked at
 * again with backoff (does it run again, did its run end at another time?) before anything is decided.
 */
export async function restartJob(ctx: RestartContext, id: string, job: FailedJob): Promise<void> {
  let intent: string | undefined;
  try {
    intent = ctx.journal?.record({ type: 'intent', action: 'restart-job', customer: id, jobId: job.jobId, buildId: job.buildId, finishedAt: job.finishedAt });
  } catch (error) {
    ctx.store.getState().setNotice({ text: `Nothing done: the release journal could not be written (${errorText(error)})`, tone: 'error' });
    return;
  }
  ctx.patch([{ id, state: 'updating', detail: `restarting job ${job.number}` }]);
  const follow = (note: string, reconciled = false) => {
    if (intent) journalNote(ctx.journal, { type: 'outcome', id: intent, ok: true, note, ...(reconciled ? { reconciled } : {}) });
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
    if (!wasRefused(error)) return lookForRestart(ctx, id, job, errorText(error), follow);
    if (intent) journalNote(ctx.journal, { type: 'outcome', id: intent, ok: false, error: errorText(error), notSent: true });
    // Gone: only a new request can update it.
    if (kind === 'not-found') {
      ctx.failedJobs.delete(id);
      return ctx.patch([{ id, state: 'pending', detail: `back in line for a new request: job ${job.number} is gone` }]);
    }
    ctx.patch([{ id, state: 'failed', detail: `could not restart job ${job.number}: ${errorText(error)}` }]);
  }
}

async function lookForRestart(ctx: RestartContext, id: string, job: FailedJob, error: string, follow: (note: string, reconciled: boolean) => void): Promise<void> {
  const forMs = ctx.lookForMs ?? LOOK_FOR_MS;
  const isUpdating = () => ctx.store.getState().rollout.ppcs.find((p) => p.id === id)?.state === 'updating';
  ctx.patch([{ id, detail: `unknown: the answer to the restart of job ${job.number} was lost (${error}); looking at the job on Travis` }]);
  const result = await lookAgain(() => restartSeen(ctx.services.travis, job.buildId, job.jobId, job.finishedAt), {
    forMs,
    ...(ctx.lookDelaysMs ? { delaysMs: ctx.lookDelaysMs } : {}),
    isStopped: () => !isUpdating(),
    onWait: (look, inMs) => ctx.patch([{ id, detail: `unknown whether job ${job.number} restarted: its answer was lost; looking at the job (look ${look} in ${formatDuration(inMs)})` }]),
  });
  if (result.kind === 'stopped') return;
  if (result.kind === 'found') return follow(`${result.value} (found after the restart's answer was lost)`, true);
  // The intent stays open: the next start looks at the job again. A second restart of a job that already runs
  // again is refused by Travis (409), so r cannot run it twice at once.
  const why = result.lastError ? `; the last look failed: ${result.lastError}` : '';
  ctx.patch([{ id, state: 'failed', detail: `unknown whether job ${job.number} restarted: it still shows its failed run after ${formatDuration(forMs)} of looking${why}. r restarts it again` }]);
}
