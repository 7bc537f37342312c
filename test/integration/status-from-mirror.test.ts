import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WEEKLY_PLAYBOOK } from '../../src/domain/weekly-playbook.js';
import { startMirrorServer, type MirrorServer } from '../../src/mirror/server.js';
import { startPollers } from '../../src/pollers/start-pollers.js';
import { createServices } from '../../src/services/index.js';
import { createCockpitStore, type CockpitStoreApi } from '../../src/store/create-cockpit-store.js';
import { until } from '../helpers/mirror.js';
import { useSim } from '../helpers/sim.js';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const bin = join(repo, 'bin', 'cockpit.js');
const TOKEN = 'status-from-mirror-token-42';
const sim = useSim({ seed: 5 });
let dir: string;
let store: CockpitStoreApi;
let server: MirrorServer;

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** `cockpit ARGS` as a real process with a bare environment: no tokens, no config anywhere it would look. */
function cockpit(args: readonly string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, ...args], { cwd: dir, env: { PATH: dirname(process.execPath), HOME: dir, ...env }, timeout: 25_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
    });
  });
}

const simRequests = async (): Promise<number> => {
  const stats = (await (await fetch(`${sim().url}/_sim/stats`)).json()) as { requests: Record<string, number> };
  return Object.entries(stats.requests).reduce((sum, [route, n]) => sum + (route.includes('/_sim/') ? 0 : n), 0);
};

beforeAll(async () => {
  if (!existsSync(join(repo, 'dist', 'modes', 'status.js'))) throw new Error('dist/ is missing: run `npm run build` first');
  dir = mkdtempSync(join(tmpdir(), 'cockpit-status-from-'));
  const config = sim().config;
  writeFileSync(join(dir, 'cockpit.yaml'), stringify(config));
  // A primary's store, filled by its refresh loops, then left alone: the glance must not read anything itself.
  store = createCockpitStore({ playbook: WEEKLY_PLAYBOOK, meta: { mode: 'driving', roles: config.roles, repo: config.service.repo, timezone: config.schedule.timezone } });
  const pollers = startPollers(store, createServices(config, {}), config);
  await until(() => {
    const s = store.getState();
    return s.environments.status === 'ready' && s.candidates.status === 'ready' && s.rollout.ppcs.length > 0 && s.sources.travis.state === 'ok' && !pollers.busy();
  }, 'the primary to have read everything', 20_000);
  pollers.stop();
  server = await startMirrorServer({ store, host: '127.0.0.1', port: 0, token: TOKEN });
});

afterAll(async () => {
  await server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('cockpit status --from a mirror', () => {
  it('gives the same glance and exit code as status, without a single request of its own', async () => {
    const before = await simRequests();
    const mirrored = await cockpit(['status', '--from', server.url, '--token', TOKEN]);
    expect(await simRequests()).toBe(before);
    const direct = await cockpit(['status']);
    expect(mirrored.stderr).toBe('');
    expect(mirrored.code).toBe(direct.code);
    // The weekly world's red staging head needs a human, seen alike from both.
    expect(mirrored.stdout.split('\n')[0]).toBe('acme/service: needs a human (exit 1)');
    // Environments, diffs, the candidate, the PR and the deploy read the same; the PPC block may judge the
    // fleet against the release's target (the cockpit's) rather than production's pin, and quotas differ.
    const section = (text: string) => text.slice(text.indexOf('ENVIRONMENTS'), text.indexOf('CUSTOMER PPCs'));
    expect(section(mirrored.stdout)).toBe(section(direct.stdout));
    expect(mirrored.stdout).toMatch(/CUSTOMER PPCs \(12, target [0-9a-f]{7}\)/);
  });

  it('prints the same JSON document, with the token taken from COCKPIT_MIRROR_TOKEN', async () => {
    const run = await cockpit(['status', '--json', '--from', server.url], { COCKPIT_MIRROR_TOKEN: TOKEN });
    expect(run.code).toBe(1);
    const doc = JSON.parse(run.stdout) as Record<string, unknown>;
    expect(doc['schema']).toBe(1);
    expect(doc['verdict']).toBe('needs_human');
    expect((doc['environments'] as { name: string }[]).map((e) => e.name)).toEqual(['testing', 'staging', 'production']);
  });

  it('exits 2 with one line for a wrong or missing token, and 3 when nothing answers', async () => {
    const wrong = await cockpit(['status', '--from', server.url, '--token', 'not-the-right-token']);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toBe(`cockpit: the mirror at ${server.url} refused the token (HTTP 401): check --token or COCKPIT_MIRROR_TOKEN\n`);
    const missing = await cockpit(['status', '--from', server.url]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('COCKPIT_MIRROR_TOKEN=T or --token-file FILE');
    const both = await cockpit(['status', '--from', server.url, '--token', TOKEN, '--config', 'cockpit.yaml']);
    expect(both.code).toBe(2);
    const gone = await cockpit(['status', '--from', 'http://127.0.0.1:9', '--token', TOKEN]);
    expect(gone.code).toBe(3);
    expect(gone.stderr).toBe('cockpit: cannot reach the mirror at http://127.0.0.1:9: connection refused\n');
    for (const run of [wrong, missing, both, gone]) expect(run.stderr.split('\n')).toHaveLength(2);
  });
});
