// GitHub writes whose answer is lost (the demo world does the write, then drops the connection): the engine looks
// the effect up by something unique to it and never sends a blind second write; the world's counters prove each
// effect happened once. Real octokit against the demo world over HTTP.
import { afterEach, describe, expect, it } from 'vitest';
import { retry } from '../../src/domain/checklist.js';
import { releaseBranchName, WEEKLY_PLAYBOOK } from '../../src/domain/weekly-playbook.js';
import type { JournalPort } from '../../src/engine/ports.js';
import { mergePromotionPr, openPromotionPr } from '../../src/engine/promotion.js';
import { reconcile } from '../../src/engine/reconcile.js';
import { writeSteps } from '../../src/engine/steps.js';
import type { EngineRecord } from '../../src/journal/events.js';
import { openActions, replay } from '../../src/journal/replay.js';
import { createServices, type Services } from '../../src/services/index.js';
import { startSim, type AcmeFacts, type SimHandle } from '../../src/sim/index.js';
import { createCockpitStore, type CockpitStoreApi } from '../../src/store/create-cockpit-store.js';
import { journal, RELEASE } from '../helpers/journal-fixtures.js';
import { advanceSim, clearFaults, injectFault } from '../helpers/sim.js';

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
  let n = 0;
  const port: JournalPort = {
    record: (e) => {
      const id = e.id ?? `i${++n}`;
      written.push({ ...e, id } as EngineRecord);
      return id;
    },
  };
  return { sim, facts: sim.world.facts as unknown as AcmeFacts, services, store, written, port };
}

const ctx = (w: World) => ({ store: w.store, services: w.services, config: w.sim.config, now: Date.now, journal: w.port });
const REPO = '/repos/acme/service';
const fault = (w: World, rule: Record<string, unknown>) => injectFault(w.sim.url, rule);
const stepOf = (w: World, id: string) => w.store.getState().checklist.steps.find((s) => s.id === id);
const requests = (w: World, route: string): number => w.sim.stats().requests[route] ?? 0;
/** The outcomes journalled for intent `id`, in order. */
const outcomesOf = (w: World, id: string) => w.written.filter((e) => e.type === 'outcome' && e.id === id);
const intentOf = (w: World, action: string) => w.written.find((e) => e.type === 'intent' && 'action' in e && e.action === action);
const idOf = (e: EngineRecord | undefined): string => e?.id ?? 'none';

/** Puts the store at `stepId` (active), everything before it done. */
function at(w: World, stepId: string, candidate?: string): void {
  const steps = w.store.getState().checklist.steps;
  const index = steps.findIndex((s) => s.id === stepId);
  w.store.getState().stepsAdvanced(steps.map((s, i) => (i < index ? { id: s.id, status: 'done', startedAt: 1, finishedAt: 2 } : i === index ? { id: s.id, status: 'active' } : { id: s.id, status: 'pending' })));
  if (candidate) w.store.getState().promotionRead({ candidateSha: candidate });
}

/** `r` on a failed step: back to active, as the key router's retry does. */
function pressR(w: World, stepId: string): void {
  const next = retry(w.store.getState().checklist.steps, stepId, Date.now());
  if (!next.ok) throw new Error(next.error);
  writeSteps(w.store, next.steps, 'stepsAdvanced');
}

/** A promotion PR GitHub would merge (clean), from a release branch at staging's green commit. */
async function greenPull(w: World): Promise<number> {
  const head = 'release/2026-11-24-manual';
  // Opened as a person would, with a client of its own: the engine's keeps no write spacing to wait out.
  const { github } = createServices(w.sim.config, {});
  await github.createBranch(head, w.facts.stagingGreen);
  const pull = await github.createPull({ head, base: 'production', title: 'Release', body: '' });
  for (let i = 0; i < 60; i += 1) {
    // Clean: its required check passed too, so GitHub takes the merge.
    if ((await github.getPull(pull.number)).mergeableState === 'clean') return pull.number;
    await advanceSim(w.sim, 2_000);
  }
  throw new Error('the PR never became mergeable');
}

