import { render } from 'ink-testing-library';
import type { ReactElement } from 'react';
import { App, type AppProps } from '../../src/ui/app.js';
import type { CockpitStoreApi } from '../../src/store/create-cockpit-store.js';

export type Rendered = ReturnType<typeof render>;

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

/** Writes a key (a KEYS name or raw text), then waits until a new frame is drawn or a few macrotasks pass. */
export async function press(r: Rendered, key: keyof typeof KEYS | string): Promise<string> {
  const before = r.frames.length;
  r.stdin.write(key in KEYS ? KEYS[key as keyof typeof KEYS] : key);
  for (let i = 0; i < 20 && r.frames.length === before; i += 1) await (i % 2 === 0 ? tick() : later());
  return r.lastFrame() ?? '';
}

/** Renders a tree, then waits for its first frame. */
export async function renderUi(tree: ReactElement): Promise<Rendered> {
  const r = render(tree);
  await waitForFrame(r, (frame) => frame.length > 0);
  return r;
}

/** The whole cockpit on `store` at an explicit terminal size (ink-testing-library has no rows and 100 columns). */
export async function renderApp(store: CockpitStoreApi, props: Partial<Omit<AppProps, 'store'>> = {}): Promise<Rendered> {
  return renderUi(<App store={store} size={{ columns: 80, rows: 24 }} onChoose={() => undefined} {...props} />);
}

export function lines(frame: string): string[] {
  return frame.split('\n');
}

/** Columns a plain (uncolored) frame line takes; our glyphs are all one column wide. */
export function width(line: string): number {
  return Array.from(line).length;
}
