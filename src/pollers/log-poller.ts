import { LOG_START, type Services } from '../services/index.js';
import { createPoller, type Poller } from './poller.js';
import type { WriteContext } from './store-write.js';

export const LOG_INTERVAL_MS = 3_000;
/** The dialog shows a tail; keeping more than this of a long log only costs memory. */
export const LOG_KEEP_CHARS = 200_000;

/** Keeps the last `max` characters, cut at a line start so the first line shown is whole. */
export function keepTail(text: string, max = LOG_KEEP_CHARS): string {
  if (text.length <= max) return text;
  const cut = text.indexOf('\n', text.length - max);
  return cut === -1 ? text.slice(-max) : text.slice(cut + 1);
}

/**
 * One job's log, fetched incrementally (`after` the last part seen, never the whole log again) every 3 s,
 * stopping by itself once the log is complete.
 */
export function createLogPoller(ctx: WriteContext, services: Pick<Services, 'travis'>, jobId: number): Poller {
  let after = LOG_START;
  let text = '';
  const poller = createPoller({
    name: `log ${jobId}`,
    intervalMs: LOG_INTERVAL_MS,
    read: () => services.travis.readLog(jobId, after),
    write: (chunk) => {
      after = chunk.nextAfter;
      text = keepTail(text + chunk.text);
      ctx.store.getState().logRead({ jobId, text, isComplete: chunk.isComplete, ...(chunk.noLogYet ? { noLogYet: true } : {}) });
      if (chunk.isComplete) poller.stop();
    },
    onError: (error) => {
      const message = error instanceof Error ? error.message : String(error);
      ctx.store.getState().logRead({ jobId, text, isComplete: false, error: message });
    },
    backoff: { maxMs: 30_000 },
    now: ctx.now,
  });
  return poller;
}
