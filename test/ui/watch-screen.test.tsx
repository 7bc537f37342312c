import { describe, expect, it } from 'vitest';
import { WEEKLY_PLAYBOOK } from '../../src/domain/weekly-playbook.js';
import type { CommandDeps } from '../../src/keys/commands.js';
import { feedStateOf } from '../../src/mirror/feed-state.js';
import { createMirrorLinkStore, type MirrorLinkStore } from '../../src/mirror/link.js';
import { createWatcherStore } from '../../src/mirror/watcher-store.js';
import { createCockpitStore, type CockpitStoreApi } from '../../src/store/create-cockpit-store.js';
import type { PendingAction } from '../../src/store/state.js';
import { App } from '../../src/ui/app.js';
import { MirrorLinkProvider } from '../../src/ui/mirror-link.js';
import { NOW } from '../helpers/ui-fixtures.js';
import { lines, press, renderAt, waitForFrame, width } from '../helpers/ui.js';

function primary(): CockpitStoreApi {
  return createCockpitStore({ playbook: WEEKLY_PLAYBOOK, now: NOW, meta: { mode: 'driving', releaseName: 'Weekly release 2026-06-09', roles: { primary: 'dana-w', secondary: 'eli-r' } } });
}

async function renderWatcher(source: CockpitStoreApi, link?: MirrorLinkStore) {
  const watcher = createWatcherStore(feedStateOf(source.getState()), NOW);
  const mirrorLink = link ?? createMirrorLinkStore({ role: 'watching', url: 'http://127.0.0.1:7777', driver: 'dana-w', primaryCursor: source.getState().checklist.cursor, link: { state: 'live', lastSeenAt: NOW, attempt: 0 } });
  const performed: PendingAction[] = [];
  const quits: true[] = [];
  const takenOver: string[] = [];
  const deps: CommandDeps = { perform: (action) => void performed.push(action), quit: () => void quits.push(true), takeOver: (reason) => void takenOver.push(reason) };
  const r = await renderAt(
    <MirrorLinkProvider link={mirrorLink}>
      <App store={watcher.store} deps={deps} onChoose={() => undefined} />
    </MirrorLinkProvider>,
    { columns: 80, rows: 24 },
  );
  return Object.assign(r, { store: watcher.store, watcher, link: mirrorLink, performed, quits, takenOver });
}

