import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const bin = join(repo, 'bin', 'cockpit.js');
const fixtures = join(repo, 'test', 'fixtures', 'configs');
let home: string;

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** The real binary in a real process, with a bare environment: no gh on PATH, an empty home. */
function cockpit(args: readonly string[], options: { cwd?: string; env?: Record<string, string> } = {}): Promise<Run> {
  const env = { PATH: dirname(process.execPath), HOME: home, ...options.env };
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, ...args], { cwd: options.cwd ?? repo, env, timeout: 20_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

beforeAll(() => {
  if (!existsSync(join(repo, 'dist', 'modes', 'config-check.js'))) throw new Error('dist/ is missing: run `npm run build` first');
  home = mkdtempSync(join(tmpdir(), 'cockpit-home-'));
});

afterAll(() => rmSync(home, { recursive: true, force: true }));

describe('cockpit config check', () => {
  it('prints the summary of a valid config and exits 0, without showing the tokens', async () => {
    const run = await cockpit(['config', 'check', '--config', join(fixtures, 'valid.yaml')], {
      env: { GITHUB_TOKEN: 'ghp_IntegrationSecret1', TRAVIS_TOKEN: 'travis-integration-secret' },
    });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`config OK: ${join(fixtures, 'valid.yaml')}`);
    expect(run.stdout).toContain('  environments  testing    <- master      https://testing.acme.example/version');
    expect(run.stdout).toContain('  rollout       canary (2), rest (3); 4 at a time');
    expect(run.stdout).toContain('  tokens        GitHub  from GITHUB_TOKEN\n                Travis  from TRAVIS_TOKEN');
    expect(run.stdout).not.toContain('IntegrationSecret');
    expect(run.stdout).not.toContain('travis-integration-secret');
    for (const line of run.stdout.split('\n')) expect([...line].length).toBeLessThanOrEqual(80);
  });

  it('still exits 0 without tokens, and says which are missing (gh absent stays quiet)', async () => {
    const run = await cockpit(['config', 'check', '-c', join(fixtures, 'valid.yaml')]);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('GitHub  missing; set GITHUB_TOKEN or run gh auth login');
  });

  it('finds cockpit.yaml in the working directory', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'cockpit-cwd-'));
    try {
      copyFileSync(join(fixtures, 'sim-like.yaml'), join(cwd, 'cockpit.yaml'));
      const run = await cockpit(['config', 'check'], { cwd });
      expect(run.code).toBe(0);
      expect(run.stdout).toContain(`config OK: ${join(cwd, 'cockpit.yaml')}`);
    } finally {
      rmSync(cwd, { recursive: true, force: true });
    }
  });

  it('checks a playbook file against the config and lists its steps', async () => {
    const playbook = join(repo, 'test', 'fixtures', 'playbooks', 'weekly-with-sign-off.yaml');
    const run = await cockpit(['config', 'check', '--config', join(fixtures, 'valid.yaml'), '--playbook', playbook]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('playbook OK: Weekly release with a sign-off (staging -> production)\n   1. Review what changes · manual · primary\n');
    expect(run.stdout).toContain('   6. QA signs the candidate off · manual · qa\n');
    expect(run.stdout).toContain('  its releases are called YYYY-MM-DD-weekly-release-with-a-sign-off\n');
  });

  it('exits 2 with every problem of a broken playbook, each with its field and line', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'cockpit-cwd-'));
    try {
      writeFileSync(join(cwd, 'ours.yaml'), 'name: Ours\nto: prod\nsteps:\n  - type: merge-promotion-pr\n');
      const run = await cockpit(['config', 'check', '--config', join(fixtures, 'valid.yaml'), '--playbook', 'ours.yaml'], { cwd });
      expect(run.code).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr.split('\n')).toEqual([
        `cockpit: ${join(cwd, 'ours.yaml')}: 2 problems in the playbook:`,
        '  - to (line 2): no environment named "prod" in the config; expected one of testing, staging, production',
        '  - steps[0].type (line 4): "merge-promotion-pr" needs a step that finds or opens the pull request before it (open-promotion-pr, find-nightly-pr, find-hotfix-pr)',
        '',
      ]);
    } finally {
      rmSync(cwd, { recursive: true, force: true });
    }
  });

  it('exits 2 with every problem on stderr, no stack trace and no token', async () => {
    const file = join(fixtures, 'broken', 'several-problems.yaml');
    const run = await cockpit(['config', 'check', '--config', file]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(`cockpit: ${file}: 6 problems in the configuration:\n`);
    expect(run.stderr).toContain('  - environmets (line 6): unknown key; did you mean "environments"?\n');
    expect(run.stderr).toContain('  - github.token (line 5): tokens are never read from the config file');
    expect(run.stderr).not.toContain('ghp_DoNotPrintThisValue');
    expect(run.stderr).not.toContain('    at ');
  });

  it('exits 2 on a YAML syntax error, pointing at the line and column', async () => {
    const file = join(fixtures, 'broken', 'not-yaml.yaml');
    const run = await cockpit(['config', 'check', '--config', file]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`cockpit: ${file}:2:9: not valid YAML: a quoted string is never closed`);
    expect(run.stderr).not.toContain('    at ');
  });

  it.each([
    [['config', 'check', '--config', 'nowhere.yaml'], `config file not found: ${join(repo, 'nowhere.yaml')}`],
    [['config', 'check'], 'no configuration found; looked for:'],
    [['config', 'chek'], 'unknown subcommand "config chek"; the only one is "check"'],
    [['config'], 'a subcommand is needed; the only one is "check"'],
  ])('exits 2 for %j', async (args, expected) => {
    const cwd = mkdtempSync(join(tmpdir(), 'cockpit-empty-'));
    try {
      const run = await cockpit(args, { cwd: args.includes('nowhere.yaml') ? repo : cwd });
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(expected);
      expect(run.stderr).not.toContain('    at ');
    } finally {
      rmSync(cwd, { recursive: true, force: true });
    }
  });
});
