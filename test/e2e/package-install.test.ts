import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { useSim } from '../helpers/sim.js';
import { startTmux } from '../helpers/tmux.js';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const sim = useSim();
let dir: string;
let cockpit: string;
let config: string;
let installStderr = '';

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

function sh(file: string, args: readonly string[], env: NodeJS.ProcessEnv = {}, cwd = dir): Promise<Run> {
  return new Promise((resolve) => {
    execFile(file, [...args], { cwd, env: { PATH: process.env['PATH'], HOME: dir, ...env }, timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
    });
  });
}

beforeAll(async () => {
  if (!existsSync(join(repo, 'dist', 'bundle', 'cli.js'))) throw new Error('dist/ is missing: run `npm run build` first');
  dir = mkdtempSync(join(tmpdir(), 'cockpit-package-'));
  // The tests' build is the one prepack would make; packing it as is keeps this test from building twice.
  const pack = await sh('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', dir], {}, repo);
  expect(pack.code, pack.stderr).toBe(0);
  const [{ filename }] = JSON.parse(pack.stdout) as [{ filename: string }];
  const install = await sh('npm', ['install', '--global', '--prefix', join(dir, 'prefix'), '--no-audit', '--no-fund', join(dir, filename)]);
  expect(install.code, install.stderr).toBe(0);
  installStderr = install.stderr;
  cockpit = join(dir, 'prefix', 'bin', 'cockpit');
  config = join(dir, 'cockpit.yaml');
  writeFileSync(config, stringify(sim().config));
}, 120_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the packed tarball installed globally, as a user installs it', () => {
  it('builds when packed, not when installed, and installs with no warning', () => {
    const { scripts } = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(scripts['prepack']).toBe('npm run build');
    for (const hook of ['prepare', 'preinstall', 'install', 'postinstall']) expect(scripts[hook], hook).toBeUndefined();
    expect(installStderr).toBe('');
    expect(existsSync(cockpit)).toBe(true);
  });

  it('runs every command from the installed copy', async () => {
    const { version } = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as { version: string };
    expect(await sh(cockpit, ['--version'])).toMatchObject({ code: 0, stdout: `release-cockpit ${version}\n` });
    expect(await sh(cockpit, ['help', 'doctor'])).toMatchObject({ code: 0, stdout: expect.stringContaining('Example:\n  cockpit doctor') });
    expect(await sh(cockpit, ['completion', 'bash'])).toMatchObject({ code: 0, stdout: expect.stringContaining('complete -F _cockpit cockpit') });
    expect(await sh(cockpit, ['config', 'check', '--config', config])).toMatchObject({ code: 0, stderr: '' });
    // The demo world's staging head is red: the glance needs a human, and names the latest green candidate.
    expect(await sh(cockpit, ['status', '--config', config])).toMatchObject({ code: 1, stdout: expect.stringMatching(/^acme\/service: needs a human \(exit 1\)\n- staging push build #\d+ of head [0-9a-f]{7} failed;/) });
    expect(await sh(cockpit, ['doctor', '--config', config])).toMatchObject({ code: 0, stdout: expect.stringContaining('all well') });
    expect(await sh(cockpit, ['init', '--repo', 'acme/service', '--api-url', `${sim().url}/github`, '--out', join(dir, 'init.yaml'), '--yes'])).toMatchObject({ code: 0, stderr: '' });
    expect(await sh(cockpit, ['report', '--config', config])).toMatchObject({ code: 2, stderr: expect.stringContaining('no release journal') });
    expect(await sh(cockpit, ['watch', 'http://127.0.0.1:1', '--token', 'abcdefghijklmnopqrstuvwxyz123456'])).toMatchObject({ code: 2, stderr: expect.stringContaining('needs an interactive terminal') });

    // The demo world alone, in its own process, from the installed bundle.
    const child = spawn(cockpit, ['sim', '--port', '0'], { cwd: dir, env: { PATH: process.env['PATH'], HOME: dir }, stdio: ['ignore', 'pipe', 'pipe'] });
    const listening = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (c: Buffer) => {
        out += c.toString();
        const m = /listening on (http:\/\/\S+)/.exec(out);
        if (m) resolve(m[1] as string);
      });
      child.on('exit', (code) => reject(new Error(`cockpit sim exited (${code}): ${out}`)));
    });
    expect((await fetch(`${listening}/_sim/state`)).status).toBe(200);
    child.kill('SIGTERM');

    // Ink's screens load from the installed bundle too.
    const tmux = await startTmux(`${cockpit} demo --fresh --speed 2`, { columns: 100, rows: 40, cwd: dir, env: { HOME: dir, COCKPIT_NOTIFY: 'off' } });
    try {
      await tmux.waitFor((s) => s.includes('ahead of production'), 'the demo cockpit drawing its environments');
    } finally {
      await tmux.kill();
    }
  }, 60_000);
});
