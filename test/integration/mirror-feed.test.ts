import { afterEach, describe, expect, it } from 'vitest';
import { resolveTokens } from '../../src/config/tokens.js';
import { WEEKLY_PLAYBOOK } from '../../src/domain/weekly-playbook.js';
import { startFeedClient, type FeedClient } from '../../src/mirror/client.js';
import { feedUrl } from '../../src/mirror/feed-url.js';
import type { FeedState } from '../../src/mirror/protocol.js';
import { startMirrorServer } from '../../src/mirror/server.js';
import { createWatcherStore } from '../../src/mirror/watcher-store.js';
import { startPollers } from '../../src/pollers/start-pollers.js';
import { createServices } from '../../src/services/index.js';
import { createCockpitStore } from '../../src/store/create-cockpit-store.js';
import { recordFeed, until } from '../helpers/mirror.js';
import { injectFault, useSim } from '../helpers/sim.js';

const sim = useSim({ seed: 3 });
const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('the mirror feed of a real cockpit session', () => {
  it('never carries the mirror token, GITHUB_TOKEN or TRAVIS_TOKEN, not even in error details', async () => {
    const env = { GITHUB_TOKEN: 'ghp_NeverInTheFeed1', TRAVIS_TOKEN: 'travis-FeedMustNeverCarryThisEither', HOME: '/nonexistent', PATH: '' };
    const mirrorToken = 'mirror-FeedMustNotCarryItsOwnToken42';
    const config = sim().config;
    const tokens = await resolveTokens(config, env);
    expect(tokens.github).toBe(env.GITHUB_TOKEN);
    const store = createCockpitStore({ playbook: WEEKLY_PLAYBOOK, meta: { mode: 'driving', roles: config.roles, repo: config.service.repo } });
    const pollers = startPollers(store, createServices(config, { github: tokens.github, travis: tokens.travis }, { timeoutMs: 2_000 }), config);
    cleanups.push(() => pollers.stop());
    const server = await startMirrorServer({ store, host: '127.0.0.1', port: 0, token: mirrorToken });
    cleanups.push(() => server.close());
    const feed = await recordFeed(server.url, mirrorToken);
    cleanups.push(() => feed.close());

    await feed.waitFor((s) => s.environments.status === 'ready' && s.candidates.status === 'ready' && s.rollout.ppcs.length > 0, 'every slice read');
    // Failing reads put error details into the store; they must not bring a token with them.
    await injectFault(sim().url, { target: 'github', kind: '5xx', count: 20 });
    await injectFault(sim().url, { target: 'travis', kind: '5xx', count: 20 });
    await pollers.refresh('promotion');
    await pollers.refresh('candidates');
    await feed.waitFor((s) => s.sources.github.state !== 'ok' || s.candidates.status === 'error', 'a failed read in the feed', 20_000);

    const raw = feed.raw();
    expect(raw.length).toBeGreaterThan(1000);
    for (const secret of [mirrorToken, env.GITHUB_TOKEN, env.TRAVIS_TOKEN]) expect(raw).not.toContain(secret);
  });

  it('brings a change to all of 100 watchers', async () => {
    const store = createCockpitStore({ playbook: WEEKLY_PLAYBOOK, meta: { mode: 'driving', roles: { primary: 'dana-w' } } });
    const token = 'hundred-watchers-token-0123';
    const server = await startMirrorServer({ store, host: '127.0.0.1', port: 0, token });
    cleanups.push(() => server.close());
    const latest: Array<FeedState | undefined> = [];
    const clients: FeedClient[] = Array.from({ length: 100 }, (_, i) =>
      startFeedClient({ url: feedUrl(server.url), token, onState: (state) => (latest[i] = state) }),
    );
    cleanups.push(() => clients.forEach((c) => c.stop()));
    await Promise.all(clients.map((c) => c.ready));
    expect(server.stats().watchers).toBe(100);

    store.getState().moveCursor(4);
    store.getState().setNotice({ text: 'PR #307 opened', tone: 'success' });
    await until(() => latest.filter((s) => s?.checklist.cursor === 4 && s.primary.notice?.text === 'PR #307 opened').length === 100, 'the change at every watcher');
    // One patch for the change, written once and sent to each.
    expect(server.stats().events.patch.count).toBe(1);
  });

  it("gives a watcher the primary's data and cursor, and keeps its own focus, cursors and dialogs", async () => {
    const store = createCockpitStore({ playbook: WEEKLY_PLAYBOOK, meta: { mode: 'driving', roles: { primary: 'dana-w' } } });
    const token = 'watcher-store-token-012345';
    const server = await startMirrorServer({ store, host: '127.0.0.1', port: 0, token });
    cleanups.push(() => server.close());
    let watcher: ReturnType<typeof createWatcherStore> | undefined;
    const client = startFeedClient({ url: feedUrl(server.url), token, onState: (state) => watcher?.apply(state) });
    cleanups.push(() => client.stop());
    watcher = createWatcherStore(await client.ready);
    const mirror = watcher.store;
    expect(mirror.getState().meta.mode).toBe('mirror');

    mirror.getState().focusPane('rollout');
    store.getState().moveCursor(2);
    store.getState().focusPane('ci');
    store.getState().setPpcs([{ id: 'acme', name: 'Acme', current: 'a', target: 'b', state: 'failed', detail: 'job 12.1 failed' }]);
    await until(() => mirror.getState().rollout.ppcs.length === 1 && mirror.getState().checklist.cursor === 2, 'the fleet and the cursor');
    expect(mirror.getState().ui.focus).toBe('rollout');

    // The watcher looks at another step; the primary moving again takes it along.
    mirror.getState().setCursor(6);
    store.getState().setNotice({ text: 'unrelated', tone: 'info' });
    await until(() => mirror.getState().ui.notice?.text === 'unrelated', 'the notice');
    expect(mirror.getState().checklist.cursor).toBe(6);
    store.getState().moveCursor(1);
    await until(() => mirror.getState().checklist.cursor === 3, 'the cursor following the primary again');

    // The primary's question is shown as the watcher's notice; the watcher gets no dialog of its own from it.
    store.getState().openDialog({ kind: 'confirm', action: { type: 'retry-ppc', id: 'acme' }, prompt: 'Retry updating acme to b?' });
    await until(() => mirror.getState().ui.notice?.text === 'dana-w is asked: Retry updating acme to b? (y/n)', 'the question');
    expect(mirror.getState().ui.dialog).toBeNull();

    // A log: only the one the primary has open is in the feed.
    store.getState().openDialog({ kind: 'log', jobId: 12, title: 'job 12.1 lint' });
    store.getState().setLog({ jobId: 12, text: 'step 1\n', isComplete: false });
    mirror.getState().openDialog({ kind: 'log', jobId: 99, title: 'job 12.2 unit' });
    await until(() => mirror.getState().log?.error?.includes('only the log dana-w has open') ?? false, 'the other job explained');
    mirror.getState().openDialog({ kind: 'log', jobId: 12, title: 'job 12.1 lint' });
    await until(() => mirror.getState().log?.text === 'step 1\n', "the primary's log");
    store.getState().setLog({ jobId: 12, text: 'step 1\nstep 2\n', isComplete: false });
    await until(() => mirror.getState().log?.text === 'step 1\nstep 2\n', 'the log growing');
  });
});
