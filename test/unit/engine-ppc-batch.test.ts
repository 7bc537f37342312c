// How a PPC update request is built, and how its build's jobs are read back per customer.
import { describe, expect, it } from 'vitest';
import type { Job } from '../../src/domain/ci.js';
import type { CustomerPpc } from '../../src/domain/ppc.js';
import { batchMarker, carriesMarker, customerOfJob, jobsByCustomer, updateRequest } from '../../src/engine/ppc-batch.js';
import { settleFlight, type Flight } from '../../src/engine/ppc-flight.js';
import { build, job, ppc, TARGET_REV } from './checklist-builders.js';

const named = (number: string, state: Job['state'], name: string): Job => ({ ...job(number, state), name });
const envName = (id: string) => `update: CUSTOMER=${id} PPC_REVISION=${TARGET_REV}`;
const byId = (ppcs: readonly CustomerPpc[]) => new Map(ppcs.map((p) => [p.id, p]));

describe('updateRequest', () => {
  it('names a big request by its count and its first and last customer, so Travis lists it readably', () => {
    const ids = Array.from({ length: 50 }, (_, i) => `ppc-${String(i + 1).padStart(4, '0')}`);
    const request = updateRequest(ids, TARGET_REV, 'master');
    expect(request.message).toBe('release-cockpit: update 50 customers (ppc-0001 … ppc-0050) to PPC d4e5f6a');
    expect(request.config.env.jobs).toHaveLength(50);
  });


  it('carries one env.jobs entry per customer, appended to the fleet repo config, and names them and the target', () => {
    expect(updateRequest(['acme', 'globex'], TARGET_REV, 'master')).toEqual({
      branch: 'master',
      message: 'release-cockpit: update acme, globex to PPC d4e5f6a',
      config: { env: { jobs: [`CUSTOMER=acme PPC_REVISION=${TARGET_REV}`, `CUSTOMER=globex PPC_REVISION=${TARGET_REV}`] } },
      mergeMode: 'deep_merge_append',
    });
  });
});

describe('batchMarker', () => {
  it('names the release, the request number and when it was sent, in env.global where Travis shows it in the request config', () => {
    const marker = batchMarker('weekly 2026-12-04/acme', 3, 1_700_000_000_000);
    expect(marker).toBe(`COCKPIT_BATCH=weekly-2026-12-04-acme.3.${(1_700_000_000_000).toString(36)}`);
    expect(updateRequest(['acme'], TARGET_REV, 'master', marker).config.env).toEqual({ global: [marker], jobs: [`CUSTOMER=acme PPC_REVISION=${TARGET_REV}`] });
    // Sent again later for the same customers: a marker of its own.
    expect(batchMarker('weekly 2026-12-04/acme', 3, 1_700_000_000_001)).not.toBe(marker);
  });

  it('is found in a request config only whole: request 1 is not request 12', () => {
    const config = JSON.stringify({ env: { global: ['COCKPIT_BATCH=rel.12.abc'], jobs: [] } });
    expect(carriesMarker(config, 'COCKPIT_BATCH=rel.12.abc')).toBe(true);
    expect(carriesMarker(config, 'COCKPIT_BATCH=rel.1')).toBe(false);
    expect(carriesMarker(config, 'COCKPIT_BATCH=rel.12.ab')).toBe(false);
    expect(carriesMarker('', 'COCKPIT_BATCH=rel.12.abc')).toBe(false);
  });
});

