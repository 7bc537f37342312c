import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AcmeFacts } from '../../src/sim/index.js';
import { moduleLog } from '../helpers/loaded-modules.js';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const bin = join(repo, 'bin', 'cockpit.js');
let dir: string;

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** `cockpit ARGS` as a real process with a bare environment: no tokens, no gh on PATH, an empty home. */
function cockpit(args: readonly string[], nodeArgs: readonly string[] = []): Promise<Run> {
  const env = { PATH: dirname(process.execPath), HOME: dir };
  return new Promise((resolve) => {
    execFile(process.execPath, [...nodeArgs, bin, ...args], { cwd: dir, env, timeout: 25_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
    });
  });
}

interface SimProcess {
  readonly url: string;
  readonly config: string;
  readonly facts: AcmeFacts;
  stop(): Promise<void>;
}

/** `cockpit sim --config-out FILE` in its own process; resolves once it has said where it listens and written the file. */
async function startSimProcess(name: string): Promise<SimProcess> {
  const config = join(dir, `${name}.yaml`);
  const child: ChildProcess = spawn(process.execPath, [bin, 'sim', '--port', '0', '--config-out', config], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m && out.includes('wrote config to')) resolve(m[1] as string);
    });
    child.stderr?.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('exit', (code) => reject(new Error(`cockpit sim exited (${code}) before listening:\n${out}`)));
  });
  const state = (await (await fetch(`${url}/_sim/state`)).json()) as { facts: AcmeFacts };
  return {
    url,
    config,
    facts: state.facts,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

const githubRequests = async (url: string): Promise<number> => {
  const stats = (await (await fetch(`${url}/_sim/stats`)).json()) as { requests: Record<string, number> };
  return Object.entries(stats.requests).reduce((sum, [route, n]) => sum + (route.includes(' /github/') ? n : 0), 0);
};

interface SimStats {
  readonly requests: Record<string, number>;
  readonly notModified: number;
  readonly rateLimitRemaining: number;
}
const simStats = async (url: string): Promise<SimStats> => (await (await fetch(`${url}/_sim/stats`)).json()) as SimStats;

/** The glance without what moves with the clock ("in 3h 27m", "2d ago"), to compare two glances at one world. */
const timeless = (text: string): string => text.replace(/\(in [^)]*\)|\d+[smhd]( \d+[smhd])* ago|just now/g, '…');

/** Where the processes above keep GitHub's answers between glances (their HOME is `dir`). */
const cacheFiles = (): string[] => {
  const cache = join(dir, '.cache', 'release-cockpit');
  return existsSync(cache) ? readdirSync(cache).map((name) => join(cache, name)) : [];
};

