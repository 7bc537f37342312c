// After a restart the engine looks at the world before acting: against the demo world over real HTTP.
import { afterEach, describe, expect, it } from 'vitest';
import type { Config } from '../../src/config/schema.js';
import { WEEKLY_PLAYBOOK } from '../../src/domain/weekly-playbook.js';
import type { JournalPort } from '../../src/engine/ports.js';
import { reconcile } from '../../src/engine/reconcile.js';
import type { EngineRecord, UnstampedEvent } from '../../src/journal/events.js';
import { replay, type ReleaseSnapshot } from '../../src/journal/replay.js';
import { createServices, type Services } from '../../src/services/index.js';
import { startSim, type AcmeFacts, type SimHandle } from '../../src/sim/index.js';
import { createCockpitStore, type CockpitStoreApi } from '../../src/store/create-cockpit-store.js';
import { RELEASE, journal, step } from '../helpers/journal-fixtures.js';
import { advanceSim } from '../helpers/sim.js';

interface World {
  readonly sim: SimHandle;
  readonly facts: AcmeFacts;
  readonly services: Services;
  readonly store: CockpitStoreApi;
  readonly written: EngineRecord[];
  readonly port: JournalPort;
}

const open: SimHandle[] = [];
afterEach(async () => {
  for (const sim of open.splice(0)) await sim.close();
});

async function world(): Promise<World> {
  const sim = await startSim({ speed: 50, seed: 5 });
  open.push(sim);
  const services = createServices(sim.config, {});
  const store = createCockpitStore({ playbook: WEEKLY_PLAYBOOK, now: Date.now(), meta: { timezone: 'UTC' } });
  const written: EngineRecord[] = [];
  const port: JournalPort = { record: (e) => (written.push(e), e.type === 'intent' ? (e.id ?? 'x') : e.id) };
  return { sim, facts: sim.world.facts as unknown as AcmeFacts, services, store, written, port };
}

const ctx = (w: World, config: Config = w.sim.config) => ({ store: w.store, services: w.services, config, now: Date.now, journal: w.port });

/** Puts the store where the journal says the release is: `stepId` current (running or active), everything before it done. */
function at(w: World, stepId: string, status: 'active' | 'running', candidate?: string): void {
  const steps = w.store.getState().checklist.steps;
  const index = steps.findIndex((s) => s.id === stepId);
  w.store.getState().stepsAdvanced(steps.map((s, i) => (i < index ? { id: s.id, status: 'done', startedAt: 1, finishedAt: 2 } : i === index ? { id: s.id, status, startedAt: 3 } : { id: s.id, status: 'pending' })));
  if (candidate) w.store.getState().promotionRead({ candidateSha: candidate });
}

const snapshotOf = (...events: UnstampedEvent[]): ReleaseSnapshot => replay(journal([0, RELEASE], ...events.map((e, i) => [i + 1, e] as const)))!;
const status = (w: World, id: string) => w.store.getState().checklist.steps.find((s) => s.id === id);

/** Opens the release PR the way the cockpit would (or a person in the browser), and waits for its CI. */
async function openGreenPull(w: World): Promise<number> {
  const head = 'release/2026-11-24-manual';
  await w.services.github.createBranch(head, w.facts.stagingGreen);
  const pull = await w.services.github.createPull({ head, base: 'production', title: 'Release', body: '' });
  for (let i = 0; i < 60; i += 1) {
    if ((await w.services.github.getPull(pull.number)).mergeable) return pull.number;
    await advanceSim(w.sim, 2_000);
  }
  throw new Error('the PR never became mergeable');
}