describe('jobsByCustomer', () => {
  it('reads the customer from the CUSTOMER= the job name carries, whatever order Travis lists the jobs in', () => {
    const jobs = [named('7.2', 'started', envName('globex')), named('7.1', 'passed', envName('acme'))];
    const map = jobsByCustomer(jobs, ['acme', 'globex']);
    expect(map.get('acme')?.number).toBe('7.1');
    expect(map.get('globex')?.number).toBe('7.2');
    expect(customerOfJob('update: CUSTOMER="massive-dynamic" PPC_REVISION=abc')).toBe('massive-dynamic');
    expect(customerOfJob('MY_CUSTOMER=acme')).toBeUndefined();
  });

  it("falls back to the job's position when the names do not say, but only with one job per customer", () => {
    const jobs = [named('7.1', 'passed', 'ppc update'), named('7.2', 'failed', 'ppc update')];
    expect([...jobsByCustomer(jobs, ['acme', 'globex'])].map(([id, j]) => [id, j.number])).toEqual([
      ['acme', '7.1'],
      ['globex', '7.2'],
    ]);
    // A job the fleet repo's own .travis.yml adds shifts every position: no guessing then.
    const extra = [named('8.1', 'passed', 'lint'), ...jobs];
    expect(jobsByCustomer(extra, ['acme', 'globex']).size).toBe(0);
  });
});

describe('settleFlight', () => {
  const flight = (): Flight => ({ label: 'Travis request 205', customers: ['acme', 'globex', 'initech'], waiting: new Set(['acme', 'globex', 'initech']), requestId: 205, buildId: 7 });

  it("applies each job's outcome to its own PPC and remembers the failed job for a restart", () => {
    const ppcs = byId(['acme', 'globex', 'initech'].map((id) => ppc(id, 'updating')));
    const b = build('7', [named('7.1', 'passed', envName('acme')), named('7.2', 'failed', envName('globex')), named('7.3', 'started', envName('initech'))], { id: 7 });
    const settled = settleFlight(flight(), b, ppcs, TARGET_REV);
    expect(settled.patches).toEqual([
      { id: 'acme', state: 'verifying', detail: 'update job 7.1 passed; waiting for acme to report d4e5f6a' },
      { id: 'globex', state: 'failed', detail: 'update job 7.2 failed' },
      { id: 'initech', detail: 'in Travis request 205: job 7.3 started' },
    ]);
    expect(settled.failed).toEqual([{ id: 'globex', detail: 'update job 7.2 failed', job: { buildId: 7, jobId: 72, number: '7.2', finishedAt: null } }]);
    expect(settled.passed).toEqual(['acme']);
    expect(settled.resolved).toEqual(['acme', 'globex']);
  });

  it('writes nothing for a build that has not changed, and lets go of a PPC the fleet read already found done', () => {
    const ppcs = byId([ppc('acme', 'done'), ppc('globex', 'updating'), { ...ppc('initech', 'updating'), detail: 'in Travis request 205: job 7.3 started' }]);
    const b = build('7', [named('7.1', 'started', envName('acme')), named('7.2', 'started', envName('globex')), named('7.3', 'started', envName('initech'))], { id: 7 });
    const settled = settleFlight(flight(), b, ppcs, TARGET_REV);
    expect(settled.patches).toEqual([{ id: 'globex', detail: 'in Travis request 205: job 7.2 started' }]);
    expect(settled.resolved).toEqual(['acme']);
  });

  it('does not take the failed run of a restarted job for the new one', () => {
    const failedRun = { buildId: 7, jobId: 72, number: '7.2', finishedAt: '2026-01-01T00:00:05Z' };
    const restarted: Flight = { label: 'restarted job 7.2', customers: ['globex'], waiting: new Set(['globex']), buildId: 7, restarted: failedRun };
    const ppcs = byId([ppc('globex', 'updating')]);
    const stale = build('7', [{ ...named('7.2', 'failed', envName('globex')), finishedAt: failedRun.finishedAt }], { id: 7 });
    expect(settleFlight(restarted, stale, ppcs, TARGET_REV).patches).toEqual([{ id: 'globex', detail: 'restarting job 7.2' }]);
    const fresh = build('7', [{ ...named('7.2', 'passed', envName('globex')), finishedAt: '2026-01-01T00:01:00Z' }], { id: 7 });
    expect(settleFlight(restarted, fresh, ppcs, TARGET_REV).passed).toEqual(['globex']);
  });
});
