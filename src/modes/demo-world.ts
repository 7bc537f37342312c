import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, closeSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { configSchema, type Config } from '../config/schema.js';
import { isPidAlive } from '../journal/lease-file.js';
import { releasesDir, stateDir } from '../journal/paths.js';
import { DEFAULT_SCENARIO, SCENARIOS, type TeamShape } from '../sim/index.js';
import { UsageError } from '../exit-codes.js';

/**
 * A demo world that outlives the cockpit showing it: one per scenario and seed, under
 * `<state>/demo/<scenario>-seed-<seed>/` with its own `releases/` (a demo never touches a real release). Killing
 * `cockpit demo` leaves the world running, so starting it again resumes the same release on the same world.
 */
export interface DemoWorld {
  readonly url: string;
  readonly config: Config;
  readonly pid: number;
  /** The state directory for this world's releases (the session's `stateDir`). */
  readonly stateDir: string;
  /** Earlier worlds' releases, kept for "usually takes". */
  readonly historyDir: string;
  /** Whether an already running world was found (and so its release is resumed). */
  readonly reused: boolean;
  readonly speed: number;
  stop(): void;
}

export interface DemoWorldOptions {
  readonly env: NodeJS.ProcessEnv;
  readonly scenario: string | undefined;
  readonly seed: number | undefined;
  readonly speed: number | undefined;
  /** A team's own shape (`--config`): the world wears it, in a directory of its own so acme's is untouched. */
  readonly team?: TeamShape | undefined;
  /** Start over: stop a running world and put its releases into history. */
  readonly fresh: boolean;
}

interface WorldFile {
  readonly url: string;
  readonly pid: number;
  readonly speed: number;
}

const START_TIMEOUT_MS = 15_000;

export async function openDemoWorld(options: DemoWorldOptions): Promise<DemoWorld> {
  const scenario = options.scenario ?? DEFAULT_SCENARIO;
  if (!SCENARIOS[scenario]) throw new UsageError(`unknown scenario "${scenario}"; expected one of: ${Object.keys(SCENARIOS).join(', ')}`);
  const seed = options.seed ?? 1;
  // A world per team shape: an edited config is a new world, never the old one resumed under new names.
  const teamJson = options.team ? JSON.stringify(options.team) : undefined;
  const teamTag = teamJson ? `-team-${createHash('sha256').update(teamJson).digest('hex').slice(0, 12)}` : '';
  const dir = join(stateDir(options.env), 'demo', `${scenario}${teamTag}-seed-${seed}`);
  const historyDir = join(dir, 'history');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const worldPath = join(dir, 'world.json');

  const running = readWorld(worldPath);
  if (running && !options.fresh) {
    const config = await readConfig(running.url);
    if (config) return world(running, config, true);
  }
  if (running && isPidAlive(running.pid)) process.kill(running.pid, 'SIGTERM');
  rmSync(worldPath, { force: true });
  shelve(releasesDir(dir), historyDir);

  const teamPath = teamJson ? join(dir, 'team.json') : undefined;
  if (teamPath) writeFileSync(teamPath, `${teamJson}\n`, { mode: 0o600 });
  const started = await spawnWorld(dir, worldPath, scenario, seed, options.speed ?? 1, teamPath);
  const config = await readConfig(started.url);
  if (!config) throw new Error(`the demo world at ${started.url} does not answer; see ${join(dir, 'world.log')}`);
  return world(started, config, false);

  function world(file: WorldFile, config: Config, reused: boolean): DemoWorld {
    return {
      url: file.url,
      config,
      pid: file.pid,
      stateDir: dir,
      historyDir,
      reused,
      speed: file.speed,
      stop() {
        if (isPidAlive(file.pid)) process.kill(file.pid, 'SIGTERM');
      },
    };
  }
}

function readWorld(path: string): WorldFile | undefined {
  try {
    const v = JSON.parse(readFileSync(path, 'utf8')) as Partial<WorldFile>;
    if (typeof v.url !== 'string' || typeof v.pid !== 'number') return undefined;
    if (!isPidAlive(v.pid)) return undefined;
    return { url: v.url, pid: v.pid, speed: typeof v.speed === 'number' ? v.speed : 1 };
  } catch {
    return undefined;
  }
}

async function readConfig(url: string): Promise<Config | undefined> {
  try {
    const res = await fetch(`${url}/_sim/config`, { signal: AbortSignal.timeout(3_000) });
    if (!res.ok) return undefined;
    return configSchema.parse(await res.json());
  } catch {
    return undefined;
  }
}

/** An earlier world's releases mean nothing to a new world; they stay only as history. */
function shelve(releases: string, history: string): void {
  let names: string[];
  try {
    names = readdirSync(releases);
  } catch {
    return;
  }
  mkdirSync(history, { recursive: true, mode: 0o700 });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  for (const name of names) {
    if (name.endsWith('.jsonl')) renameSync(join(releases, name), join(history, `${stamp}-${name}`));
    else rmSync(join(releases, name), { force: true });
  }
}

async function spawnWorld(dir: string, worldPath: string, scenario: string, seed: number, speed: number, teamPath: string | undefined): Promise<WorldFile> {
  const host = fileURLToPath(new URL('./demo-world-host.js', import.meta.url));
  const log = openSync(join(dir, 'world.log'), 'w', 0o600);
  try {
    const child = spawn(process.execPath, [host, dir, scenario, String(seed), String(speed), ...(teamPath ? [teamPath] : [])], { detached: true, stdio: ['ignore', log, log] });
    child.unref();
  } finally {
    closeSync(log);
  }
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    const found = readWorld(worldPath);
    if (found) return found;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`the demo world did not start within ${START_TIMEOUT_MS / 1000} s; see ${join(dir, 'world.log')}`);
}