describe('the GitHub client itself', () => {
  it('never resends a write whose answer was lost: one request, one effect each, and an error that is not a refusal', async () => {
    const w = await world();
    const gh = w.services.github;
    await fault(w, { target: 'github', kind: 'lost', method: 'POST' });
    const failures = [
      await gh.createBranch('release/lost', w.facts.stagingGreen).catch((e: unknown) => e),
      await gh.createPull({ head: 'release/lost', base: 'production', title: 'Release', body: '' }).catch((e: unknown) => e),
    ];
    await clearFaults(w.sim.url);
    const number = (await gh.findOpenPull('release/lost', 'production'))?.number ?? 0;
    for (let i = 0; i < 60 && (await gh.getPull(number)).mergeableState !== 'clean'; i += 1) await advanceSim(w.sim, 2_000);
    await fault(w, { target: 'github', kind: 'lost', method: 'PUT' });
    failures.push(await gh.mergePull(number, { sha: w.facts.stagingGreen }).catch((e: unknown) => e));
    for (const failure of failures) expect(failure).toMatchObject({ name: 'SourceError', kind: 'unreachable' });
    expect(w.sim.stats()).toMatchObject({ refsCreated: 1, prsCreated: 1, merges: 1 });
    expect(requests(w, 'POST /github/repos/:owner/:repo/git/refs')).toBe(1);
    expect(requests(w, 'POST /github/repos/:owner/:repo/pulls')).toBe(1);
    expect(requests(w, 'PUT /github/repos/:owner/:repo/pulls/:number/merge')).toBe(1);
  });
});

describe('opening the promotion PR when an answer is lost', () => {
  it('a lost create-branch is found by its ref, and the PR is opened on it: one ref, one PR', async () => {
    const w = await world();
    at(w, 'open-promotion-pr', w.facts.stagingGreen);
    await fault(w, { target: 'github', kind: 'lost', method: 'POST', path: `${REPO}/git/refs`, count: 1 });
    await openPromotionPr(ctx(w), w.facts.stagingGreen);

    const branch = releaseBranchName(w.facts.stagingGreen, Date.now(), 'UTC');
    expect(stepOf(w, 'open-promotion-pr')).toMatchObject({ status: 'done', outcome: expect.stringMatching(new RegExp(`^PR #\\d+ opened: ${branch} -> production$`)) });
    const intent = intentOf(w, 'create-branch');
    expect(intent).toMatchObject({ branch, sha: w.facts.stagingGreen });
    expect(outcomesOf(w, idOf(intent))).toEqual([expect.objectContaining({ ok: true, sha: w.facts.stagingGreen, reconciled: true })]);
    expect(w.sim.stats()).toMatchObject({ refsCreated: 1, prsCreated: 1, faultsInjected: 1 });
    expect(requests(w, 'POST /github/repos/:owner/:repo/git/refs')).toBe(1);
  });

  it('a lost open-pr is found as the open PR for its head and base, never opened twice', async () => {
    const w = await world();
    at(w, 'open-promotion-pr', w.facts.stagingGreen);
    await fault(w, { target: 'github', kind: 'lost', method: 'POST', path: `${REPO}/pulls`, count: 1 });
    await openPromotionPr(ctx(w), w.facts.stagingGreen);

    const pull = w.store.getState().promotion.pull;
    expect(stepOf(w, 'open-promotion-pr')).toMatchObject({ status: 'done', outcome: `PR #${pull?.number} opened: ${pull?.headRef} -> production` });
    const intent = intentOf(w, 'open-pr');
    expect(outcomesOf(w, idOf(intent))).toEqual([expect.objectContaining({ ok: true, number: pull?.number, reconciled: true })]);
    expect(w.sim.stats()).toMatchObject({ prsCreated: 1 });
    expect(requests(w, 'POST /github/repos/:owner/:repo/pulls')).toBe(1);
  });

  it('a lost open-pr whose look-up fails is unknown, not "not sent"; r looks again first and finds it', async () => {
    const w = await world();
    at(w, 'open-promotion-pr', w.facts.stagingGreen);
    await fault(w, { target: 'github', kind: 'lost', method: 'POST', path: `${REPO}/pulls`, count: 1 });
    // The look-up for an open PR before sending goes through; every one after it fails.
    await fault(w, { target: 'github', kind: 'slow', delayMs: 0, method: 'GET', path: `${REPO}/pulls`, count: 1 });
    await fault(w, { target: 'github', kind: '5xx', method: 'GET', path: `${REPO}/pulls` });
    await openPromotionPr(ctx(w), w.facts.stagingGreen);

    const step = stepOf(w, 'open-promotion-pr');
    expect(step?.status).toBe('failed');
    expect(step?.reason).toMatch(/^opening the pull request release\/\S+ -> production: the answer was lost \(.*\), and looking it up failed \(.*\); whether it happened is unknown, so r looks again before sending anything$/);
    const intent = intentOf(w, 'open-pr');
    const id = idOf(intent);
    expect(outcomesOf(w, id)).toEqual([expect.objectContaining({ ok: false, unknown: true })]);
    expect(outcomesOf(w, id)[0]).not.toHaveProperty('notSent');

    await clearFaults(w.sim.url);
    pressR(w, 'open-promotion-pr');
    await openPromotionPr(ctx(w), w.facts.stagingGreen);
    const pull = w.store.getState().promotion.pull;
    expect(stepOf(w, 'open-promotion-pr')).toMatchObject({ status: 'done', outcome: `PR #${pull?.number} was already open: ${pull?.headRef} -> production` });
    // The first intent is settled by the look-up; no second intent, no second POST.
    expect(outcomesOf(w, id).at(-1)).toEqual(expect.objectContaining({ ok: true, number: pull?.number, reconciled: true }));
    expect(w.written.filter((e) => e.type === 'intent' && 'action' in e && e.action === 'open-pr')).toHaveLength(1);
    expect(requests(w, 'POST /github/repos/:owner/:repo/pulls')).toBe(1);
    expect(w.sim.stats().prsCreated).toBe(1);
  });

  it('a lost create-branch whose look-up fails: r looks the ref up before creating anything', async () => {
    const w = await world();
    at(w, 'open-promotion-pr', w.facts.stagingGreen);
    const branch = releaseBranchName(w.facts.stagingGreen, Date.now(), 'UTC');
    await fault(w, { target: 'github', kind: 'lost', method: 'POST', path: `${REPO}/git/refs`, count: 1 });
    await fault(w, { target: 'github', kind: '5xx', method: 'GET', path: `${REPO}/branches/${branch}` });
    await openPromotionPr(ctx(w), w.facts.stagingGreen);
    expect(stepOf(w, 'open-promotion-pr')).toMatchObject({ status: 'failed', reason: expect.stringMatching(/^creating branch release\/\S+ at [0-9a-f]{7}: the answer was lost .* whether it happened is unknown, so r looks again before sending anything$/) });

    await clearFaults(w.sim.url);
    pressR(w, 'open-promotion-pr');
    await openPromotionPr(ctx(w), w.facts.stagingGreen);
    expect(stepOf(w, 'open-promotion-pr')?.status).toBe('done');
    const id = idOf(intentOf(w, 'create-branch'));
    expect(outcomesOf(w, id).map((o) => (o.type === 'outcome' && o.ok ? 'found' : 'unknown'))).toEqual(['unknown', 'found']);
    expect(requests(w, 'POST /github/repos/:owner/:repo/git/refs')).toBe(1);
    expect(w.sim.stats()).toMatchObject({ refsCreated: 1, prsCreated: 1 });
  });
});