const post = (url: string, path: string, body: unknown): Promise<Response> =>
  fetch(`${url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

const sims: SimProcess[] = [];

beforeAll(() => {
  if (!existsSync(join(repo, 'dist', 'modes', 'status.js'))) throw new Error('dist/ is missing: run `npm run build` first');
  dir = mkdtempSync(join(tmpdir(), 'cockpit-status-'));
});

afterAll(async () => {
  await Promise.all(sims.map((s) => s.stop()));
  rmSync(dir, { recursive: true, force: true });
});

describe('cockpit status against the weekly demo world in another process', () => {
  let sim: SimProcess;
  beforeAll(async () => {
    sim = await startSimProcess('weekly');
    sims.push(sim);
  });

  it('shows the weekly scenario and exits 1: the red staging head needs a human, and the green commit behind it is named', async () => {
    const before = await githubRequests(sim.url);
    const run = await cockpit(['status', '--config', sim.config]);
    const requests = (await githubRequests(sim.url)) - before;
    expect(run.stderr).toBe('');
    expect(run.stdout.split('\n')[0]).toBe('acme/service: needs a human (exit 1)');
    expect(run.code).toBe(1);
    const f = sim.facts;
    const short = (sha: string): string => sha.slice(0, 7);
    expect(run.stdout).toMatch(new RegExp(`- staging push build #\\d+ of head ${short(f.stagingHead)} failed;\\n  latest green candidate ${short(f.stagingGreen)}\\n`));
    expect(run.stdout).toContain(`staging is ${f.stagingAheadOfProduction} commits ahead of production; PPC ${short(f.ppcRevision.production)} -> ${short(f.ppcRevision.staging)};`);
    expect(run.stdout).toContain(`SDK ${f.sdkVersion.production} -> ${f.sdkVersion.staging}`);
    expect(run.stdout).toMatch(new RegExp(`latest green  ${short(f.stagingGreen)} `));
    expect(run.stdout).toContain(`staging head ${short(f.stagingHead)} is red; 1 newer commit not promotable`);
    expect(run.stdout).toContain(`production  ${short(f.productionHead)} `);
    expect(run.stdout).toContain('pull request: none open');
    expect(run.stdout).toContain(`CUSTOMER PPCs (${f.customers.length}, target ${short(f.ppcRevision.production)})`);
    expect(run.stdout).toContain(`  ${f.customers.length} done`);
    expect(run.stdout).toMatch(/nightly {2}\w{3} 02:00 UTC \(in /);
    expect(run.stdout).toMatch(/weekly {3}Tue 14:00 UTC \((in |now)/);
    for (const line of run.stdout.split('\n')) expect([...line].length, line).toBeLessThanOrEqual(80);
    // Three heads (one from the staging commit list), CI of four shas, two pins at three heads, two compares, one PR list.
    expect(requests).toBeLessThanOrEqual(20);
  });

  it('asks with the last glance\'s ETags: an unchanged repository answers every GitHub read with a free 304', async () => {
    const first = await cockpit(['status', '--config', sim.config]);
    const written = cacheFiles().map((file) => statSync(file).mtimeMs);
    const before = await simStats(sim.url);
    const again = await cockpit(['status', '--config', sim.config]);
    const after = await simStats(sim.url);
    const github = (stats: SimStats) => Object.entries(stats.requests).reduce((sum, [route, n]) => sum + (route.includes(' /github/') ? n : 0), 0);
    expect(again.code).toBe(1);
    expect(timeless(again.stdout)).toBe(timeless(first.stdout));
    expect(github(after) - github(before)).toBeGreaterThan(0);
    expect(after.notModified - before.notModified).toBe(github(after) - github(before));
    expect(after.rateLimitRemaining).toBe(before.rateLimitRemaining);
    // Nothing new was learnt, so the file is left as it was.
    expect(cacheFiles().map((file) => statSync(file).mtimeMs)).toEqual(written);
    // Response bodies only, readable by their owner alone.
    const files = cacheFiles();
    expect(files).toHaveLength(1);
    expect(statSync(files[0] as string).mode & 0o777).toBe(0o600);
  });

  it('a damaged cache file is a miss, not an error, and is written anew', async () => {
    expect(cacheFiles()).toHaveLength(1);
    for (const file of cacheFiles()) writeFileSync(file, '{"version":1,"entries":[["GET /repos/{owner}/{repo}/commits", nul');
    const before = await simStats(sim.url);
    const run = await cockpit(['status', '--config', sim.config]);
    const after = await simStats(sim.url);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('');
    expect(run.stdout.split('\n')[0]).toBe('acme/service: needs a human (exit 1)');
    expect(after.notModified).toBe(before.notModified);
    for (const file of cacheFiles()) expect(() => JSON.parse(readFileSync(file, 'utf8')) as unknown).not.toThrow();
  });

  it('never loads Ink or React', async () => {
    const log = moduleLog(dir, 'status');
    const run = await cockpit(['status', '--config', sim.config], ['--import', log.hook]);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('');
    const loaded = log.modules();
    // The log does see what status loads...
    expect(loaded).toContain('dist/modes/status.js');
    // ...and none of it is Ink or React.
    expect(loaded.filter((m) => /node_modules\/(ink|react|react-reconciler)\//.test(m))).toEqual([]);
  });

  it('--json parses, has the schema version and the stable keys, and agrees with the text', async () => {
    const run = await cockpit(['status', '--json', '--config', sim.config]);
    expect(run.code).toBe(1);
    const doc = JSON.parse(run.stdout) as Record<string, any>;
    expect(doc['schema']).toBe(1);
    expect(Object.keys(doc)).toEqual(['schema', 'repo', 'generated_at', 'exit_code', 'verdict', 'reasons', 'facts', 'sources', 'github_quota', 'environments', 'sites', 'diffs', 'promotion', 'candidate', 'ppcs', 'windows']);
    expect(doc['exit_code']).toBe(1);
    expect(doc['verdict']).toBe('needs_human');
    expect(doc['environments'].map((e: { name: string }) => e.name)).toEqual(['testing', 'staging', 'production']);
    expect(doc['environments'][1]).toMatchObject({ head: { sha: sim.facts.stagingHead }, head_ci: 'failure', site: { version: sim.facts.stagingGreen, matches_head: false, healthy: true } });
    expect(doc['diffs'][1]).toMatchObject({ from: 'staging', to: 'production', ahead_by: sim.facts.stagingAheadOfProduction, behind_by: 0, ppc: { changed: true }, sdk: { from: '0.11.3', to: '0.11.2', changed: true } });
    expect(doc['candidate']).toMatchObject({ branch: 'staging', head: { sha: sim.facts.stagingHead, ci: 'failure' }, latest_green: { sha: sim.facts.stagingGreen }, head_is_latest_green: false, newer_than_latest_green: 1 });
    expect(doc['promotion']).toMatchObject({ from: 'staging', to: 'production', pull: null, pr_build: null, read: { github: true, travis: true } });
    expect(doc['promotion']['deploy_build']).toMatchObject({ event: 'push', state: 'passed', sha: sim.facts.productionHead });
    expect(doc['ppcs']).toMatchObject({ target: sim.facts.ppcRevision.production, total: sim.facts.customers.length, failed: [], not_answering: [] });
    expect(doc['sources'].map((s: { state: string }) => s.state)).toEqual(['ok', 'ok', 'ok', 'ok']);
  });
});

describe('cockpit status exit codes', () => {
  it('exits 8 while the promotion PR’s build runs, then 1 once a site needs a human', async () => {
    const sim = await startSimProcess('codes');
    sims.push(sim);
    // A fix on staging whose push build passes and deploys: the red head it replaces would need a human (1).
    expect((await post(sim.url, '/_sim/push', { branch: 'staging', message: 'Fix the webhook queue' })).status).toBe(201);
    expect((await post(sim.url, '/_sim/clock', { advanceMs: 120_000 })).status).toBeLessThan(300);
    const opened = await post(sim.url, '/github/repos/acme/service/pulls', { title: 'Weekly release', head: 'staging', base: 'production' });
    expect(opened.status).toBe(201);
    const { number } = (await opened.json()) as { number: number };

    const running = await cockpit(['status', '--config', sim.config]);
    expect(running.stdout.split('\n')[0]).toBe('acme/service: in progress (exit 8)');
    expect(running.stdout).toContain(`pull request #${number} staging -> production: CI running`);
    expect(running.stdout).toMatch(new RegExp(`PR #${number} staging -> production Weekly release`));
    expect(running.code).toBe(8);

    // The production site starts failing its health check (the sim answers 503 until told otherwise).
    expect((await post(sim.url, '/_sim/health', { site: 'production', healthy: false })).status).toBe(204);
    const broken = await cockpit(['status', '--json', '--config', sim.config]);
    const doc = JSON.parse(broken.stdout) as { verdict: string; reasons: string[] };
    expect(doc.verdict).toBe('needs_human');
    expect(doc.reasons.some((r) => r.startsWith('production site unhealthy'))).toBe(true);
    expect(broken.code).toBe(1);
  });

  it('exits 3 with what it can still say when the demo world is gone', async () => {
    const sim = await startSimProcess('gone');
    await sim.stop();
    const run = await cockpit(['status', '--config', sim.config]);
    expect(run.code).toBe(3);
    expect(run.stdout.split('\n')[0]).toBe('acme/service: incomplete: a source could not be reached (exit 3)');
    expect(run.stdout.match(/GitHub could not be reached/g)).toHaveLength(1);
    expect(run.stdout).toContain('SCHEDULE (UTC)');
    expect(run.stdout).toContain('  production  production not read · site DOWN (cannot connect');
    expect(run.stdout).toContain('not answering');
    expect(run.stdout).toContain('sources: github DOWN · travis DOWN');
    expect(run.stderr).toBe('');
    expect(run.stdout).not.toMatch(/\n\s+at /);
  });

  it('exits 2 with the config module’s message for a broken config', async () => {
    const file = join(dir, 'broken.yaml');
    writeFileSync(file, 'service:\n  repo: acme/service\nenvironmets: []\n');
    const run = await cockpit(['status', '--config', file]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('environmets');
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});
