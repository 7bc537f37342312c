import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RELEASE, journal, step, throughVerify } from '../helpers/journal-fixtures.js';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const bin = join(repo, 'bin', 'cockpit.js');
let home: string;
let state: string;

function cockpit(args: readonly string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, ...args], { cwd: home, env: { PATH: dirname(process.execPath), HOME: home, COCKPIT_STATE_DIR: state, ...env }, timeout: 20_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
    });
  });
}

const lines = (events: ReturnType<typeof journal>) => events.map((e) => JSON.stringify(e)).join('\n') + '\n';

beforeAll(() => {
  if (!existsSync(join(repo, 'dist', 'modes', 'report.js'))) throw new Error('dist/ is missing: run `npm run build` first');
  home = mkdtempSync(join(tmpdir(), 'cockpit-report-'));
  state = join(home, 'state');
  mkdirSync(join(state, 'releases'), { recursive: true });
  // A week older than the latest.
  const WEEK = 7 * 24 * 60;
  writeFileSync(join(state, 'releases', '2026-11-17-weekly.jsonl'), lines(journal([-WEEK, { ...RELEASE, id: '2026-11-17-weekly', name: 'Weekly release 2026-11-17' } as typeof RELEASE], [-WEEK + 5, step('review-changes', 'done', -WEEK, { finished: -WEEK + 5 })])));
  // The latest, cut off in the middle of its last line.
  writeFileSync(join(state, 'releases', '2026-11-24-weekly.jsonl'), `${lines(journal(...throughVerify()))}{"at":"2026-11-24T14:19:00.000Z","actor":"dana`);
});

afterAll(() => rmSync(home, { recursive: true, force: true }));

describe('cockpit report', () => {
  it('prints the latest release as Markdown, warning about the cut-off last line on stderr and in the report', async () => {
    const run = await cockpit(['report']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^# Weekly release 2026-11-24\n/);
    expect(run.stdout).toContain('**in progress** at step 8, "Update the customer PPCs" (active)');
    expect(run.stdout).toContain('- Warning: line 27 was cut off (the cockpit stopped while writing it) and is ignored');
    expect(run.stderr).toBe(`cockpit: warning: ${join(state, 'releases', '2026-11-24-weekly.jsonl')}: line 27 was cut off (the cockpit stopped while writing it) and is ignored\n`);
  });

  it('prints a named release, in the config time zone when given one', async () => {
    const config = join(home, 'cockpit.yaml');
    writeFileSync(config, ['service: { repo: acme/service }', 'environments:', '  - { name: staging, branch: staging, site: { url: https://s.example/v } }', '  - { name: production, branch: production, site: { url: https://p.example/v } }', 'components:', '  ppc: { file: Gopkg.lock, project: github.com/acme/ppc }', '  sdk: { file: .travis.yml, variable: SDK_VERSION }', 'schedule: { timezone: Asia/Tokyo, nightly: "02:00", weekly: { day: tuesday, time: "14:00" } }', ''].join('\n'));
    const run = await cockpit(['report', '2026-11-24-weekly', '--config', config], { GITHUB_TOKEN: 'x', TRAVIS_TOKEN: 'y' });
    expect(run.stderr).toContain('line 27 was cut off');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('started 2026-11-24 23:00 Asia/Tokyo');
  });

  it('says which releases exist when the named one does not, with exit 2', async () => {
    const run = await cockpit(['report', '2026-11-10-weekly']);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`cockpit: no release "2026-11-10-weekly" in ${join(state, 'releases')}; the latest: 2026-11-24-weekly, 2026-11-17-weekly\n`);
    expect(run.stdout).toBe('');
  });
});