describe('reconcile after a restart', () => {
  it('recognises a merge whose answer was lost: the merge step completes with the real merge sha, and nothing is merged again', async () => {
    const w = await world();
    const number = await openGreenPull(w);
    const { sha } = await w.services.github.mergePull(number, { sha: w.facts.stagingGreen });
    at(w, 'merge-promotion-pr', 'running', w.facts.stagingGreen);
    const snapshot = snapshotOf(
      { type: 'pull', number, url: 'u', head: 'release/2026-11-24-manual', base: 'production', headSha: w.facts.stagingGreen },
      step('merge-promotion-pr', 'running', 1),
      { type: 'intent', id: 'm1', action: 'merge-pr', number, sha: w.facts.stagingGreen },
    );
    const result = await reconcile(ctx(w), snapshot);
    expect(w.written).toEqual([{ type: 'outcome', id: 'm1', ok: true, number, sha, reconciled: true }]);
    expect(status(w, 'merge-promotion-pr')).toMatchObject({ status: 'done', outcome: `PR #${number} merged as ${sha.slice(0, 7)}` });
    expect(w.store.getState().promotion).toMatchObject({ mergeSha: sha, pull: { number, merged: true } });
    expect(result.found).toEqual([`merging PR #${number} had happened as ${sha.slice(0, 7)}`]);
    expect(w.sim.stats().merges).toBe(1);
  });

  it('completes the merge step for a PR merged in the browser while the cockpit was not running', async () => {
    const w = await world();
    const number = await openGreenPull(w);
    const { sha } = await w.services.github.mergePull(number, { sha: w.facts.stagingGreen });
    at(w, 'merge-promotion-pr', 'active', w.facts.stagingGreen);
    const snapshot = snapshotOf({ type: 'pull', number, url: 'u', head: 'release/2026-11-24-manual', base: 'production', headSha: w.facts.stagingGreen });
    const result = await reconcile(ctx(w), snapshot);
    expect(status(w, 'merge-promotion-pr')).toMatchObject({ status: 'done', outcome: `PR #${number} merged as ${sha.slice(0, 7)}` });
    expect(result.found).toEqual([`PR #${number} is merged as ${sha.slice(0, 7)} (merged outside the cockpit)`]);
  });

  it('an interrupted branch update is looked up by the head it was pinned to, and never sent again', async () => {
    const w = await world();
    const number = await openGreenPull(w);
    w.sim.world.rules.requireUpToDate = true;
    await fetch(`${w.sim.url}/_sim/push`, { method: 'POST', body: JSON.stringify({ branch: 'production', message: 'Hotfix' }) });
    await w.services.github.updateBranch(number, w.facts.stagingGreen);
    const moved = (await w.services.github.getPull(number)).headSha;
    at(w, 'merge-promotion-pr', 'active', w.facts.stagingGreen);
    const result = await reconcile(ctx(w), snapshotOf({ type: 'intent', id: 'u1', action: 'update-branch', number, sha: w.facts.stagingGreen }));
    expect(w.written).toEqual([{ type: 'outcome', id: 'u1', ok: true, number, sha: moved, reconciled: true }]);
    expect(result.found).toContain(`updating PR #${number}'s branch had happened: PR #${number}`);
    expect(w.sim.stats().branchUpdates).toBe(1);
  });

  it('a merge that did not happen leaves the PR open and the step failed with how to retry it', async () => {
    const w = await world();
    const number = await openGreenPull(w);
    at(w, 'merge-promotion-pr', 'running', w.facts.stagingGreen);
    const snapshot = snapshotOf(
      { type: 'pull', number, url: 'u', head: 'release/2026-11-24-manual', base: 'production', headSha: w.facts.stagingGreen },
      { type: 'intent', id: 'm1', action: 'merge-pr', number, sha: w.facts.stagingGreen },
    );
    await reconcile(ctx(w), snapshot);
    expect(w.written).toEqual([expect.objectContaining({ id: 'm1', ok: false, notSent: true, error: `PR #${number} is still open` })]);
    expect(status(w, 'merge-promotion-pr')).toMatchObject({ status: 'failed', reason: expect.stringMatching(/stopped while merging.*press r/) });
    expect(w.sim.stats().merges).toBe(0);
  });

  it('finds the PR an interrupted "open" did create, and reuses one opened in the browser, never opening a second', async () => {
    const w = await world();
    const number = await openGreenPull(w);
    at(w, 'open-promotion-pr', 'running', w.facts.stagingGreen);
    const lost = snapshotOf({ type: 'intent', id: 'o1', action: 'open-pr', head: 'release/2026-11-24-manual', base: 'production', sha: w.facts.stagingGreen });
    await reconcile(ctx(w), lost);
    expect(w.written).toEqual([expect.objectContaining({ id: 'o1', ok: true, number, reconciled: true })]);
    expect(status(w, 'open-promotion-pr')).toMatchObject({ status: 'done', outcome: `PR #${number} opened: release/2026-11-24-manual -> production` });
    expect(status(w, 'wait-pr-ci')?.status).toBe('active');
    expect(w.sim.stats().prsCreated).toBe(1);
  });

  it('an "open" that never reached GitHub is failed with how to retry it, not sent again', async () => {
    const w = await world();
    at(w, 'open-promotion-pr', 'running', w.facts.stagingGreen);
    const lost = snapshotOf({ type: 'intent', id: 'o1', action: 'open-pr', head: 'release/2026-11-24-cb0f495', base: 'production', sha: w.facts.stagingGreen });
    await reconcile(ctx(w), lost);
    expect(w.written).toEqual([expect.objectContaining({ id: 'o1', ok: false, notSent: true })]);
    expect(status(w, 'open-promotion-pr')).toMatchObject({ status: 'failed', reason: expect.stringMatching(/press r to try again/) });
    expect(w.sim.stats().prsCreated).toBe(0);
  });

  it('finds a PPC update request whose answer was lost by its marker, and hands back the requests still to follow, the unknown one included', async () => {
    const w = await world();
    const repo = w.sim.config.ppcs!.trigger.repo;
    const target = w.facts.ppcRevision.staging;
    const message = 'release-cockpit: update acme, globex to PPC test';
    const marker = 'COCKPIT_BATCH=rel.1.abc';
    // Sent with the marker in env.global, as the rollout sends; the message is no help (Travis fills it in late).
    const config = { env: { global: [marker], jobs: ['CUSTOMER=acme', 'CUSTOMER=globex'] } };
    const { requestId } = await w.services.travis.triggerRequest(repo, { branch: 'master', message: 'another message', config, mergeMode: 'deep_merge_append' });
    at(w, 'update-ppcs', 'running');
    // As the journal left the rows: acme failed and globex running in the request Travis got, initech shown
    // updating although its request has not been seen on Travis.
    const row = (id: string, state: 'failed' | 'updating') => ({ id, name: id, current: undefined, target, state });
    w.store.getState().rolloutStarted(target);
    w.store.getState().fleetRead([row('acme', 'failed'), row('globex', 'updating'), row('initech', 'updating')]);
    const snapshot = snapshotOf(
      { type: 'rollout', target },
      { type: 'intent', id: 't1', action: 'trigger-ppcs', repo, branch: 'master', customers: ['acme', 'globex'], target, message, marker },
      // A marker one character longer is another request.
      { type: 'intent', id: 't2', action: 'trigger-ppcs', repo, branch: 'master', customers: ['initech'], target, message: 'not seen', marker: 'COCKPIT_BATCH=rel.1.ab' },
    );
    const result = await reconcile(ctx(w), snapshot);
    // Not seen is not "not sent": t2 stays open, and the rollout keeps looking for it.
    expect(w.written).toEqual([expect.objectContaining({ id: 't1', ok: true, requestId, reconciled: true })]);
    expect(result.follow).toEqual([
      { requestId, customers: ['acme', 'globex'], at: expect.any(Number), intent: 't1' },
      { customers: ['initech'], at: expect.any(Number), intent: 't2', message: 'not seen', marker: 'COCKPIT_BATCH=rel.1.ab' },
    ]);
    expect(result.found).toContainEqual('the update request for initech: its answer never came and Travis does not show it yet; the rollout keeps looking for it');
    // The failed one is read from its job again, so a retry restarts that job; initech stays where it was.
    expect(w.store.getState().rollout.ppcs.map((p) => [p.id, p.state])).toEqual([
      ['acme', 'updating'],
      ['globex', 'updating'],
      ['initech', 'updating'],
    ]);
    expect(w.sim.stats().travisRequests).toBe(1);
  });

  it('looks up a CI job restart whose answer was lost: restarted is done, still showing its failed run stays unknown', async () => {
    const w = await world();
    const [red] = await w.services.travis.listBuilds({ repo: 'acme/service', branches: ['staging'], events: ['push'], limit: 1 });
    const failed = red?.jobs.filter((j) => j.state === 'failed') ?? [];
    expect(failed.length).toBeGreaterThan(0);
    const [first] = failed;
    if (!red || !first) return;
    const intent = (id: string) => ({ type: 'intent', id, action: 'restart-ci-job', jobId: first.id, buildId: red.id, job: `${first.number} ${first.name}`, finishedAt: first.finishedAt }) as const;
    const unseen = await reconcile({ ...ctx(w), lookForMs: 300 }, snapshotOf(intent('c1')));
    expect(w.written).toEqual([]);
    expect(unseen.found).toContainEqual(`restarting CI job ${first.number} ${first.name}: its answer never came and the job still shows its failed run; unknown whether it took effect`);

    await fetch(`${w.sim.url}/travis/job/${first.id}/restart`, { method: 'POST' });
    const result = await reconcile({ ...ctx(w), lookForMs: 300 }, snapshotOf(intent('c2')));
    expect(w.written.at(-1)).toEqual(expect.objectContaining({ id: 'c2', ok: true, reconciled: true }));
    expect(result.found).toContainEqual(`restarting CI job ${first.number} ${first.name} had happened`);
    expect(w.sim.stats().requests['POST /travis/job/:id/restart']).toBe(1);
  });
});