describe('merging the promotion PR when an answer is lost', () => {
  it('a lost merge is found merged (isMerged, then the merge sha from the PR): merged once', async () => {
    const w = await world();
    const number = await greenPull(w);
    at(w, 'merge-promotion-pr', w.facts.stagingGreen);
    await fault(w, { target: 'github', kind: 'lost', method: 'PUT', path: `${REPO}/pulls/${number}/merge`, count: 1 });
    await mergePromotionPr(ctx(w), number, w.facts.stagingGreen);

    const { sha } = await w.services.github.getHead('production');
    expect(stepOf(w, 'merge-promotion-pr')).toMatchObject({ status: 'done', outcome: `PR #${number} merged as ${sha.slice(0, 7)} (its answer was lost; GitHub shows the merge)` });
    expect(w.store.getState().promotion).toMatchObject({ mergeSha: sha });
    const id = idOf(intentOf(w, 'merge-pr'));
    expect(outcomesOf(w, id)).toEqual([expect.objectContaining({ ok: true, number, sha, reconciled: true })]);
    expect(w.sim.stats().merges).toBe(1);
    expect(requests(w, 'PUT /github/repos/:owner/:repo/pulls/:number/merge')).toBe(1);
  });

  it('a lost merge whose look-up fails is never taken as "not merged": unknown, and r reads the PR before merging', async () => {
    const w = await world();
    const number = await greenPull(w);
    at(w, 'merge-promotion-pr', w.facts.stagingGreen);
    await fault(w, { target: 'github', kind: 'lost', method: 'PUT', path: `${REPO}/pulls/${number}/merge`, count: 1 });
    await fault(w, { target: 'github', kind: '5xx', method: 'GET', path: `${REPO}/pulls/${number}/merge` });
    await mergePromotionPr(ctx(w), number, w.facts.stagingGreen);

    expect(stepOf(w, 'merge-promotion-pr')).toMatchObject({
      status: 'failed',
      reason: expect.stringMatching(new RegExp(`^merging PR #${number}: the answer was lost \\(.*\\), and looking it up failed \\(.*502.*\\); whether it happened is unknown, so r looks again before sending anything$`)),
    });
    const id = idOf(intentOf(w, 'merge-pr'));
    expect(outcomesOf(w, id)).toEqual([expect.objectContaining({ ok: false, unknown: true })]);
    expect(outcomesOf(w, id)[0]).not.toHaveProperty('notSent');

    await clearFaults(w.sim.url);
    pressR(w, 'merge-promotion-pr');
    await mergePromotionPr(ctx(w), number, w.facts.stagingGreen);
    const { sha } = await w.services.github.getHead('production');
    expect(stepOf(w, 'merge-promotion-pr')).toMatchObject({ status: 'done', outcome: `PR #${number} was already merged as ${sha.slice(0, 7)}` });
    expect(outcomesOf(w, id).at(-1)).toEqual(expect.objectContaining({ ok: true, number, sha, reconciled: true }));
    expect(w.written.filter((e) => e.type === 'intent')).toHaveLength(1);
    expect(w.sim.stats().merges).toBe(1);
    expect(requests(w, 'PUT /github/repos/:owner/:repo/pulls/:number/merge')).toBe(1);
  });

  it('a 502 to a merge that GitHub shows did not happen is "not sent", proved: r then merges, once', async () => {
    const w = await world();
    const number = await greenPull(w);
    at(w, 'merge-promotion-pr', w.facts.stagingGreen);
    await fault(w, { target: 'github', kind: '5xx', method: 'PUT', path: `${REPO}/pulls/${number}/merge`, count: 1 });
    await mergePromotionPr(ctx(w), number, w.facts.stagingGreen);
    expect(stepOf(w, 'merge-promotion-pr')).toMatchObject({ status: 'failed', reason: expect.stringMatching(new RegExp(`^merging PR #${number} did not happen: .*502.*; GitHub shows no trace of it \\(GitHub says PR #${number} is not merged\\), so r sends it again$`)) });
    const first = idOf(intentOf(w, 'merge-pr'));
    expect(outcomesOf(w, first)).toEqual([expect.objectContaining({ ok: false, notSent: true, reconciled: true })]);
    expect(w.sim.stats().merges).toBe(0);

    pressR(w, 'merge-promotion-pr');
    await mergePromotionPr(ctx(w), number, w.facts.stagingGreen);
    expect(stepOf(w, 'merge-promotion-pr')?.status).toBe('done');
    expect(w.sim.stats().merges).toBe(1);
  });
});

