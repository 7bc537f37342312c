// `cockpit demo --config FILE`: the demo world wears a team's own configuration (environments and branches, pinned
// files, customers, waves, schedule), so a new on-call engineer rehearses the real checklist without credentials.
// The team here is unlike acme in every one of those; its whole weekly release is driven against the world.
import { fileURLToPath } from 'node:url';
import { afterEach, expect, it, vi } from 'vitest';
import { teamFromFlag } from '../../src/modes/team-config.js';
import { selectActiveStep } from '../../src/store/selectors.js';
import { chooseCandidate } from '../../src/keys/choose-candidate.js';
import { startSim, type AcmeFacts, type SimHandle, type TeamShape } from '../../src/sim/index.js';
import { runPlaybook, type PlaybookRun } from './playbook-support.js';

const FIXTURE = fileURLToPath(new URL('../fixtures/configs/team-rehearsal.yaml', import.meta.url));
const CUSTOMERS = ['umbrella', 'hooli', 'piedpiper', 'vandelay', 'wonka'];

let sim: SimHandle | undefined;
let run: PlaybookRun | undefined;
afterEach(async () => {
  await sim?.close();
  await run?.stop();
  sim = undefined;
  run = undefined;
});

async function team(): Promise<TeamShape> {
  const shape = await teamFromFlag(FIXTURE, {});
  if (!shape) throw new Error('no team shape');
  return shape;
}

async function contents(url: string, path: string, ref: string): Promise<string> {
  const res = await fetch(`${url}/github/repos/acme/service/contents/${path}?ref=${ref}`);
  expect(res.status).toBe(200);
  return Buffer.from(((await res.json()) as { content: string }).content, 'base64').toString('utf8');
}

it("serves the team's environments, pinned files, customers, waves and schedule, every URL at the demo world", async () => {
  sim = await startSim({ team: await team(), seed: 5 });
  const c = sim.config;
  expect(c.environments.map((e) => [e.name, e.branch])).toEqual([['dev', 'develop'], ['stage', 'release'], ['prod', 'main']]);
  expect(c.components).toEqual({ ppc: { file: 'build/Gopkg.lock', project: 'github.com/initrode/edge-ppc' }, sdk: { file: '.travis.yml', variable: 'EDGE_SDK_RELEASE' } });
  expect(c.schedule).toEqual({ timezone: 'Europe/Berlin', nightly: '03:30', weekly: { day: 'thursday', time: '10:00' } });
  expect(c.ppcs?.customers.map((x) => [x.id, x.name, x.url])).toEqual([
    ['umbrella', 'Umbrella Health', `${sim.url}/ppcs/umbrella/version`],
    ['hooli', 'Hooli', `${sim.url}/ppcs/hooli/version`],
    ['piedpiper', 'Pied Piper', `${sim.url}/ppcs/piedpiper/version`],
    ['vandelay', 'Vandelay Industries', `${sim.url}/ppcs/vandelay/version`],
    ['wonka', 'wonka', `${sim.url}/ppcs/wonka/version`],
  ]);
  expect(c.rollout.waves).toEqual([{ name: 'pilot', customers: ['umbrella'] }, { name: 'the rest' }]);
  const urls = JSON.stringify(c).match(/https?:\/\/[^"]+/g) ?? [];
  expect(urls.length).toBeGreaterThan(10);
  expect(urls.filter((u) => !u.startsWith(`${sim?.url}/`))).toEqual([]);

  // The repository has the team's branches, not acme's, and the pins sit where the team's config says.
  const branches = ((await (await fetch(`${sim.url}/github/repos/acme/service/branches?per_page=100`)).json()) as { name: string }[]).map((b) => b.name);
  expect(branches).toEqual(expect.arrayContaining(['develop', 'release', 'main']));
  expect(branches.filter((b) => ['master', 'staging', 'production'].includes(b))).toEqual([]);
  expect(await contents(sim.url, 'build/Gopkg.lock', 'main')).toContain('name = "github.com/initrode/edge-ppc"');
  expect(await contents(sim.url, '.travis.yml', 'release')).toMatch(/- EDGE_SDK_RELEASE=0\.11\.3\n/);
  // Same seed, same world.
  const again = await startSim({ team: await team(), seed: 5 });
  try {
    expect(again.world.facts).toEqual(sim.world.facts);
  } finally {
    await again.close();
  }
});

it('drives a whole weekly release on the team world: its names on the checklist, each of the five customers triggered once', async () => {
  run = await runPlaybook('weekly', 'weekly', { speed: 100, team: await team() });
  const r = run;
  const facts = r.sim.world.facts as unknown as AcmeFacts;
  expect(facts.customers).toEqual(CUSTOMERS);
  expect(r.playbook.steps.map((s) => s.title)).toEqual(expect.arrayContaining(['Wait for the prod deploy', 'Verify prod']));
  await vi.waitFor(() => expect(r.store.getState().candidates.status).toBe('ready'), { timeout: 10_000 });
  const envs = r.store.getState().environments;
  expect(envs.status === 'ready' ? envs.data.map((e) => `${e.name}@${e.branch}`) : envs.status).toEqual(['dev@develop', 'stage@release', 'prod@main']);
  // The cockpit read the team's pins with the team's project and variable: stage carries the bumps prod lacks.
  await vi.waitFor(() => expect(r.store.getState().diffs.find((d) => d.from === 'stage' && d.to === 'prod')).toMatchObject({ ppc: { from: facts.ppcRevision.staging, to: facts.ppcRevision.production, changed: true }, sdk: { from: '0.11.3', to: '0.11.2', changed: true } }), { timeout: 10_000 });

  r.enter();
  r.press('y');
  r.enter();
  // The scripted trouble stays: stage's head is red, the commit before it green and preselected.
  const candidates = r.store.getState().candidates;
  expect(candidates.status === 'ready' ? candidates.data.find((c) => c.isLatestGreen)?.commit.sha : undefined).toBe(facts.stagingGreen);
  chooseCandidate(r.store, { perform: (action) => r.engine.perform(action), quit: () => undefined }, facts.stagingGreen);
  await r.until('open-promotion-pr', 'active');
  r.enter();
  r.press('y');
  await r.until('wait-pr-ci', 'done', 30_000);
  expect(r.store.getState().promotion.pull).toMatchObject({ baseRef: 'main', headSha: facts.stagingGreen });
  await vi.waitFor(() => expect(selectActiveStep(r.store.getState())?.condition.text).toMatch(/can merge/), { timeout: 15_000, interval: 10 });
  r.enter();
  r.press('y');
  await r.until('update-ppcs', 'active', 20_000);
  r.enter();
  r.press('y');
  // One customer fails its first update, outside the pilot wave; a restart brings it through.
  await r.until('update-ppcs', 'failed', 20_000);
  expect(facts.failingCustomer).not.toBe('umbrella');
  r.press('r');
  r.press('y');
  await r.until('release-complete', 'done', 20_000);
  const stats = await r.stats();
  expect(stats.ppcTriggers).toEqual(Object.fromEntries(CUSTOMERS.map((id) => [id, 1])));
  expect(stats.requests['POST /travis/job/:id/restart']).toBe(1);
  // The promotion merged into the team's production branch.
  const state = (await (await fetch(`${r.sim.url}/_sim/state`)).json()) as { branches: Record<string, { message: string }> };
  expect(state.branches['main']?.message).toMatch(new RegExp(`^Merge pull request #${r.store.getState().promotion.pull?.number} `));
}, 60_000);
