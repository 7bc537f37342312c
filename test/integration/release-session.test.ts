// One driver per release: the lease beside the journal, read-only for a second cockpit, --take-over, and the
// driver shown on the promotion PR. Against the demo world over real HTTP, with a state directory of its own.
import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { WEEKLY_PLAYBOOK } from '../../src/domain/weekly-playbook.js';
import { createEngine } from '../../src/engine/engine.js';
import { readLease, writeLease } from '../../src/journal/lease-file.js';
import { leaseComment, type Lease } from '../../src/journal/lease.js';
import { injectFault } from '../helpers/sim.js';
import { parseJournal } from '../../src/journal/parse.js';
import { releasePaths } from '../../src/journal/paths.js';
import { openReleaseSession, type ReleaseSession } from '../../src/modes/release/session.js';
import { startPollers } from '../../src/pollers/start-pollers.js';
import { createServices, type ServiceTokens } from '../../src/services/index.js';
import { startSim, type AcmeFacts, type SimHandle } from '../../src/sim/index.js';
import { createCockpitStore, type CockpitStoreApi } from '../../src/store/create-cockpit-store.js';

let sim: SimHandle;
let state: string;
const open: { session: ReleaseSession; stop: () => void }[] = [];

beforeEach(async () => {
  sim = await startSim({ speed: 50, seed: 9 });
  state = mkdtempSync(join(tmpdir(), 'cockpit-session-'));
});

afterEach(async () => {
  for (const o of open.splice(0)) {
    o.stop();
    await o.session.stop();
  }
  await sim.close();
  rmSync(state, { recursive: true, force: true });
});

/** A cockpit's session on the sim's release, with its store, pollers and engine, as `cockpit run` wires them. */
async function cockpit(options: { readonly tokens?: ServiceTokens; readonly takeOver?: boolean; readonly now?: () => number } = {}): Promise<{ session: ReleaseSession; store: CockpitStoreApi }> {
  const services = createServices(sim.config, options.tokens ?? {});
  const session = await openReleaseSession({
    config: sim.config,
    services,
    playbook: WEEKLY_PLAYBOOK,
    mode: 'driving',
    stateDir: state,
    takeOver: options.takeOver ?? false,
    secrets: [],
    now: options.now ?? Date.now,
    heartbeatMs: 50,
  });
  const store = createCockpitStore({ playbook: WEEKLY_PLAYBOOK, now: Date.now(), meta: { mode: session.mode, releaseId: session.id, timezone: 'UTC' } });
  session.attach(store);
  const pollers = startPollers(store, services, sim.config);
  const engine = createEngine({ store, services, config: sim.config, now: Date.now, notify: () => undefined, refresh: (w) => void pollers.refresh(w), ...(session.journal ? { journal: session.journal } : {}) });
  session.begin({ engine, pollers });
  open.push({ session, stop: () => (engine.stop(), pollers.stop()) });
  return { session, store };
}

const journalOf = (session: ReleaseSession) => parseJournal(readFileSync(releasePaths(state, session.id).journal, 'utf8')).events;
/** Someone else's live lease: another host, seen a moment ago. */
const elsewhere = (id: string, driver = 'eli-r'): Lease => ({ release: id, driver, host: 'desk-2', pid: 4242, started: new Date().toISOString(), heartbeat: new Date().toISOString() });

