import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { configSchema } from '../../src/config/schema.js';

const root = new URL('../..', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'cockpit-sim-'));

/** The bin runs the bundle of dist/: build when any source the sim command runs is newer than its output or the bundle. */
function ensureBuilt(): void {
  const sources = [...walk(join(root, 'src/sim')), join(root, 'src/modes/sim.ts'), join(root, 'src/cli.ts'), join(root, 'src/config/schema.ts')];
  const mtime = (path: string): number => {
    try {
      return statSync(path).mtimeMs;
    } catch {
      return -1;
    }
  };
  const bundled = mtime(join(root, 'dist', 'bundle', 'cli.js'));
  const stale = sources.some((src) => {
    const out = mtime(join(root, 'dist', relative(join(root, 'src'), src).replace(/\.ts$/, '.js')));
    return out < mtime(src) || bundled < mtime(src);
  });
  if (stale) spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'ignore' });
}

function walk(path: string): string[] {
  return readdirSync(path, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(path, e.name)) : e.name.endsWith('.ts') ? [join(path, e.name)] : []));
}

function cockpit(args: readonly string[]): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, [join(root, 'bin/cockpit.js'), ...args], { cwd: dir, env: { ...process.env, NO_COLOR: '1' } });
}

function exited(child: ChildProcessWithoutNullStreams): Promise<number | null> {
  return new Promise((resolve) => child.on('exit', (code) => resolve(code)));
}

/** Resolves with stdout so far once it matches, or rejects with everything said when the process ends first. */
function waitForOutput(child: ChildProcessWithoutNullStreams, pattern: RegExp): Promise<string> {
  let out = '';
  let err = '';
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (pattern.test(out)) resolve(out);
    });
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('exit', (code) => reject(new Error(`exited ${code} before printing ${pattern}: ${out}${err}`)));
  });
}

beforeAll(() => ensureBuilt(), 180_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('cockpit sim as a real process', () => {
  it('prints its URL, writes a valid config pointing at itself, serves it, and exits 0 on SIGTERM', async () => {
    const file = join(dir, 'cockpit.yaml');
    const child = cockpit(['sim', '--port', '0', '--seed', '4', '--speed', '20', '--config-out', file]);
    const code = exited(child);
    const out = await waitForOutput(child, /wrote config to .*\n/);
    const url = /demo world listening on (http:\/\/127\.0\.0\.1:\d+)\n/.exec(out)?.[1];
    expect(url).toBeDefined();

    const config = configSchema.parse(parse(readFileSync(file, 'utf8')));
    expect(config.github.api_url).toBe(`${url}/github`);
    expect(config.ci.api_url).toBe(`${url}/travis`);
    expect(config.environments.map((e) => e.name)).toEqual(['testing', 'staging', 'production']);
    const site = await fetch(config.environments[1]?.site.url as string);
    expect(await site.json()).toMatchObject({ environment: 'staging', version: expect.stringMatching(/^[0-9a-f]{40}$/) });
    const stats = (await (await fetch(`${url}/_sim/stats`)).json()) as { requests: Record<string, number> };
    expect(stats.requests['GET /sites/:env/version']).toBe(1);

    child.kill('SIGTERM');
    expect(await code).toBe(0);
  });

  it('refuses a bad number with exit 2 and a message naming the flag', async () => {
    const child = cockpit(['sim', '--speed', 'fast']);
    let err = '';
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    expect(await exited(child)).toBe(2);
    expect(err).toMatch(/--speed must be a number/);
    expect(err).not.toMatch(/\n\s+at /);
  });

  it('refuses an unknown scenario with exit 2, naming the known ones', async () => {
    const child = cockpit(['sim', '--scenario', 'monthly']);
    let err = '';
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    expect(await exited(child)).toBe(2);
    expect(err).toMatch(/unknown scenario "monthly"; expected one of: weekly, nightly/);
  });
});
