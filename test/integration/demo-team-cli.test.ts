// `cockpit demo --config FILE` and `cockpit sim --config FILE` as the user meets them: the built launcher starts a
// world process that wears the team's config; a bad file is one line, exit 2, and no world.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { parse } from 'yaml';
import { configSchema } from '../../src/config/schema.js';
import type { ModeContext } from '../../src/modes/context.js';
import { UsageError } from '../../src/exit-codes.js';
import { run as demo } from '../../src/modes/demo.js';
import { teamFromFlag } from '../../src/modes/team-config.js';
import { isolateStateDir } from '../helpers/state-dir.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const TEAM = join(root, 'test/fixtures/configs/team-rehearsal.yaml');
const BROKEN = join(root, 'test/fixtures/configs/broken/not-yaml.yaml');
const state = isolateStateDir();
const dir = mkdtempSync(join(tmpdir(), 'cockpit-team-'));

beforeAll(() => {
  // The launcher spawns the built world host: build when the bundle is older than what it runs.
  const sources = ['src/modes/demo-world.ts', 'src/modes/demo-world-host.ts', 'src/modes/team-config.ts', 'src/sim/team.ts', 'src/sim/scenarios/history.ts', 'src/modes/sim.ts', 'src/cli.ts'];
  const bundle = join(root, 'dist/bundle/cli.js');
  const built = existsSync(bundle) ? statSync(bundle).mtimeMs : -1;
  if (sources.some((s) => statSync(join(root, s)).mtimeMs > built)) spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'ignore' });
}, 180_000);
afterAll(() => {
  state.cleanUp();
  rmSync(dir, { recursive: true, force: true });
});

function cockpit(args: readonly string[]): { out: () => string; err: () => string; code: Promise<number | null>; kill: () => void } {
  const child = spawn(process.execPath, [join(root, 'bin/cockpit.js'), ...args], { cwd: dir, env: { ...process.env, NO_COLOR: '1' } });
  let out = '';
  let err = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr.on('data', (c: Buffer) => (err += c.toString()));
  return { out: () => out, err: () => err, code: new Promise((resolve) => child.on('exit', resolve)), kill: () => child.kill('SIGTERM') };
}

it("the demo launcher starts a world process wearing the team's config, resumes it, and keeps acme's world apart", async () => {
  const team = await teamFromFlag(TEAM, {});
  // The built launcher, as `cockpit demo` runs it: it spawns dist's world host.
  const launcher = join(root, 'dist/modes/demo-world.js');
  const { openDemoWorld } = (await import(launcher)) as typeof import('../../src/modes/demo-world.js');
  const env = { ...process.env, COCKPIT_STATE_DIR: state.dir };
  const world = await openDemoWorld({ env, scenario: undefined, seed: 2, speed: 1, team, fresh: false });
  try {
    expect(world.config.environments.map((e) => `${e.name}@${e.branch}`)).toEqual(['dev@develop', 'stage@release', 'prod@main']);
    expect(world.config.components.sdk.variable).toBe('EDGE_SDK_RELEASE');
    expect(world.config.ppcs?.customers.map((c) => c.url)).toEqual(['umbrella', 'hooli', 'piedpiper', 'vandelay', 'wonka'].map((id) => `${world.url}/ppcs/${id}/version`));
    const again = await openDemoWorld({ env, scenario: undefined, seed: 2, speed: 1, team, fresh: false });
    expect({ reused: again.reused, url: again.url }).toEqual({ reused: true, url: world.url });
    // Without --config the same seed is acme's world, not the team's resumed under other names.
    const acme = await openDemoWorld({ env, scenario: undefined, seed: 2, speed: 1, fresh: false });
    try {
      expect(acme.url).not.toBe(world.url);
      expect(acme.config.environments.map((e) => e.name)).toEqual(['testing', 'staging', 'production']);
    } finally {
      acme.stop();
    }
  } finally {
    world.stop();
  }
}, 60_000);

it('cockpit demo --config with a bad file throws the loader\'s one line before any world starts', async () => {
  const tty = { isTTY: true, write: () => true, columns: 80 } as unknown as NodeJS.WriteStream;
  const ctx: ModeContext = { values: { config: BROKEN }, positionals: [], env: { COCKPIT_STATE_DIR: state.dir }, stdout: tty, stderr: tty, stdin: { isTTY: true } as unknown as NodeJS.ReadStream };
  const fresh = mkdtempSync(join(tmpdir(), 'cockpit-state-bad-'));
  try {
    await expect(demo({ ...ctx, env: { COCKPIT_STATE_DIR: fresh } })).rejects.toThrow(UsageError);
    await expect(demo({ ...ctx, env: { COCKPIT_STATE_DIR: fresh } })).rejects.toThrow(/not-yaml\.yaml/);
    expect(existsSync(join(fresh, 'demo'))).toBe(false);
    // Another scenario scripts its trouble on acme's branches: refused, not half-worn.
    await expect(demo({ ...ctx, values: { config: TEAM, scenario: 'nightly' }, env: { COCKPIT_STATE_DIR: fresh } })).rejects.toThrow(/--config works with the weekly scenario, not "nightly"/);
    expect(existsSync(join(fresh, 'demo'))).toBe(false);
  } finally {
    rmSync(fresh, { recursive: true, force: true });
  }
});

it('cockpit sim --config writes a config with the team\'s names pointing at itself; a bad file is one line and exit 2', async () => {
  const out = join(dir, 'rehearse.yaml');
  const sim = cockpit(['sim', '--config', TEAM, '--seed', '3', '--config-out', out]);
  await expect.poll(() => sim.out(), { timeout: 15_000 }).toMatch(/wrote config to /);
  const url = /listening on (\S+)/.exec(sim.out())?.[1];
  const config = configSchema.parse(parse(readFileSync(out, 'utf8')));
  expect(config.environments.map((e) => e.name)).toEqual(['dev', 'stage', 'prod']);
  expect(config.components.ppc).toEqual({ file: 'build/Gopkg.lock', project: 'github.com/initrode/edge-ppc' });
  expect(config.github.api_url).toBe(`${url}/github`);
  sim.kill();
  expect(await sim.code).toBe(0);

  const bad = cockpit(['sim', '--config', BROKEN]);
  expect(await bad.code).toBe(2);
  // The loader's own message, as `cockpit run` gives it: where, and what is wrong.
  expect(bad.err()).toMatch(/^cockpit: \S+not-yaml\.yaml:2:9: not valid YAML/);
  expect(bad.err()).not.toMatch(/\n\s+at /);
  expect(bad.out()).not.toMatch(/listening/);
  const missing = cockpit(['sim', '--config', join(dir, 'nowhere.yaml')]);
  expect(await missing.code).toBe(2);
  expect(missing.err()).toBe(`cockpit: config file not found: ${join(dir, 'nowhere.yaml')} (given with --config)\n`);
  expect(missing.out()).toBe('');
}, 60_000);