describe('one driver per release', () => {
  it('writes a lease naming the driver, host and pid beside the journal, and removes it on a clean quit', async () => {
    const { session } = await cockpit();
    expect(session.mode).toBe('driving');
    const path = releasePaths(state, session.id).lease;
    expect(readLease(path)).toMatchObject({ release: session.id, driver: 'dana-w', host: hostname(), pid: process.pid });
    expect(journalOf(session).map((e) => e.type)).toEqual(['release', 'driver']);
    const o = open.pop();
    o?.stop();
    await session.stop();
    expect(readLease(path)).toBeUndefined();
  });

  it('opens a second cockpit read-only while the lease is live, naming the driver, and writes nothing', async () => {
    const first = await cockpit();
    open.pop()?.stop();
    await first.session.stop();
    const { lease, journal } = releasePaths(state, first.session.id);
    writeLease(lease, elsewhere(first.session.id));
    const lines = readFileSync(journal, 'utf8');

    const second = await cockpit();
    expect(second.session.mode).toBe('read-only');
    expect(second.store.getState().meta.mode).toBe('read-only');
    expect(second.store.getState().ui.notice?.text).toMatch(/^Read-only: eli-r on host desk-2 \(pid 4242\), seen \d+s ago drives this release; cockpit run --take-over hands it to you/);
    // The journal is followed, never written.
    expect(readFileSync(journal, 'utf8')).toBe(lines);
    expect(readLease(lease)?.driver).toBe('eli-r');
  });

  it('--take-over hands the release over (journalled), and the old driver stops acting at its next heartbeat', async () => {
    const first = await cockpit();
    const { lease } = releasePaths(state, first.session.id);
    // The secondary takes over from another host: its lease replaces ours.
    writeLease(lease, elsewhere(first.session.id));
    await vi.waitFor(() => expect(first.store.getState().meta.mode).toBe('read-only'));
    expect(first.store.getState().ui.notice?.text).toBe('eli-r took this release over on host desk-2; this cockpit is read-only now');
    const before = journalOf(first.session).length;
    first.store.getState().promotionRead({ candidateSha: (sim.world.facts as unknown as AcmeFacts).stagingGreen });
    expect(journalOf(first.session)).toHaveLength(before);
    await first.session.perform({ type: 'open-pr', sha: 'x' });
    expect(sim.stats().prsCreated).toBe(0);

    // And back: this cockpit (as eli-r's token says) takes it over explicitly.
    writeLease(lease, elsewhere(first.session.id, 'dana-w'));
    const taker = await cockpit({ tokens: { github: 'sim-eli-r' }, takeOver: true });
    expect(taker.session.mode).toBe('driving');
    expect(readLease(lease)).toMatchObject({ driver: 'eli-r', host: hostname(), pid: process.pid });
    expect(journalOf(taker.session).at(-1)).toMatchObject({ type: 'driver', actor: 'eli-r', tookOverFrom: 'dana-w', resumed: true });
    expect(taker.store.getState().ui.notice?.text).toMatch(/Resumed|took this release over from dana-w/);
  });

  it('shows the driver on the promotion PR in one comment, edited in place after a take-over, never posted twice', async () => {
    const facts = sim.world.facts as unknown as AcmeFacts;
    const services = createServices(sim.config, {});
    await services.github.createBranch('release/manual', facts.stagingGreen);
    const pull = await services.github.createPull({ head: 'release/manual', base: 'production', title: 'Release', body: '' });
    const comments = async () => (await services.github.listComments(pull.number)).map((c) => `${c.user}: ${c.body.split('\n')[0]}`);
    const posted = () => sim.stats().requests['POST /github/repos/:owner/:repo/issues/:number/comments'] ?? 0;

    // GitHub posts the first comment but its answer never arrives: the next look finds it by its marker.
    await injectFault(sim.url, { target: 'github', kind: 'lost', method: 'POST', path: `/repos/acme/service/issues/${pull.number}/comments`, count: 1 });
    const first = await cockpit();
    first.store.getState().promotionRead({ pull });
    await vi.waitFor(() => expect(posted()).toBe(1));
    await vi.waitFor(() => expect(journalOf(first.session).some((e) => e.type === 'note' && e.text === `the driver is shown on PR #${pull.number}`)).toBe(true), { timeout: 5_000 });
    expect(posted()).toBe(1);
    expect(await comments()).toEqual([expect.stringMatching(new RegExp(`^dana-w: release-cockpit: driven by dana-w on host ${hostname()} since \\S+Z \\(release ${first.session.id}\\)\\.$`))]);

    // The same driver starting again posts nothing...
    open.pop()?.stop();
    await first.session.stop();
    const listed = () => sim.stats().requests['GET /github/repos/:owner/:repo/issues/:number/comments'] ?? 0;
    const looked = listed();
    const again = await cockpit();
    again.store.getState().promotionRead({ pull });
    await vi.waitFor(() => expect(listed()).toBeGreaterThan(looked));
    // ...and a take-over by eli-r (from dana-w's cockpit on another host) edits the one comment to name eli-r.
    open.pop()?.stop();
    await again.session.stop();
    writeLease(releasePaths(state, again.session.id).lease, elsewhere(again.session.id, 'dana-w'));
    const taker = await cockpit({ tokens: { github: 'sim-eli-r' }, takeOver: true });
    taker.store.getState().promotionRead({ pull });
    await vi.waitFor(async () => expect((await comments())[0]).toMatch(/^dana-w: release-cockpit: driven by eli-r on host .* taken over from dana-w\.$/));
    expect(await comments()).toHaveLength(1);
    expect(posted()).toBe(1);
  });

  it('a primary that comes back after a take-over on another machine reads the PR and is read-only', async () => {
    const facts = sim.world.facts as unknown as AcmeFacts;
    const services = createServices(sim.config, {});
    await services.github.createBranch('release/manual', facts.stagingGreen);
    const pull = await services.github.createPull({ head: 'release/manual', base: 'production', title: 'Release', body: '' });
    const first = await cockpit();
    first.store.getState().promotionRead({ pull });
    await vi.waitFor(async () => expect(await services.github.listComments(pull.number)).toHaveLength(1));
    const id = first.session.id;

    // eli-r takes over on another machine: only the PR shows it here (this machine's lease is untouched).
    const [comment] = await services.github.listComments(pull.number);
    const later = { release: id, driver: 'eli-r', host: 'desk-2', pid: 77, started: new Date(Date.now() + 2_000).toISOString(), heartbeat: new Date().toISOString() };
    await createServices(sim.config, { github: 'sim-eli-r' }).github.updateComment(comment!.id, leaseComment(later, { from: 'dana-w', reason: 'laptop died' }));
    // Still running: the next look at the PR makes it read-only.
    await vi.waitFor(() => expect(first.store.getState().ui.notice?.text).toBe('eli-r took this release over on host desk-2; this cockpit is read-only now'), { timeout: 5_000 });
    expect(first.store.getState().meta.mode).toBe('read-only');

    // Started again (its own lease gone with the process): it reads the PR before it offers to drive.
    open.pop()?.stop();
    await first.session.stop();
    const back = await cockpit();
    expect(back.session.mode).toBe('read-only');
    expect(back.store.getState().ui.notice?.text).toMatch(new RegExp(`^Read-only: eli-r took this release over on host desk-2 at \\S+ \\(PR #${pull.number} says so\\); cockpit run --take-over takes it back$`));
  });

  it('resumes past a journal line cut off by a crash, saying so, and loses nothing before it', async () => {
    const first = await cockpit();
    const [review, ...rest] = first.store.getState().checklist.steps;
    first.store.getState().stepsAdvanced([{ ...review!, status: 'done', finishedAt: Date.now() }, { ...rest[0]!, status: 'active', startedAt: Date.now() }, ...rest.slice(1)]);
    open.pop()?.stop();
    await first.session.stop();
    const { journal } = releasePaths(state, first.session.id);
    appendFileSync(journal, '{"at":"2026-11-24T14:0');

    const second = await cockpit();
    expect(second.session.resumed?.id).toBe(first.session.id);
    const warned = new RegExp(`^Resumed ${first.session.id} at step 2, "Choose the release candidate".*journal .*: line \\d+ was cut off \\(the cockpit stopped while writing it\\) and is ignored$`);
    expect(second.store.getState().ui.notice).toEqual({ text: expect.stringMatching(warned), tone: 'warning' });
    // Still said once the world has been looked at again.
    await vi.waitFor(() => expect(journalOf(second.session).filter((e) => e.type === 'note' && e.text.startsWith('resumed by'))).toHaveLength(1));
    expect(second.store.getState().ui.notice).toEqual({ text: expect.stringMatching(warned), tone: 'warning' });
    expect(second.store.getState().checklist.steps.slice(0, 2).map((x) => x.status)).toEqual(['done', 'active']);
  });

  it('refuses to drive a release it cannot journal, with one line naming the directory', async () => {
    const file = join(state, 'not-a-directory');
    writeFileSync(file, '');
    const opening = openReleaseSession({ config: sim.config, services: createServices(sim.config, {}), playbook: WEEKLY_PLAYBOOK, mode: 'driving', stateDir: file, takeOver: false, secrets: [], now: Date.now });
    await expect(opening).rejects.toThrow(`cannot write the release journal in ${join(file, 'releases')} (ENOTDIR); point COCKPIT_STATE_DIR at a writable directory`);
  });
});

describe('the weekly window', () => {
  it('warns that a weekly release started outside the window is a hotfix, and says nothing inside it', async () => {
    // The demo team's window: Tuesday 14:00 UTC, for four hours.
    const inside = await cockpit({ now: () => Date.parse('2026-12-01T15:00:00Z') });
    expect(inside.store.getState().ui.notice).toBeNull();
    open.pop()?.stop();
    await inside.session.stop();
    rmSync(state, { recursive: true, force: true });

    const outside = await cockpit({ now: () => Date.parse('2026-12-03T10:00:00Z') });
    expect(outside.store.getState().ui.notice).toEqual({
      text: "Outside the weekly window (tuesday 14:00 UTC): a change to production now is a hotfix and needs a manager's approval (cockpit run --playbook hotfix)",
      tone: 'warning',
    });
  });
});