describe('an unknown outcome across a restart', () => {
  it('stays open in the journal, so the next start looks it up instead of trusting it', async () => {
    const w = await world();
    const number = await greenPull(w);
    const { sha } = await w.services.github.mergePull(number, { sha: w.facts.stagingGreen });
    const snapshot = replay(
      journal(
        [0, RELEASE],
        [1, { type: 'intent', id: 'm1', action: 'merge-pr', number, sha: w.facts.stagingGreen }],
        [2, { type: 'outcome', id: 'm1', ok: false, error: 'the answer was lost; looking it up failed', unknown: true }],
      ),
    );
    if (!snapshot) throw new Error('the journal did not replay');
    expect(openActions(snapshot).map((a) => a.id)).toEqual(['m1']);
    at(w, 'merge-promotion-pr', w.facts.stagingGreen);
    const result = await reconcile(ctx(w), snapshot);
    expect(w.written).toEqual([{ type: 'outcome', id: 'm1', ok: true, number, sha, reconciled: true }]);
    // Once settled, it is no longer open.
    const settled = replay(journal([0, RELEASE], [1, { type: 'intent', id: 'm1', action: 'merge-pr', number, sha: w.facts.stagingGreen }], [2, { type: 'outcome', id: 'm1', ok: false, error: 'lost', unknown: true }], [3, { type: 'outcome', id: 'm1', ok: true, number, sha, reconciled: true }]));
    expect(settled && openActions(settled)).toEqual([]);
    // The cockpit's own merge, found: not one "merged outside the cockpit".
    expect(result.found).toEqual([`merging PR #${number} had happened as ${sha.slice(0, 7)}`]);
    expect(w.sim.stats().merges).toBe(1);
  });
});
