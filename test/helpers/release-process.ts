import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseJournal } from '../../src/journal/parse.js';
import type { JournalEvent } from '../../src/journal/events.js';
import type { SimStats } from '../../src/sim/index.js';
import { startTmux, type TmuxSession } from './tmux.js';

// Real processes for the kill-and-resume tests: `cockpit sim` in one, `cockpit run` in a tmux terminal.

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BIN = join(ROOT, 'bin', 'cockpit.js');

export interface SimProcess {
  readonly url: string;
  readonly config: string;
  stats(): Promise<SimStats>;
  state(): Promise<{ readonly pulls: readonly { readonly number: number; readonly merged: boolean }[]; readonly ppcs: readonly { readonly id: string }[]; readonly facts: Record<string, unknown> }>;
  fault(rule: Record<string, unknown>): Promise<void>;
  stop(): void;
}

/** `cockpit sim --config-out` as a process of its own, so it outlives every cockpit killed against it. */
export async function startSimProcess(dir: string, options: { readonly seed: number; readonly speed: number; readonly scenario?: string }): Promise<SimProcess> {
  const config = join(dir, 'cockpit.yaml');
  const scenario = options.scenario ? ['--scenario', options.scenario] : [];
  const child: ChildProcess = spawn(process.execPath, [BIN, 'sim', '--port', '0', '--seed', String(options.seed), '--speed', String(options.speed), ...scenario, '--config-out', config], { stdio: ['ignore', 'pipe', 'pipe'] });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)[\s\S]*wrote config/.exec(out);
      if (match?.[1]) resolve(match[1]);
    });
    child.on('exit', (code) => reject(new Error(`cockpit sim exited ${code}: ${out}`)));
  });
  const get = async <T>(path: string): Promise<T> => (await (await fetch(`${url}${path}`)).json()) as T;
  return {
    url,
    config,
    stats: () => get<SimStats>('/_sim/stats'),
    state: () => get('/_sim/state'),
    async fault(rule) {
      const res = await fetch(`${url}/_sim/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(rule) });
      if (!res.ok) throw new Error(`fault refused: ${await res.text()}`);
    },
    stop: () => void child.kill('SIGTERM'),
  };
}

/** The release's journal and lease in a state directory (the one release the test drives). */
export function releaseFiles(state: string): { readonly journal: string; readonly lease: string } | undefined {
  const dir = join(state, 'releases');
  if (!existsSync(dir)) return undefined;
  const journal = readdirSync(dir).find((n) => n.endsWith('.jsonl'));
  return journal ? { journal: join(dir, journal), lease: join(dir, journal.replace(/\.jsonl$/, '.lease.json')) } : undefined;
}

export function journalEvents(state: string): JournalEvent[] {
  const files = releaseFiles(state);
  return files ? [...parseJournal(readFileSync(files.journal, 'utf8')).events] : [];
}

/** `cockpit run` on the sim's config in an 80x24 tmux terminal; `kill9` kills it as a crash would. */
export interface Cockpit extends TmuxSession {
  /** SIGKILL to the cockpit process (its pid from the lease), then waits for the terminal to show it gone. */
  kill9(): Promise<void>;
}

export function startCockpit(sim: SimProcess, state: string, env: Record<string, string> = {}, args = ''): Promise<Cockpit> {
  return startCockpitOn(sim.config, state, env, args);
}

/** `cockpit run` on any config file (one `cockpit init` wrote, say), as `startCockpit` runs the sim's own. */
export async function startCockpitOn(config: string, state: string, env: Record<string, string> = {}, args = ''): Promise<Cockpit> {
  const session = await startTmux(`node ${BIN} run --config ${config} ${args}`, { columns: 80, rows: 24, cwd: ROOT, env: { COCKPIT_STATE_DIR: state, COCKPIT_NOTIFY: 'off', ...env } });
  return {
    ...session,
    async kill9() {
      const files = releaseFiles(state);
      if (!files) throw new Error('no release journal yet: nothing to kill');
      const { pid } = JSON.parse(readFileSync(files.lease, 'utf8')) as { pid: number };
      process.kill(pid, 'SIGKILL');
      const deadline = Date.now() + 10_000;
      while ((await session.isAlive()) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
      await session.kill();
    },
  };
}

/** Polls until `check` holds; the error names what was awaited. */
export async function until(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}
