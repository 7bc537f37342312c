import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checklistDone, driveToProduction } from '../helpers/drive-release.js';
import { ROOT, startCockpitOn, startSimProcess, type Cockpit, type SimProcess } from '../helpers/release-process.js';

// Issue 14's "done when": on a fresh machine (an empty HOME, no config), `init` against the demo world writes a
// config for which `doctor` is all ✔, and `run` on it drives a whole weekly release.

const BIN = join(ROOT, 'bin', 'cockpit.js');
const TOKENS = { GITHUB_TOKEN: 'sim-alice', TRAVIS_TOKEN: 'travis-init-release' };
let dir: string;
let sim: SimProcess;
let cockpit: Cockpit | undefined;

function cockpitCli(args: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { cwd: dir, env: { PATH: process.env['PATH'], HOME: dir, ...TOKENS }, timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
    });
  });
}

beforeAll(() => {
  if (!existsSync(join(ROOT, 'dist', 'bundle', 'cli.js'))) throw new Error('dist/ is missing: run `npm run build` first');
  dir = mkdtempSync(join(tmpdir(), 'cockpit-init-release-'));
});

afterAll(async () => {
  await cockpit?.kill();
  sim?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('a weekly release from a config cockpit init wrote', () => {
  it('init --yes, doctor all ✔, then run drives the release to "release complete"', async () => {
    const started = Date.now();
    // The sim writes its own config into `dir`; init's goes beside it, never read from the sim's.
    sim = await startSimProcess(dir, { seed: 9, speed: 3 });
    mkdirSync(join(dir, 'init'));
    const config = join(dir, 'init', 'cockpit.yaml');
    const init = await cockpitCli(['init', '--yes', '--api-url', `${sim.url}/github`, '--repo', 'acme/service', '--out', config]);
    expect(init.stderr).toBe('');
    expect(init.code).toBe(0);

    const doctor = await cockpitCli(['doctor', '--config', config]);
    expect(doctor.stderr).toBe('');
    const lines = doctor.stdout.split('\n').filter((l) => l.trim() !== '');
    // Every check ✔, then its one-line verdict.
    expect(lines.at(-1)).toBe('all well: the cockpit can read everything it needs');
    expect(lines.slice(0, -1).filter((l) => !l.startsWith('✔'))).toEqual([]);
    expect(doctor.code).toBe(0);
    const minutes = (Date.now() - started) / 60_000;
    // The measure: from nothing to a doctor-green config.
    console.log(`init-release: nothing to a doctor-green config in ${minutes.toFixed(2)} min`);
    expect(minutes).toBeLessThan(1);

    cockpit = await startCockpitOn(config, join(dir, 'state'), TOKENS);
    await driveToProduction(cockpit);
    // init lists no customers (no repository names them): the rollout step has none to update, and says so.
    await cockpit.send('Enter');
    await cockpit.waitFor((s) => s.includes('Update 0 customer PPCs'), 'the PPC update confirmation');
    await cockpit.send('y');
    await cockpit.waitFor(checklistDone(9), 'release complete', 60_000);
    await cockpit.waitFor((s) => s.includes('Release complete; its report as Markdown: cockpit report'), 'the report hint');
  }, 300_000);
});
