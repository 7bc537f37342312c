import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { useSim } from '../helpers/sim.js';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const bin = join(repo, 'bin', 'cockpit.js');
const sim = useSim();
let dir: string;

function cockpit(args: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    // No TTY and no git remote in `dir`: init must take its defaults and say which.
    execFile(process.execPath, [bin, ...args], { cwd: dir, env: { PATH: process.env['PATH'], HOME: dir }, timeout: 30_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
    });
  });
}

beforeAll(() => {
  if (!existsSync(join(repo, 'dist', 'bundle', 'cli.js'))) throw new Error('dist/ is missing: run `npm run build` first');
  dir = mkdtempSync(join(tmpdir(), 'cockpit-init-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('cockpit init against the demo world', () => {
  it('writes a commented config from the repository that config check passes and doctor finds all well', async () => {
    const out = join(dir, 'cockpit.yaml');
    const run = await cockpit(['init', '--repo', 'acme/service', '--api-url', `${sim().url}/github`, '--yes']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`wrote ${out} for acme/service: testing (master), staging (staging), production (production)`);
    expect(run.stdout).toContain('defaults taken (check them in the file):\n  - schedule: UTC, nightly 02:00, weekly tuesday 14:00');
    const text = readFileSync(out, 'utf8');
    expect(text).toMatch(/^# release-cockpit configuration, written by `cockpit init`/);
    expect(text).toContain("# Gopkg.lock's [[projects]]: github.com/acme/ppc,");
    const written = parse(text) as { environments: { name: string; branch: string }[]; components: { ppc: { project: string }; sdk: { variable: string } } };
    // What the demo world's own config says, found by init from the repository alone.
    expect(written.environments.map((e) => [e.name, e.branch])).toEqual(sim().config.environments.map((e) => [e.name, e.branch]));
    expect(written.components.ppc.project).toBe(sim().config.components.ppc.project);
    expect(written.components.sdk.variable).toBe(sim().config.components.sdk.variable);
    expect(await cockpit(['config', 'check', '--config', out])).toMatchObject({ code: 0 });
    const doctor = await cockpit(['doctor', '--config', out]);
    expect(doctor.stdout.split('\n').filter((l) => l.startsWith('✖'))).toEqual([]);
    expect(doctor.code).toBe(0);
  });

  it('never overwrites a file', async () => {
    const out = join(dir, 'mine.yaml');
    writeFileSync(out, '# mine\n');
    const run = await cockpit(['init', '--repo', 'acme/service', '--api-url', `${sim().url}/github`, '--out', out]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`cockpit: ${out} exists; init never overwrites: move it away or pass --out FILE\n`);
    expect(readFileSync(out, 'utf8')).toBe('# mine\n');
  });

  it('says what is missing: no --repo and no git remote, or a repository GitHub does not know', async () => {
    const noRepo = await cockpit(['init', '--api-url', `${sim().url}/github`, '--out', join(dir, 'a.yaml')]);
    expect(noRepo).toMatchObject({ code: 2, stderr: 'cockpit: --repo OWNER/NAME is needed: this directory has no GitHub "origin" remote to take it from\n' });
    const unknown = await cockpit(['init', '--repo', 'acme/nothing', '--api-url', `${sim().url}/github`, '--out', join(dir, 'b.yaml')]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('acme/nothing was not found at');
    expect(existsSync(join(dir, 'a.yaml')) || existsSync(join(dir, 'b.yaml'))).toBe(false);
  });
});
