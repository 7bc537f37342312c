import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { startHostileServer, type HostileServer } from '../helpers/hostile-servers.js';

// The bad-input corpus: one file per case in test/fixtures/hostile/, each a command line with the files it
// reads, the exit code and the one line a user must get, and how long it may take. Every case runs the real
// binary in a directory and a state directory of its own; afterwards nothing may be left in either.

const repo = fileURLToPath(new URL('../..', import.meta.url));
const bin = join(repo, 'bin', 'cockpit.js');
const fixtures = join(repo, 'test', 'fixtures');
const corpus = join(fixtures, 'hostile');

/** A file's text; or bytes in base64; or a fixture's content; any of them followed by `repeat` (with {n} numbered) `times` times. */
type FileSpec = string | { readonly base64?: string; readonly fixture?: string; readonly repeat?: string; readonly times?: number };

interface Case {
  readonly why: string;
  readonly args: readonly string[];
  readonly files?: Readonly<Record<string, FileSpec>>;
  readonly env?: Readonly<Record<string, string>>;
  /** Run in a terminal (`script`): run, demo and watch refuse without one. */
  readonly tty?: boolean;
  readonly server?: 'endless-sse' | 'plain-http' | 'busy-port';
  readonly exit: number;
  /** What the first line says (after {dir}, {port} and {fixtures} are filled in). */
  readonly line: string;
  /** A list of problems under the first line is allowed (config check names each). @default false */
  readonly list?: boolean;
  /** What a line of the output says besides the first line's start (the first line included). */
  readonly then?: string;
  readonly within_ms?: number;
  /** A secret the input holds, which must appear nowhere in what the command says. */
  readonly secret?: string;
}

const cases = readdirSync(corpus)
  .filter((name) => name.endsWith('.yaml'))
  .sort()
  .map((name) => ({ name: name.replace(/\.yaml$/, ''), spec: parse(readFileSync(join(corpus, name), 'utf8')) as Case }));

function contentOf(spec: FileSpec): Buffer {
  if (typeof spec === 'string') return Buffer.from(spec);
  const start = spec.base64 !== undefined ? Buffer.from(spec.base64, 'base64') : spec.fixture !== undefined ? readFileSync(join(fixtures, spec.fixture)) : Buffer.alloc(0);
  const repeated = Array.from({ length: spec.times ?? 0 }, (_, n) => (spec.repeat ?? '').replaceAll('{n}', String(n))).join('');
  return Buffer.concat([start, Buffer.from(repeated)]);
}

function everything(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: false }).map(String).sort();
}

const shellQuote = (arg: string): string => `'${arg.replace(/'/g, `'\\''`)}'`;

interface Ran {
  readonly code: number | null;
  readonly output: string;
  readonly ms: number;
}

function run(args: readonly string[], options: { cwd: string; env: NodeJS.ProcessEnv; tty: boolean; killAfterMs: number }): Promise<Ran> {
  const started = performance.now();
  const [command, argv] = options.tty ? ['script', ['-qec', [process.execPath, bin, ...args].map(shellQuote).join(' '), '/dev/null']] : [process.execPath, [bin, ...args]];
  const child = spawn(command as string, argv as string[], { cwd: options.cwd, env: options.env, stdio: ['pipe', 'pipe', 'pipe'] });
  let output = '';
  let stdout = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const killer = setTimeout(() => child.kill('SIGKILL'), options.killAfterMs);
  return new Promise((resolve) => {
    child.on('close', (code) => {
      clearTimeout(killer);
      // In a terminal both streams are the terminal; otherwise what a user reads is stderr, stdout stays empty.
      resolve({ code, output: options.tty ? stdout.replace(/\r/g, '') : output + (stdout ? `[stdout] ${stdout}` : ''), ms: performance.now() - started });
    });
  });
}

const timings: { name: string; ms: number }[] = [];
afterAll(() => {
  const slowest = [...timings].sort((a, b) => b.ms - a.ms)[0];
  if (slowest) console.log(`hostile corpus: ${timings.length} inputs handled; slowest ${slowest.name} in ${Math.round(slowest.ms)} ms`);
});

describe('the hostile-input corpus (test/fixtures/hostile)', () => {
  it('has cases', () => expect(cases.length).toBeGreaterThan(20));

  it.each(cases)('$name', async ({ name, spec }) => {
    const dir = mkdtempSync(join(tmpdir(), 'cockpit-hostile-'));
    const state = mkdtempSync(join(tmpdir(), 'cockpit-hostile-state-'));
    const home = join(dir, 'home');
    mkdirSync(home);
    let server: HostileServer | undefined;
    try {
      for (const [file, content] of Object.entries(spec.files ?? {})) {
        mkdirSync(dirname(join(dir, file)), { recursive: true });
        writeFileSync(join(dir, file), contentOf(content));
      }
      const before = everything(dir);
      server = spec.server ? await startHostileServer(spec.server) : undefined;
      const fill = (text: string): string => text.replaceAll('{dir}', dir).replaceAll('{fixtures}', fixtures).replaceAll('{port}', String(server?.port ?? 0));
      const env = { PATH: `${dirname(process.execPath)}:/usr/bin:/bin`, HOME: home, TERM: 'xterm-256color', COCKPIT_STATE_DIR: state, COCKPIT_CACHE_DIR: join(state, 'cache'), ...spec.env };
      const limit = spec.within_ms ?? 10_000;
      const ran = await run(spec.args.map(fill), { cwd: dir, env, tty: spec.tty === true, killAfterMs: limit + 10_000 });
      timings.push({ name, ms: ran.ms });

      const lines = ran.output.split('\n').filter((l) => l.trim() !== '');
      expect({ code: ran.code, first: lines[0] }).toEqual({ code: spec.exit, first: expect.stringContaining(`cockpit: ${fill(spec.line)}`) });
      if (!spec.list) expect(lines).toHaveLength(1);
      if (spec.then !== undefined) expect(lines.join('\n')).toContain(fill(spec.then));
      expect(ran.output).not.toMatch(/^\s+at |unexpected error|node:internal|\x1b\[(?!\?)/m);
      if (spec.secret !== undefined) expect(ran.output).not.toContain(spec.secret);
      expect(ran.ms).toBeLessThan(limit);
      // Nothing written or started: no journal, no lease, no demo world, no cache; the working directory as it was.
      expect(everything(state)).toEqual([]);
      expect(everything(dir)).toEqual(before);
    } finally {
      await server?.stop();
      rmSync(dir, { recursive: true, force: true });
      rmSync(state, { recursive: true, force: true });
    }
  });
});
