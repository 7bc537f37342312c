import { EventEmitter } from 'node:events';
import { render as inkRender } from 'ink';
import { render } from 'ink-testing-library';
import type { ReactElement } from 'react';
import type { CommandDeps } from '../../src/keys/commands.js';
import type { CockpitStoreApi } from '../../src/store/create-cockpit-store.js';
import type { PendingAction } from '../../src/store/state.js';
import { App, type AppProps } from '../../src/ui/app.js';

/** What a test needs from a rendered tree, whichever renderer drew it. */
export interface Rendered {
  readonly frames: string[];
  lastFrame(): string | undefined;
  readonly stdin: { write(data: string): void };
  rerender(tree: ReactElement): void;
  unmount(): void;
}

/** What a terminal sends for the keys the cockpit uses. */
export const KEYS = {
  up: '\u001B[A',
  down: '\u001B[B',
  right: '\u001B[C',
  left: '\u001B[D',
  enter: '\r',
  escape: '\u001B',
  tab: '\t',
  shiftTab: '\u001B[Z',
  backspace: '\u007F',
} as const;

/** One macrotask: Ink commits frames after one or two of these, never after microtasks alone. */
export function tick(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

function later(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 1));
}

/**
 * Polls until the last frame satisfies `predicate` (a substring or a function) and returns it; fails after
 * `timeout` ms with the last frame in the message. No fixed sleeps: it returns as soon as the frame is there.
 */
export async function waitForFrame(r: Pick<Rendered, 'lastFrame'>, predicate: string | ((frame: string) => boolean), timeout = 2000): Promise<string> {
  const test = typeof predicate === 'string' ? (frame: string) => frame.includes(predicate) : predicate;
  const deadline = Date.now() + timeout;
  for (let i = 0; ; i += 1) {
    const frame = r.lastFrame() ?? '';
    if (test(frame)) return frame;
    if (Date.now() > deadline) {
      throw new Error(`waitForFrame: no matching frame within ${timeout} ms (${typeof predicate === 'string' ? JSON.stringify(predicate) : 'predicate'}). Last frame:\n${frame}`);
    }
    await (i % 2 === 0 ? tick() : later());
  }
}

/**
 * Writes a key (a KEYS name or raw text), then waits until a new frame is drawn or a few macrotasks pass, and
 * one macrotask more: components re-subscribe their `useInput` handlers in effects that run after the frame
 * (ink-testing-library #29), and the next key must reach the new handler, as it would at human speed.
 */
export async function press(r: Rendered, key: keyof typeof KEYS | string): Promise<string> {
  const before = r.frames.length;
  r.stdin.write(key in KEYS ? KEYS[key as keyof typeof KEYS] : key);
  for (let i = 0; i < 20 && r.frames.length === before; i += 1) await (i % 2 === 0 ? tick() : later());
  await tick();
  return r.lastFrame() ?? '';
}

/** Renders a tree with ink-testing-library (100 columns, no rows), then waits for its first frame. */
export async function renderUi(tree: ReactElement): Promise<Rendered> {
  const r = render(tree);
  await waitForFrame(r, (frame) => frame.length > 0);
  return r;
}

/**
 * A terminal of a chosen size. ink-testing-library's stdout is fixed at 100 columns with no rows, which makes
 * Ink lay a 200-column frame out in 100; this one has both, and `resize` emits what a real terminal does.
 */
class SizedStdout extends EventEmitter {
  readonly frames: string[] = [];
  readonly isTTY = true;
  constructor(
    public columns: number,
    public rows: number,
  ) {
    super();
  }
  write = (frame: string): boolean => {
    this.frames.push(frame);
    return true;
  };
  lastFrame = (): string | undefined => this.frames.at(-1);
  resize(columns: number, rows: number): void {
    this.columns = columns;
    this.rows = rows;
    this.emit('resize');
  }
}

class FakeStdin extends EventEmitter {
  readonly isTTY = true;
  private data: string | null = null;
  write = (data: string): void => {
    this.data = data;
    this.emit('readable');
    this.emit('data', data);
  };
  read = (): string | null => {
    const { data } = this;
    this.data = null;
    return data;
  };
  setEncoding(): void {}
  setRawMode(): void {}
  resume(): void {}
  pause(): void {}
  ref(): void {}
  unref(): void {}
}

export interface SizedRendered extends Rendered {
  /** Changes the terminal's size and emits 'resize', as a terminal window does. */
  resize(columns: number, rows: number): void;
}

/** Renders a tree in a terminal of `columns` x `rows` (Ink in debug mode, as ink-testing-library does). */
export async function renderAt(tree: ReactElement, size: { readonly columns: number; readonly rows: number }): Promise<SizedRendered> {
  const stdout = new SizedStdout(size.columns, size.rows);
  const stdin = new FakeStdin();
  const instance = inkRender(tree, {
    stdout: stdout as unknown as NodeJS.WriteStream,
    stderr: new SizedStdout(size.columns, size.rows) as unknown as NodeJS.WriteStream,
    stdin: stdin as unknown as NodeJS.ReadStream,
    debug: true,
    exitOnCtrlC: false,
    patchConsole: false,
  });
  const r: SizedRendered = {
    frames: stdout.frames,
    lastFrame: stdout.lastFrame,
    stdin,
    rerender: instance.rerender,
    unmount: instance.unmount,
    resize: (columns, rows) => stdout.resize(columns, rows),
  };
  await waitForFrame(r, (frame) => frame.length > 0);
  return r;
}

export interface AppRendered extends SizedRendered {
  /** Actions the key router asked to perform (after a `y`), in order. */
  readonly performed: PendingAction[];
  /** One entry per quit the key router asked for. */
  readonly quits: true[];
}

/**
 * The whole cockpit on `store` in a terminal of `columns` x `rows` (80x24 by default). The app reads its size
 * from that terminal, as it does in production, so resizes go through the real path.
 */
export async function renderApp(
  store: CockpitStoreApi,
  options: { readonly columns?: number; readonly rows?: number } & Partial<Omit<AppProps, 'store' | 'deps'>> = {},
): Promise<AppRendered> {
  const { columns = 80, rows = 24, ...props } = options;
  const performed: PendingAction[] = [];
  const quits: true[] = [];
  const deps: CommandDeps = { perform: (action) => void performed.push(action), quit: () => void quits.push(true), now: () => store.getState().now };
  const r = await renderAt(<App store={store} deps={deps} {...props} />, { columns, rows });
  return Object.assign(r, { performed, quits });
}

export function lines(frame: string): string[] {
  return frame.split('\n');
}

/** Columns a plain (uncolored) frame line takes; our glyphs are all one column wide. */
export function width(line: string): number {
  return Array.from(line).length;
}
