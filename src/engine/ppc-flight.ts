import { isActive } from '../domain/ci-verdict.js';
import type { Build, Job } from '../domain/ci.js';
import { shortSha } from '../domain/sha.js';
import type { CustomerPpc } from '../domain/ppc.js';
import { jobsByCustomer } from './ppc-batch.js';

// What one look at a Travis build means for the PPCs whose updates run in it. Pure: the rollout does the I/O.

/** A failed update job, kept so that a retry restarts it: a restart spends none of Travis's hourly request budget. */
export interface FailedJob {
  readonly buildId: number;
  readonly jobId: number;
  readonly number: string;
  /** When the failed run ended: until a read shows another value, Travis has not taken the restart yet. */
  readonly finishedAt: string | null;
}

/** A Travis request (or one restarted job) carrying some customers' updates. */
export interface Flight {
  /** How rows name it: "Travis request 205", "restarted job 17.3". */
  readonly label: string;
  /** The customers it was sent for, in env.jobs order (job positions refer to this). */
  readonly customers: readonly string[];
  /** Those whose outcome is not known yet. */
  readonly waiting: Set<string>;
  readonly requestId?: number;
  buildId?: number;
  readonly restarted?: FailedJob;
  /** The journal intent it answers: its customers' results are written to it when the last one is known. */
  readonly intent?: string;
  /** "acme: update job 612.1 passed", one per customer as each is known. */
  readonly results?: string[];
}

export type PpcPatch = { readonly id: string } & Partial<Omit<CustomerPpc, 'id'>>;

export interface Settled {
  /** Only rows that change, so an unchanged build costs no store update. */
  readonly patches: readonly PpcPatch[];
  readonly failed: readonly { readonly id: string; readonly detail: string; readonly job?: FailedJob }[];
  /** Customers whose update job passed: the fleet's version read decides when they are done. */
  readonly passed: readonly string[];
  /** Customers no longer waiting on this flight. */
  readonly resolved: readonly string[];
}

/**
 * Each waiting customer's own job decides for its own PPC: running (the row says so), passed (verifying until
 * the PPC reports `target`) or failed (remembered for a restart). A PPC something else moved on (the fleet read
 * found it at the target) is simply let go.
 */
export function settleFlight(flight: Flight, build: Build, ppcs: ReadonlyMap<string, CustomerPpc>, target: string): Settled {
  const jobs = flight.restarted ? restartedJob(flight, build) : jobsByCustomer(build.jobs, flight.customers);
  const patches: PpcPatch[] = [];
  const failed: { id: string; detail: string; job?: FailedJob }[] = [];
  const passed: string[] = [];
  const resolved: string[] = [];
  const change = (ppc: CustomerPpc, next: Omit<PpcPatch, 'id'>) => {
    if (next.state !== undefined && next.state !== ppc.state) patches.push({ id: ppc.id, ...next });
    else if (next.detail !== ppc.detail) patches.push({ id: ppc.id, detail: next.detail });
  };

  for (const id of flight.waiting) {
    const ppc = ppcs.get(id);
    if (!ppc || ppc.state !== 'updating') {
      resolved.push(id);
      continue;
    }
    const job = jobs.get(id);
    const stale = flight.restarted && job && !isActive(job.state) && job.finishedAt === flight.restarted.finishedAt;
    if (stale) {
      change(ppc, { detail: `restarting job ${flight.restarted?.number}` });
      continue;
    }
    const state = job?.state ?? build.state;
    const what = job ? `job ${job.number}` : `build ${build.number}`;
    // A state this cockpit does not know is no outcome: the PPC waits, and its row says so.
    if (isActive(state) || state === 'unknown') {
      change(ppc, { detail: `in ${flight.label}: ${what} ${state}` });
      continue;
    }
    resolved.push(id);
    if (state === 'passed') {
      passed.push(id);
      change(ppc, { state: 'verifying', detail: `update ${what} passed; waiting for ${id} to report ${shortSha(target)}` });
    } else {
      // Without a job of its own (see jobsByCustomer) a customer shares its build's fate, and has no job to restart.
      const detail = `update ${what} ${state}`;
      failed.push({ id, detail, ...(job ? { job: { buildId: build.id, jobId: job.id, number: job.number, finishedAt: job.finishedAt } } : {}) });
      change(ppc, { state: 'failed', detail });
    }
  }
  return { patches, failed, passed, resolved };
}

function restartedJob(flight: Flight, build: Build): Map<string, Job> {
  const job = build.jobs.find((j) => j.id === flight.restarted?.jobId);
  const [id] = flight.customers;
  return job && id !== undefined ? new Map([[id, job]]) : new Map();
}
