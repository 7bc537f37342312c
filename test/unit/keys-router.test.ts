// The router inside Ink: real key sequences through Ink's parser reach the right commands.
import { Text } from 'ink';
import { render } from 'ink-testing-library';
import { createElement } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CommandDeps } from '../../src/keys/commands.js';
import { useKeyRouter } from '../../src/keys/use-key-router.js';
import type { CockpitStoreApi } from '../../src/store/create-cockpit-store.js';
import { StoreProvider, useCockpitStore } from '../../src/store/store-context.js';
import { freshStore } from './checklist-builders.js';

function Probe({ deps }: { readonly deps: CommandDeps }) {
  useKeyRouter(deps);
  const cursor = useCockpitStore((s) => s.checklist.cursor);
  const focus = useCockpitStore((s) => s.ui.focus);
  const dialog = useCockpitStore((s) => (s.ui.dialog?.kind === 'skip' ? `skip:${s.ui.dialog.reason}` : (s.ui.dialog?.kind ?? 'none')));
  return createElement(Text, null, `cursor=${cursor} focus=${focus} dialog=${dialog}`);
}

let unmount: (() => void) | undefined;
afterEach(() => unmount?.());

async function mount(store: CockpitStoreApi) {
  const deps: CommandDeps = { perform: vi.fn(), quit: vi.fn() };
  const r = render(createElement(StoreProvider, { store, children: createElement(Probe, { deps }) }));
  unmount = r.unmount;
  const frame = async (expected: string) => vi.waitFor(() => expect(r.lastFrame()).toBe(expected), { interval: 5 });
  await frame('cursor=0 focus=checklist dialog=none');
  // Ink attaches its input listener in an effect after the first frame.
  await new Promise((resolve) => setImmediate(resolve));
  return { stdin: r.stdin, frame, deps };
}

describe('useKeyRouter', () => {
  it('routes arrows, j/k, Tab and Shift-Tab as a terminal sends them', async () => {
    const store = freshStore();
    const { stdin, frame } = await mount(store);
    stdin.write('\u001B[B');
    await frame('cursor=1 focus=checklist dialog=none');
    stdin.write('j');
    await frame('cursor=2 focus=checklist dialog=none');
    stdin.write('\u001B[A');
    await frame('cursor=1 focus=checklist dialog=none');
    stdin.write('\t');
    await frame('cursor=1 focus=environments dialog=none');
    stdin.write('\u001B[Z');
    await frame('cursor=1 focus=checklist dialog=none');
  });

  it('types a skip reason with Backspace, and Escape closes the dialog', async () => {
    const store = freshStore();
    const { stdin, frame } = await mount(store);
    stdin.write('s');
    await frame('cursor=0 focus=checklist dialog=skip:');
    stdin.write('qj');
    await frame('cursor=0 focus=checklist dialog=skip:qj');
    stdin.write('\u007F');
    await frame('cursor=0 focus=checklist dialog=skip:q');
    stdin.write('\u001B');
    await frame('cursor=0 focus=checklist dialog=none');
  });

  it('keeps one input handler for its whole life, however often it renders', async () => {
    const store = freshStore();
    const { stdin, frame, deps } = await mount(store);
    // Keys written back to back, before any re-render, all act on the latest state.
    stdin.write('j');
    stdin.write('j');
    stdin.write('j');
    await frame('cursor=3 focus=checklist dialog=none');
    stdin.write('q');
    await vi.waitFor(() => expect(deps.quit).toHaveBeenCalledTimes(1));
  });
});
