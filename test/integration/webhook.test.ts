// The team hears when a human must act: a receiver on loopback stands for Slack (or any JSON endpoint) and gets
// what a driving cockpit's store goes through. Real HTTP; the store is a real cockpit store.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { hotfixPlaybook } from '../../src/domain/hotfix-playbook.js';
import type { Playbook, StepProgress } from '../../src/domain/playbook.js';
import { WEEKLY_PLAYBOOK } from '../../src/domain/weekly-playbook.js';
import { watchForTeam } from '../../src/modes/team-webhook.js';
import { createWebhook, webhookFromEnv, type Webhook } from '../../src/services/webhook.js';
import { createCockpitStore, type CockpitStoreApi } from '../../src/store/create-cockpit-store.js';
import { UsageError } from '../../src/exit-codes.js';
import { build, ppcs, pull } from '../helpers/ui-fixtures.js';
import { givenMeta } from '../helpers/store-state.js';

const HOTFIX_PLAYBOOK = hotfixPlaybook({ from: 'staging', to: 'production' });
const GITHUB_TOKEN = 'fake-token-never-in-a-webhook-message';
const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

interface Receiver {
  readonly url: URL;
  readonly bodies: Record<string, unknown>[];
  until(n: number): Promise<void>;
}

/** A webhook receiver on loopback; `hang` never answers (a receiver that is down in the worst way). */
async function receiver(options: { readonly hang?: boolean } = {}): Promise<Receiver> {
  const bodies: Record<string, unknown>[] = [];
  const server: Server = createServer((req: IncomingMessage, res) => {
    let text = '';
    req.on('data', (chunk: Buffer) => (text += chunk.toString()));
    req.on('end', () => {
      bodies.push(JSON.parse(text) as Record<string, unknown>);
      if (!options.hang) res.end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => {
    server.closeAllConnections();
    return new Promise((resolve) => server.close(resolve));
  });
  const url = new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/T000/B000`);
  return {
    url,
    bodies,
    async until(n) {
      const deadline = Date.now() + 5_000;
      while (bodies.length < n && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
    },
  };
}

function driving(playbook: Playbook): CockpitStoreApi {
  return createCockpitStore({ playbook, meta: { mode: 'driving', releaseId: '2026-12-04-weekly', releaseName: 'Weekly release 2026-12-04', repo: 'acme/service', roles: { primary: 'dana-w' } } });
}

/** Every step before the one of `type` done, that one active. */
function activeAt(playbook: Playbook, type: string): StepProgress[] {
  const at = playbook.steps.findIndex((s) => s.type === type);
  return playbook.steps.map((s, i) => ({ id: s.id, status: i < at ? 'done' : i === at ? 'active' : 'pending' }));
}

function hook(store: CockpitStoreApi, url: URL, options: Partial<Parameters<typeof createWebhook>[0]> = {}): Webhook {
  const webhook = createWebhook({ url, format: 'slack', secrets: [GITHUB_TOKEN], ...options });
  cleanups.push(watchForTeam(store, webhook));
  return webhook;
}

describe('the team webhook', () => {
  it('gets CI red, ready to merge, deploy failed, a PPC failed and release complete, each once, as Slack text', async () => {
    const got = await receiver();
    const store = driving(WEEKLY_PLAYBOOK);
    let now = Date.parse('2026-12-04T14:00:00Z');
    hook(store, got.url, { now: () => now });
    const s = store.getState();

    s.promotionRead({ pull: pull({ number: 307 }), prBuild: build({ id: 9, number: '1234', state: 'failed' }) });
    // The same red build seen again (a poll) says nothing new.
    s.promotionRead({ prBuild: build({ id: 9, number: '1234', state: 'failed' }) });
    s.stepsAdvanced(activeAt(WEEKLY_PLAYBOOK, 'merge-promotion-pr'));
    s.promotionRead({ deployBuild: build({ id: 10, number: '1240', state: 'errored', event: 'push' }) });
    s.fleetRead(ppcs(3, (i) => ({ state: i === 1 ? 'failed' : 'pending' })));
    // A second failure within the gap is held back, and counted in the next message of its kind.
    s.fleetRead(ppcs(3, (i) => ({ state: i >= 1 ? 'failed' : 'pending' })));
    now += 31_000;
    s.fleetRead(ppcs(3, () => ({ state: 'failed' })));
    s.stepsAdvanced(WEEKLY_PLAYBOOK.steps.map((step) => ({ id: step.id, status: 'done' })));
    await got.until(6);

    expect(got.bodies.map((b) => b['text'])).toEqual([
      'Weekly release 2026-12-04 (acme/service): CI red on PR #307 (build #1234, failed)',
      'Weekly release 2026-12-04 (acme/service): PR #307 is green and ready to merge',
      'Weekly release 2026-12-04 (acme/service): the deploy failed (build #1240, errored)',
      'Weekly release 2026-12-04 (acme/service): the PPC of customer-0002 failed to update to d4e5f6d',
      'Weekly release 2026-12-04 (acme/service): the PPC of customer-0001 failed to update to d4e5f6d (and 1 more like it since the last message)',
      'Weekly release 2026-12-04 (acme/service): release complete',
    ]);
  });

  it('says an approval is needed (hotfix), in plain JSON when asked, and never a token or a local path', async () => {
    const got = await receiver();
    const store = driving(HOTFIX_PLAYBOOK);
    givenMeta(store, { releaseName: `Hotfix ${GITHUB_TOKEN} /home/dana/.local/state/release-cockpit` });
    hook(store, got.url, { format: 'json' });
    store.getState().promotionRead({ pull: pull({ number: 311 }) });
    store.getState().stepsAdvanced(activeAt(HOTFIX_PLAYBOOK, 'await-approval'));
    await got.until(1);
    expect(got.bodies).toEqual([{ kind: 'approval-needed', text: 'Hotfix [redacted] [path] (acme/service): PR #311 needs an approving review', release: '2026-12-04-weekly', repo: 'acme/service', at: expect.any(String) }]);
  });

  it('a receiver that hangs never slows the cockpit: sending returns at once, and slow requests are capped, not queued', async () => {
    const got = await receiver({ hang: true });
    const store = driving(WEEKLY_PLAYBOOK);
    const webhook = hook(store, got.url, { gapMs: 0, timeoutMs: 300, maxInFlight: 2 });
    const started = performance.now();
    for (let i = 1; i <= 10; i++) store.getState().fleetRead(ppcs(10, (j) => ({ state: j < i ? 'failed' : 'pending' })));
    expect(performance.now() - started).toBeLessThan(50);
    await got.until(2);
    await webhook.settle();
    expect(webhook.stats()).toMatchObject({ sent: 0, failed: 2, dropped: 8 });
  });

  it('a read-only cockpit says nothing, and a COCKPIT_WEBHOOK_URL that is not http(s) is refused without repeating it', async () => {
    const got = await receiver();
    const store = driving(WEEKLY_PLAYBOOK);
    givenMeta(store, { mode: 'read-only' });
    hook(store, got.url);
    store.getState().promotionRead({ prBuild: build({ state: 'failed' }) });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(got.bodies).toEqual([]);
    expect(webhookFromEnv({})).toBeUndefined();
    expect(() => webhookFromEnv({ COCKPIT_WEBHOOK_URL: 'ftp://secret-key@hooks' })).toThrow(new UsageError('COCKPIT_WEBHOOK_URL must be an http(s) URL'));
    expect(() => webhookFromEnv({ COCKPIT_WEBHOOK_URL: 'https://hooks.example/x', COCKPIT_WEBHOOK_FORMAT: 'xml' })).toThrow(/slack or json/);
  });
});
