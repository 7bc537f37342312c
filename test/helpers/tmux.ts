import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface TmuxSession {
  /** The visible screen, one string per row, trailing spaces trimmed. */
  screen(): Promise<string>;
  /** The visible screen with its colour and style escapes (capture-pane -e), as the terminal received them. */
  styledScreen(): Promise<string>;
  /** tmux key names ("Enter", "Tab", "BTab", "Down", "y") or literal text with `literal`. */
  send(keys: readonly string[] | string, options?: { readonly literal?: boolean }): Promise<void>;
  resize(columns: number, rows: number): Promise<void>;
  /** Polls the screen until the predicate holds; the error names what was awaited and shows the last screen. */
  waitFor(predicate: (screen: string) => boolean, what: string, timeoutMs?: number): Promise<string>;
  /** True while the program in the pane is still running. */
  isAlive(): Promise<boolean>;
  kill(): Promise<void>;
}

let counter = 0;

/**
 * Starts `command` in a detached tmux session of the given size on a private server socket, so tests
 * never touch a user's tmux. The pane stays open after the program exits so its last screen can be read.
 */
export async function startTmux(command: string, options: { readonly columns: number; readonly rows: number; readonly env?: Record<string, string>; readonly cwd?: string }): Promise<TmuxSession> {
  const socket = `cockpit-test-${process.pid}-${++counter}`;
  const name = 'cockpit';
  const tmux = (...args: string[]) => run('tmux', ['-L', socket, '-f', '/dev/null', ...args], { cwd: options.cwd });
  const envArgs = Object.entries(options.env ?? {}).flatMap(([key, value]) => ['-e', `${key}=${value}`]);
  await tmux('new-session', '-d', '-s', name, '-x', String(options.columns), '-y', String(options.rows), ...envArgs, command);
  await tmux('set-option', '-t', name, 'remain-on-exit', 'on');
  await tmux('set-option', '-g', 'window-size', 'manual');

  const session: TmuxSession = {
    async screen() {
      const { stdout } = await tmux('capture-pane', '-p', '-t', name);
      return stdout
        .split('\n')
        .map((line) => line.trimEnd())
        .join('\n')
        .trimEnd();
    },
    async styledScreen() {
      const { stdout } = await tmux('capture-pane', '-p', '-e', '-t', name);
      return stdout;
    },
    async send(keys, sendOptions = {}) {
      const list = typeof keys === 'string' ? [keys] : [...keys];
      await tmux('send-keys', '-t', name, ...(sendOptions.literal ? ['-l'] : []), ...list);
    },
    async resize(columns, rows) {
      await tmux('resize-window', '-t', name, '-x', String(columns), '-y', String(rows));
    },
    async waitFor(predicate, what, timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      let last = '';
      while (Date.now() < deadline) {
        last = await session.screen();
        if (predicate(last)) return last;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; last screen:\n${last}`);
    },
    async isAlive() {
      const { stdout } = await tmux('display-message', '-p', '-t', name, '#{pane_dead}');
      return stdout.trim() === '0';
    },
    async kill() {
      await tmux('kill-server').catch(() => undefined);
    },
  };
  return session;
}
