import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import type { Config } from '../../src/config/schema.js';
import { useSim } from '../helpers/sim.js';
import { closedPortUrl } from './services-support.js';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const bin = join(repo, 'bin', 'cockpit.js');
const sim = useSim();
let dir: string;

function doctor(config: string, env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, 'doctor', '--config', config], { cwd: dir, env: { PATH: dirname(process.execPath), HOME: dir, ...env }, timeout: 40_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
    });
  });
}

function writeConfig(name: string, edit: (c: Config) => Config = (c) => c): string {
  const file = join(dir, `${name}.yaml`);
  writeFileSync(file, stringify(edit(structuredClone(sim().config))));
  return file;
}

beforeAll(() => {
  if (!existsSync(join(repo, 'dist', 'bundle', 'cli.js'))) throw new Error('dist/ is missing: run `npm run build` first');
  dir = mkdtempSync(join(tmpdir(), 'cockpit-doctor-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const failures = (out: string): string[] => out.split('\n').filter((l) => l.startsWith('✖'));

describe('cockpit doctor against the demo world', () => {
  it('is all ✔ and exits 0, with a line for the token, each branch and its pins, CI of both repositories, each site, PPCs and the clock', async () => {
    const run = await doctor(writeConfig('green'), { GITHUB_TOKEN: 'sim-alice' });
    expect(run.stderr).toBe('');
    expect(failures(run.stdout)).toEqual([]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('✔ GitHub token: from GITHUB_TOKEN, acts as alice');
    for (const p of ['Contents: read', 'Checks: read', 'Commit statuses: read', 'Pull requests: read']) expect(run.stdout).toContain(`✔ GitHub permission ${p}`);
    for (const env of sim().config.environments) {
      expect(run.stdout).toContain(`✔ branch ${env.branch} (${env.name}): head `);
      expect(run.stdout).toMatch(new RegExp(`✔ pins at ${env.branch}: Gopkg.lock has github.com/acme/ppc at [0-9a-f]{7}; .travis.yml sets SDK_VERSION=\\d`));
      expect(run.stdout).toContain(`✔ site ${env.name}: serves `);
    }
    expect(run.stdout).toContain('✔ Travis CI answers for acme/service');
    expect(run.stdout).toContain(`✔ Travis CI answers for ${sim().config.ppcs?.trigger.repo}`);
    expect(run.stdout).toContain(`✔ PPC ${sim().config.ppcs?.customers[0]?.id}: serves `);
    expect(run.stdout).toMatch(/✔ clock: within \d+ s of GitHub's/);
    expect(run.stdout).toContain('✔ time zone: the schedule is read in UTC');
  });

  it('names the permission a fine-grained token lacks, with the fix, keeps every other line, and exits 1', async () => {
    const run = await doctor(writeConfig('no-checks'), { GITHUB_TOKEN: 'sim-alice+without-checks' });
    expect(failures(run.stdout)).toEqual(['✖ GitHub permission Checks: read: refused, needs Checks: read']);
    expect(run.stdout).toContain('  fix: edit the token (GitHub > Settings > Developer settings > Personal access tokens) and grant Checks: read on acme/service');
    expect(run.stdout).toContain('✔ GitHub permission Commit statuses: read');
    expect(run.stdout).toContain('✔ Travis CI answers for acme/service');
    expect(run.code).toBe(1);
  });

  it('says which branch is missing and how to fix it', async () => {
    const config = writeConfig('no-branch', (c) => ({ ...c, environments: c.environments.map((e, i) => (i === 1 ? { ...e, branch: 'stagin' } : e)) }));
    const run = await doctor(config);
    expect(failures(run.stdout)).toEqual([expect.stringMatching(/^✖ branch stagin \(staging\): GitHub: .*not found/)]);
    expect(run.stdout).toContain('  fix: create the branch, or fix environments[].branch in the config');
    expect(run.code).toBe(1);
  });

  it('exits 3 when a source does not answer, and names it', async () => {
    const closed = await closedPortUrl();
    const config = writeConfig('no-travis', (c) => ({ ...c, ci: { ...c.ci, api_url: `${closed}/travis` } }));
    const run = await doctor(config);
    expect(run.stdout).toMatch(/✖ Travis CI for acme\/service: .*cannot connect/);
    expect(run.stdout).toContain('✔ branch production (production)');
    expect(run.code).toBe(3);
  });
});
