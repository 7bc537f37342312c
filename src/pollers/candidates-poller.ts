import type { Config } from '../config/schema.js';
import type { Services } from '../services/index.js';
import { createPoller, type Poller } from './poller.js';
import { readCandidates } from './read-candidates.js';
import { failureFacts, pollFacts, type WriteContext } from './store-write.js';

export const CANDIDATES_INTERVAL_MS = 60_000;
/** Rows in the candidate list: about a week of nightly promotions and then some. */
export const CANDIDATE_LIMIT = 15;

/** Recent staging commits production lacks, with CI verdicts, every 60 s and on demand (`refreshNow`). */
export function createCandidatesPoller(ctx: WriteContext, services: Services, config: Config, limit = CANDIDATE_LIMIT): Poller {
  return createPoller({
    name: 'candidates',
    intervalMs: CANDIDATES_INTERVAL_MS,
    read: () => readCandidates(services, config, limit),
    write: ({ data, observed }) => ctx.store.getState().candidatesRead({ status: 'ready', data, at: ctx.now() }, pollFacts(ctx, observed)),
    onError: (error) => {
      const { poll, message } = failureFacts(ctx, error, 'github');
      const s = ctx.store.getState();
      s.candidatesRead({ status: 'error', message, at: ctx.now(), ...('data' in s.candidates && s.candidates.data ? { data: s.candidates.data } : {}) }, poll);
    },
    now: ctx.now,
  });
}
