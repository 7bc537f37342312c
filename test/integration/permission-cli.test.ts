import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { useSim } from '../helpers/sim.js';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const bin = join(repo, 'bin', 'cockpit.js');
const sim = useSim();
let dir: string;
let config: string;

function cockpit(args: readonly string[], token: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = { PATH: dirname(process.execPath), HOME: dir, GITHUB_TOKEN: token };
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, ...args], { cwd: dir, env, timeout: 25_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
    });
  });
}

beforeAll(() => {
  if (!existsSync(join(repo, 'dist', 'bundle', 'cli.js'))) throw new Error('dist/ is missing: run `npm run build` first');
  dir = mkdtempSync(join(tmpdir(), 'cockpit-permission-'));
  config = join(dir, 'cockpit.yaml');
  writeFileSync(config, stringify(sim().config));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a fine-grained token without "Checks: read"', () => {
  it('is refused by the demo world as GitHub refuses it: 403 naming the permission in X-Accepted-GitHub-Permissions', async () => {
    const sha = sim().world.facts['stagingHead'] as string;
    const url = `${sim().url}/github/repos/acme/service/commits/${sha}/check-runs`;
    const refused = await fetch(url, { headers: { authorization: 'token sim-alice+without-checks' } });
    expect(refused.status).toBe(403);
    expect(refused.headers.get('x-accepted-github-permissions')).toBe('checks=read');
    expect(((await refused.json()) as { message: string }).message).toBe('Resource not accessible by personal access token');
    const statuses = await fetch(`${sim().url}/github/repos/acme/service/commits/${sha}/status`, { headers: { authorization: 'token sim-alice+without-checks' } });
    expect(statuses.status).toBe(200);
    expect((await fetch(url, { headers: { authorization: 'token sim-alice' } })).status).toBe(200);
  });

  it('gets a status glance that says which permission is missing for each environment\'s CI and still shows the rest', async () => {
    const full = await cockpit(['status', '--config', config], 'sim-alice');
    const run = await cockpit(['status', '--config', config], 'sim-alice+without-checks');
    // The weekly world's red staging head needs a human (1); a glance that can read everything says so.
    expect(full.code).toBe(1);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(3);
    const lines = run.stdout.split('\n');
    for (const env of sim().config.environments) {
      const at = lines.findIndex((l) => l.startsWith(`  ${env.name} `));
      expect(at, env.name).toBeGreaterThan(0);
      expect(lines[at + 1]).toContain(`${env.branch} · CI no permission: needs Checks: read · site serves`);
    }
    expect(run.stdout).toContain('  github: CI of testing: no permission: needs Checks: read');
    // Everything the token may read is still there, exactly as the full token sees it.
    const section = (text: string, from: string, to: string) => text.slice(text.indexOf(from), text.indexOf(to));
    expect(section(run.stdout, 'CUSTOMER PPCs', 'SCHEDULE')).toBe(section(full.stdout, 'CUSTOMER PPCs', 'SCHEDULE'));
    expect(run.stdout).toContain(full.stdout.split('\n').find((l) => l.includes('commits ahead of production')));
    expect(run.stdout).toContain(full.stdout.split('\n').find((l) => l.includes('pull request:')));
  });

  it('without "Commit statuses: read" names that permission instead', async () => {
    const run = await cockpit(['status', '--config', config], 'sim-alice+without-statuses');
    expect(run.code).toBe(3);
    expect(run.stdout).toContain('CI no permission: needs Commit statuses: read');
  });
});
