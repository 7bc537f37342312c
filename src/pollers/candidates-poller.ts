import type { Config } from '../config/schema.js';
import type { Services } from '../services/index.js';
import { createPoller, type Poller } from './poller.js';
import { readCandidates } from './read-candidates.js';
import { writeFailure, writePoll, type WriteContext } from './store-write.js';

export const CANDIDATES_INTERVAL_MS = 60_000;
/** Rows in the candidate list: about a week of nightly promotions and then some. */
export const CANDIDATE_LIMIT = 15;

/** Recent staging commits production lacks, with CI verdicts, every 60 s and on demand (`refreshNow`). */
export function createCandidatesPoller(ctx: WriteContext, services: Services, config: Config, limit = CANDIDATE_LIMIT): Poller {
  return createPoller({
    name: 'candidates',
    intervalMs: CANDIDATES_INTERVAL_MS,
    read: () => readCandidates(services, config, limit),
    write: ({ data, observed }) => writePoll(ctx, observed, () => ({ candidates: { status: 'ready', data, at: ctx.now() } })),
    onError: (error) =>
      writeFailure(ctx, error, 'github', (s, message) => ({
        candidates: { status: 'error', message, at: ctx.now(), ...('data' in s.candidates && s.candidates.data ? { data: s.candidates.data } : {}) },
      })),
    now: ctx.now,
  });
}
