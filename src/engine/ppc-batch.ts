import type { Job } from '../domain/ci.js';
import { shortSha } from '../domain/sha.js';

// Travis allows only 10 API-triggered requests per repo per rolling hour, so one request updates several
// customers: one `env.jobs` entry, and so one job, per customer. Pure: what to send and how to read it back.

/** The env.jobs entry that makes one job of the fleet repo update one customer. */
export function updateEnv(id: string, target: string): string {
  return `CUSTOMER=${id} PPC_REVISION=${target}`;
}

/** The env.global entry that names one update request: the variable and its value. */
export const BATCH_VAR = 'COCKPIT_BATCH';

/**
 * What names one update request from the moment it exists: the release, the request's number in the rollout and
 * when it was sent (a request sent again for the same customers gets a marker of its own). Travis creates a
 * request first without its message; its config, where this marker is, is the first thing it fills in.
 */
export function batchMarker(releaseId: string, number: number, at: number): string {
  const release = releaseId.replace(/[^A-Za-z0-9._-]+/g, '-').slice(0, 60) || 'release';
  return `${BATCH_VAR}=${release}.${number}.${at.toString(36)}`;
}

/** The body of one update request for `ids` (config order), as the Travis port takes it. */
export function updateRequest(ids: readonly string[], target: string, branch: string, marker?: string) {
  return {
    branch,
    message: `release-cockpit: update ${customersText(ids)} to PPC ${shortSha(target)}`,
    // deep_merge_append keeps the fleet repo's own .travis.yml (its script) and adds our jobs to it.
    config: { env: { ...(marker ? { global: [marker] } : {}), jobs: ids.map((id) => updateEnv(id, target)) } },
    mergeMode: 'deep_merge_append' as const,
  };
}

/** Whether a request's config text (as Travis shows it) carries `marker`, and not merely a longer one. */
export function carriesMarker(configText: string, marker: string): boolean {
  let at = configText.indexOf(marker);
  while (at >= 0) {
    const next = configText[at + marker.length];
    if (next === undefined || !/[A-Za-z0-9._-]/.test(next)) return true;
    at = configText.indexOf(marker, at + 1);
  }
  return false;
}

/** Names every customer of a small request; a big one by its count and ends (a lost answer is looked up by it). */
function customersText(ids: readonly string[]): string {
  if (ids.length <= 6) return ids.join(', ');
  return `${ids.length} customers (${ids[0]} … ${ids[ids.length - 1]})`;
}

const CUSTOMER_VAR = /(?:^|[\s:;,])CUSTOMER=(?:"([^"]*)"|'([^']*)'|([^\s"',;]+))/;

/** The customer a job updates, from the `CUSTOMER=<id>` that Travis services put into its name (its env). */
export function customerOfJob(name: string): string | undefined {
  const m = CUSTOMER_VAR.exec(name);
  return m ? (m[1] ?? m[2] ?? m[3]) : undefined;
}

/**
 * Which job of a request's build updates which customer. First by the `CUSTOMER=<id>` in the job's name (the
 * services name a job by its config's env when it has no `name:` of its own). A job whose name does not say
 * falls back to its position: Travis expands `env.jobs` in order, so the i-th job is the i-th customer sent.
 * Positions are trusted only when the build has exactly one job per customer; a fleet .travis.yml that adds
 * jobs of its own (or names them) leaves such customers unmatched, and the caller judges them by the build.
 */
export function jobsByCustomer(jobs: readonly Job[], ids: readonly string[]): Map<string, Job> {
  const wanted = new Set(ids);
  const out = new Map<string, Job>();
  const unnamed: number[] = [];
  jobs.forEach((job, i) => {
    const id = customerOfJob(job.name);
    if (id === undefined) unnamed.push(i);
    else if (wanted.has(id) && !out.has(id)) out.set(id, job);
  });
  if (jobs.length !== ids.length) return out;
  for (const i of unnamed) {
    const id = ids[i];
    const job = jobs[i];
    if (id !== undefined && job && !out.has(id)) out.set(id, job);
  }
  return out;
}
