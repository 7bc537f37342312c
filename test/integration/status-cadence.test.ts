// The cadence the release needs, against the demo world and without the engine: once the release waits on
// the deploy build or the site, the pollers notice it in seconds, not at their idle cadence.
import { afterEach, expect, it } from 'vitest';
import { WEEKLY_PLAYBOOK } from '../../src/domain/weekly-playbook.js';
import { ENVIRONMENTS_VERIFYING_MS } from '../../src/pollers/environments-poller.js';
import { PROMOTION_WAITING_MS } from '../../src/pollers/promotion-poller.js';
import { startPollers, type RunningPollers } from '../../src/pollers/start-pollers.js';
import { createServices } from '../../src/services/index.js';
import type { AcmeFacts } from '../../src/sim/index.js';
import { createCockpitStore, type CockpitStoreApi } from '../../src/store/create-cockpit-store.js';
import type { CockpitState } from '../../src/store/state.js';
import { advanceSim, useSim } from '../helpers/sim.js';
import { jumpTo } from '../unit/checklist-builders.js';

const sim = useSim({ seed: 11 });
const facts = (): AcmeFacts => sim().world.facts as unknown as AcmeFacts;
const send = (path: string, body: unknown, method = 'POST') =>
  fetch(`${sim().url}/github/repos/acme/service${path}`, { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
let running: RunningPollers | undefined;

afterEach(() => {
  running?.stop();
  running = undefined;
});

async function until(store: CockpitStoreApi, ok: (s: CockpitState) => boolean, what: string, timeoutMs: number): Promise<CockpitState> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const s = store.getState();
    if (ok(s)) return s;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

it('sees the deploy build and then the new site within seconds of the merge, without being asked', async () => {
  const store = createCockpitStore({ playbook: WEEKLY_PLAYBOOK });
  running = startPollers(store, createServices(sim().config, {}), sim().config, { tickMs: 3_600_000 });
  await until(store, (s) => s.environments.status === 'ready' && s.sources.travis.state === 'ok', 'the first round of polls', 15_000);

  // The promotion, as the cockpit opens it: a release branch at the green candidate and a PR into production.
  expect((await send('/git/refs', { ref: 'refs/heads/release/cadence', sha: facts().stagingGreen })).status).toBe(201);
  const { number } = (await (await send('/pulls', { title: 'Weekly release', head: 'release/cadence', base: 'production' })).json()) as { number: number };
  for (let i = 0; i < 60; i += 1) {
    const pr = (await (await fetch(`${sim().url}/github/repos/acme/service/pulls/${number}`)).json()) as { mergeable_state: string };
    if (pr.mergeable_state === 'clean') break;
    await advanceSim(sim(), 500);
  }
  await running.refresh('promotion');
  expect(store.getState().promotion.pull?.number).toBe(number);

  const merged = (await (await send(`/pulls/${number}/merge`, {}, 'PUT')).json()) as { sha: string };
  // The read right after the merge (the engine's) comes before Travis has created the push build.
  await running.refresh('promotion');
  jumpTo(store, 'wait-deploy');
  expect(store.getState().promotion.deployBuild?.sha).not.toBe(merged.sha);
  expect(store.getState().promotion.pull).toMatchObject({ number, state: 'closed', merged: true });

  await advanceSim(sim(), 2_000);
  await until(store, (s) => s.promotion.deployBuild?.sha === merged.sha, 'the push build of the merge', PROMOTION_WAITING_MS + 5_000);

  // The build passes and production deploys it; the release is verifying the site.
  jumpTo(store, 'verify-environment');
  await advanceSim(sim(), 60_000);
  const s = await until(
    store,
    (x) => x.environments.status === 'ready' && x.environments.data.at(-1)?.site.version === merged.sha,
    "production's site serving the merge",
    ENVIRONMENTS_VERIFYING_MS + 5_000,
  );
  expect(s.environments.status === 'ready' && s.environments.data.at(-1)?.head.sha).toBe(merged.sha);
}, 40_000);
