import type { Config } from '../config/schema.js';
import type { CustomerPpc, PpcReport } from '../domain/ppc.js';
import type { Services } from '../services/index.js';
import { mapLimit } from './map-limit.js';
import { observeEndpoints, type Observed } from './observed.js';

/** At most this many PPC version reads in flight: a thousand PPCs must not mean a thousand sockets. */
export const FLEET_CONCURRENCY = 8;

/**
 * What every customer PPC reports it runs (or only those `only` names), in config order. Never throws: a PPC not
 * answering is data.
 */
export async function probeFleet(services: Pick<Services, 'probe'>, config: Config, signal?: AbortSignal, only?: ReadonlySet<string>): Promise<PpcReport[]> {
  const ppcs = config.ppcs;
  if (!ppcs) return [];
  const format = { format: ppcs.version.format, field: ppcs.version.field };
  return mapLimit(
    only ? ppcs.customers.filter((c) => only.has(c.id)) : ppcs.customers,
    FLEET_CONCURRENCY,
    async (customer): Promise<PpcReport> => {
      const report = await services.probe.readVersion(customer.url, format);
      return { id: customer.id, revision: report.version, healthy: report.healthy, ...(report.detail ? { detail: report.detail } : {}) };
    },
    signal,
  );
}

/** Does a PPC's reported revision name the target? Either may be abbreviated (7 characters or more). */
export function isAtRevision(current: string | undefined, target: string | undefined): boolean {
  if (!current || !target) return false;
  const [a, b] = [current.trim().toLowerCase(), target.trim().toLowerCase()];
  const shorter = Math.min(a.length, b.length);
  return shorter >= 7 ? a.slice(0, shorter) === b.slice(0, shorter) : a === b;
}

/**
 * The fleet against a target revision: `done` when a PPC runs it, else `pending`. Rollout states the
 * cockpit itself sets (queued, updating, verifying, failed, skipped) are the rollout engine's to keep; see
 * `mergeFleet`.
 */
export function classifyFleet(config: Config, reports: readonly PpcReport[], target: string | undefined, only?: ReadonlySet<string>): CustomerPpc[] {
  const byId = new Map(reports.map((r) => [r.id, r]));
  const customers = config.ppcs?.customers ?? [];
  return (only ? customers.filter((c) => only.has(c.id)) : customers).map((customer): CustomerPpc => {
    const report = byId.get(customer.id);
    const current = report?.revision;
    const detail = report && !report.healthy ? `unreachable: ${report.detail ?? 'no answer'}` : undefined;
    return {
      id: customer.id,
      name: customer.name ?? customer.id,
      current,
      target,
      state: isAtRevision(current, target) ? 'done' : 'pending',
      ...(detail ? { detail } : {}),
    };
  });
}

/**
 * Each customer PPC's version endpoint (or only those `only` names), read with bounded concurrency, classified
 * against `target`.
 */
export async function readFleet(services: Pick<Services, 'probe'>, config: Config, target: string | undefined, signal?: AbortSignal, only?: ReadonlySet<string>): Promise<Observed<CustomerPpc[]>> {
  const reports = await probeFleet(services, config, signal, only);
  return { data: classifyFleet(config, reports, target, only), observed: [fleetObservation(reports)] };
}

export function fleetObservation(reports: readonly PpcReport[]) {
  const failures = reports.filter((r) => !r.healthy).map((r) => `${r.id}: ${r.detail ?? 'no answer'}`);
  return observeEndpoints('ppcs', failures, reports.length);
}