describe('cockpit watch: the same screen, read-only', () => {
  it('shows the MIRROR banner naming the driver, and a footer without any action key', async () => {
    const r = await renderWatcher(primary());
    const frame = await waitForFrame(r, 'MIRROR');
    expect(lines(frame)[0]).toContain(' MIRROR  dana-w driving · Weekly release 2026-06-09 · secondary eli-r');
    expect(frame).toContain('1. Review what changes');
    expect(frame).toContain('↑↓/jk move  Tab pane  ? help  q quit');
    expect(frame).not.toContain('do step');
    expect(frame).not.toContain('s skip');
    for (const l of lines(frame)) expect(width(l)).toBeLessThanOrEqual(80);
  });

  it('lists in its help only what a watcher can do', async () => {
    const r = await renderWatcher(primary());
    await press(r, '?');
    const frame = await waitForFrame(r, 'Close the help');
    expect(frame).toContain('Focus the next pane');
    expect(frame).toContain('Open the live log tail');
    // Its one question: whether to take the release over.
    expect(frame).toContain('Watching (cockpit watch)');
    for (const hidden of ['Typing a skip reason', 'Choosing the candidate', 'Checklist pane', 'Skip the current step', 'Retry']) expect(frame).not.toContain(hidden);
  });

  it('takes the release over with T, after y/n and a typed reason, once the primary is gone', async () => {
    const r = await renderWatcher(primary());
    r.store.getState().replicaChecked({ primary: 'dana-w', replicaLines: 40, liveLease: 'dana-w on host laptop (pid 7), seen 3s ago' });
    await press(r, 'T');
    await waitForFrame(r, 'no take-over while dana-w on host laptop (pid 7), seen 3s ago');
    expect(r.store.getState().ui.dialog).toBeNull();
    r.store.getState().replicaChecked({ primary: 'dana-w', replicaLines: 40 });
    await waitForFrame(r, 'T take over');
    await press(r, 'T');
    await waitForFrame(r, 'Take the release over from dana-w?');
    await press(r, 'y');
    await waitForFrame(r, 'Why do you take the release over from');
    for (const ch of 'laptop gone') await press(r, ch);
    const frame = await waitForFrame(r, 'Reason: laptop gone');
    expect(frame).toContain('Enter takes over');
    await press(r, 'enter');
    expect(r.takenOver).toEqual(['laptop gone']);
    expect(r.performed).toEqual([]);
  });

  it('refuses every action key and changes nothing', async () => {
    const r = await renderWatcher(primary());
    await press(r, 'enter');
    await waitForFrame(r, 'this cockpit is read-only: it only watches the release');
    await press(r, 's');
    await press(r, 'y');
    expect(r.store.getState().ui.dialog).toBeNull();
    expect(r.store.getState().checklist.steps[0]?.status).toBe('active');
    expect(r.performed).toEqual([]);
  });

  it('quits at once with q, even while the primary has a rollout in flight', async () => {
    const source = primary();
    source.getState().fleetRead([{ id: 'acme', name: 'Acme', current: 'a', target: 'b', state: 'updating' }]);
    const r = await renderWatcher(source);
    await press(r, 'q');
    expect(r.quits).toHaveLength(1);
    expect(r.store.getState().ui.dialog).toBeNull();
  });

  it("shows the primary's question and where the primary is when the watcher looks elsewhere", async () => {
    const source = primary();
    const r = await renderWatcher(source);
    await press(r, 'j');
    await press(r, 'j');
    await waitForFrame(r, 'dana-w driving (on step 1)');
    source.getState().openDialog({ kind: 'confirm', action: { type: 'confirm-manual', stepId: 'review-changes' }, prompt: 'Mark "Review what changes" as done?' });
    r.watcher.apply(feedStateOf(source.getState()));
    await waitForFrame(r, 'dana-w is asked: Mark "Review what changes" as done? (y/n)');
  });

  it('says how old its view is while it reconnects', async () => {
    const link = createMirrorLinkStore({ role: 'watching', url: 'http://127.0.0.1:7777', driver: 'dana-w', primaryCursor: 0, link: { state: 'live', lastSeenAt: NOW, attempt: 0 } });
    const r = await renderWatcher(primary(), link);
    link.setState({ link: { state: 'reconnecting', lastSeenAt: NOW, attempt: 2, reason: 'connection lost' } });
    r.store.getState().clockTicked(NOW + 12_000);
    const frame = await waitForFrame(r, 'disconnected 12s — reconnecting');
    expect(lines(frame)[1]?.startsWith(' ▲ disconnected 12s — reconnecting')).toBe(true);
    link.setState({ link: { state: 'live', lastSeenAt: NOW + 13_000, attempt: 0 } });
    await waitForFrame(r, (f) => !f.includes('disconnected'));
  });
});

describe("the primary's header while it serves a mirror", () => {
  it('says how many watch', async () => {
    const store = primary();
    const link = createMirrorLinkStore({ role: 'serving', url: 'http://127.0.0.1:7777', watchers: 0 });
    const deps: CommandDeps = { perform: () => undefined, quit: () => undefined };
    const r = await renderAt(
      <MirrorLinkProvider link={link}>
        <App store={store} deps={deps} />
      </MirrorLinkProvider>,
      { columns: 160, rows: 40 },
    );
    await waitForFrame(r, 'mirror 0 watching');
    link.setState({ watchers: 2 });
    await waitForFrame(r, 'mirror 2 watching');
  });

  it('shows how many lines of the journal it keeps, once the feed has sent some', async () => {
    const link = createMirrorLinkStore({ role: 'watching', url: 'http://127.0.0.1:7777', driver: 'dana-w', primaryCursor: 0, link: { state: 'live', lastSeenAt: NOW, attempt: 0 } });
    const r = await renderWatcher(primary(), link);
    expect(lines(r.lastFrame() ?? '')[1]).not.toContain('journal');
    link.setState({ replicaLines: 46 });
    const frame = await waitForFrame(r, 'journal 46');
    expect(lines(frame)[1]).toMatch(/ · journal 46/);
  });
});
