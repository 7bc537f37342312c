import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PassThrough } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli.js';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const bin = join(repo, 'bin', 'cockpit.js');
const COMMANDS = ['run', 'demo', 'watch', 'status', 'sim', 'report', 'config', 'doctor', 'init', 'completion'];

function cockpit(args: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, ...args], { env: { PATH: dirname(process.execPath), HOME: repo }, timeout: 15_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
    });
  });
}

/** main() in this process: help never starts a mode, so eighteen processes would only add their start-up. */
async function inProcess(args: readonly string[]): Promise<{ code: number; stdout: string }> {
  const out = new PassThrough();
  let stdout = '';
  out.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  const code = await main(args, { stdout: out as unknown as NodeJS.WriteStream, stderr: out as unknown as NodeJS.WriteStream, env: {} });
  return { code, stdout };
}

function bash(script: string): Promise<string> {
  return new Promise((resolve, reject) => execFile('bash', ['-c', script], { timeout: 10_000 }, (error, stdout, stderr) => (error ? reject(new Error(stderr)) : resolve(stdout))));
}

beforeAll(() => {
  if (!existsSync(join(repo, 'dist', 'bundle', 'cli.js'))) throw new Error('dist/ is missing: run `npm run build` first');
});

describe('the command line behaves as CLIs do', () => {
  it('--version prints the package version and exits 0', async () => {
    const { version } = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as { version: string };
    for (const flag of ['--version', '-V']) {
      const run = await cockpit([flag]);
      expect(run.stdout).toBe(`release-cockpit ${version}\n`);
      expect(run.code).toBe(0);
    }
  });

  it('`cockpit help COMMAND` and `COMMAND --help` print the same: usage, each flag with what it does, an example', async () => {
    for (const name of COMMANDS) {
      const help = await inProcess(['help', name]);
      const flag = await inProcess([name, '--help']);
      expect(help.code, name).toBe(0);
      expect(flag.stdout, name).toBe(help.stdout);
      expect(help.stdout, name).toMatch(new RegExp(`^usage: cockpit ${name === 'run' ? '\\[run\\]' : name}`));
      expect(help.stdout, name).toMatch(new RegExp(`Example:\\n  cockpit ${name === 'run' ? 'run' : name}`));
    }
    const status = await inProcess(['help', 'status']);
    expect(status.stdout).toMatch(/--json\s+print JSON instead of text/);
    expect(status.stdout).toMatch(/-c, --config VALUE\s+the configuration file/);
  });

  it('help for a command that does not exist is a usage error naming the commands', async () => {
    const run = await cockpit(['help', 'deploy']);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`cockpit: no command "deploy"; expected one of: ${COMMANDS.join(', ')}\n`);
  });

  it('`cockpit completion bash` completes commands and each command\'s flags in a real bash', async () => {
    const script = (await cockpit(['completion', 'bash'])).stdout;
    const complete = (words: string[]) =>
      bash(`${script}\nCOMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length - 1}; _cockpit; printf '%s\\n' "\${COMPREPLY[@]}"`);
    expect((await complete(['cockpit', 'do'])).split('\n')).toContain('doctor');
    expect((await complete(['cockpit', 'status', '--j'])).trim()).toBe('--json');
    expect((await complete(['cockpit', 'config', 'c'])).trim()).toBe('check');
  });

  it('`cockpit completion zsh` and `fish` name every command; an unknown shell is a usage error', async () => {
    for (const shell of ['zsh', 'fish']) {
      const run = await cockpit(['completion', shell]);
      expect(run.code).toBe(0);
      for (const name of COMMANDS) expect(run.stdout, `${shell} ${name}`).toMatch(new RegExp(shell === 'zsh' ? `'${name}:` : `-a ${name} `));
    }
    expect(await cockpit(['completion', 'tcsh'])).toMatchObject({ code: 2, stderr: expect.stringContaining('completion needs a shell: bash, zsh or fish (got "tcsh")') });
  });
});
