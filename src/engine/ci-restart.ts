import { SourceError } from '../domain/source.js';
import type { PendingAction } from '../store/state.js';
import { journalled } from './journalled.js';
import type { EngineOptions } from './ports.js';
import { errorText } from './steps.js';

type Context = Pick<EngineOptions, 'store' | 'services' | 'journal' | 'refresh'>;
type RestartJobs = Extract<PendingAction, { type: 'restart-jobs' }>;

/**
 * Restarts failed jobs of the promotion's builds in place: the build runs them again on the same commit, and
 * the CI gate reopens by itself once they run. Each restart is journalled (intent, then outcome). A job
 * Travis says is running already was restarted by someone else: nothing to do.
 */
export async function restartCiJobs(ctx: Context, action: RestartJobs): Promise<void> {
  const { store } = ctx;
  const restarted: string[] = [];
  const problems: string[] = [];
  for (const job of action.jobs) {
    const label = `${job.number} ${job.name}`;
    try {
      await journalled(ctx.journal, { action: 'restart-ci-job', jobId: job.id, buildId: action.buildId, job: label }, () => ctx.services.travis.restartJob(job.id), () => ({ ok: true }));
      restarted.push(label);
    } catch (error) {
      if (error instanceof SourceError && error.kind === 'conflict') restarted.push(`${label} (running already)`);
      else problems.push(`job ${label}: ${errorText(error)}`);
    }
  }
  ctx.refresh?.('promotion');
  if (problems.length > 0) {
    store.getState().setNotice({ text: `Could not restart ${problems.join('; ')}`, tone: 'error' });
    return;
  }
  store.getState().setNotice({ text: `Restarted on Travis: job ${restarted.join(', job ')}`, tone: 'success' });
}
