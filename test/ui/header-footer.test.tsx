import { describe, expect, it } from 'vitest';
import { StoreProvider } from '../../src/store/store-context.js';
import { Footer } from '../../src/ui/footer.js';
import { Header } from '../../src/ui/header.js';
import { NOW, freshStore } from '../helpers/ui-fixtures.js';
import { lines, renderUi, waitForFrame, width } from '../helpers/ui.js';
import type { CockpitStoreApi } from '../../src/store/create-cockpit-store.js';
import { givenMeta } from '../helpers/store-state.js';

function renderHeader(store: CockpitStoreApi, w: number, height: number) {
  return renderUi(
    <StoreProvider store={store}>
      <Header width={w} height={height} />
    </StoreProvider>,
  );
}

describe('<Header>', () => {
  it('shows the mode, release, roles, each source, the quota and the next windows', async () => {
    const store = freshStore();
    store.getState().sourceHealthChanged({ health: [{ source: 'travis', state: 'down', detail: 'timeout' }] });
    store.getState().sourceHealthChanged({ health: [{ source: 'github', state: 'ok' }] });
    store.getState().sourceHealthChanged({ quota: { limit: 5000, remaining: 312, resetAt: NOW } });
    givenMeta(store, { windows: { nightly: NOW + 12 * 3_600_000, weekly: NOW + 7 * 86_400_000 } });
    const frame = (await renderHeader(store, 100, 2)).lastFrame() ?? '';
    expect(frame).toContain('DEMO');
    expect(frame).toContain('Weekly production release');
    expect(frame).toContain('primary alice · secondary bob');
    expect(frame).toContain('✔github ✖travis ○sites ○ppcs');
    expect(frame).toContain('quota 312');
    expect(frame).toContain('nightly 12h 00m · weekly 7d 0h');
    for (const l of lines(frame)) expect(width(l)).toBeLessThanOrEqual(100);
  });

  it('says the release is complete once every step is done or skipped', async () => {
    const store = freshStore();
    const r = await renderHeader(store, 100, 2);
    expect(r.lastFrame()).not.toContain('release complete');
    store.getState().stepsAdvanced(store.getState().checklist.steps.map((step, i) => ({ ...step, status: i === 2 ? 'skipped' : 'done' })));
    await waitForFrame(r, 'Weekly production release ✔ release complete');
  });

  it('names the driving mode and fits one line when asked', async () => {
    const store = freshStore({ meta: { mode: 'driving' } });
    const frame = (await renderHeader(store, 60, 1)).lastFrame() ?? '';
    expect(lines(frame)).toHaveLength(1);
    expect(frame).toContain('DRIVING');
    expect(width(frame)).toBeLessThanOrEqual(60);
  });
});

describe('<Footer>', () => {
  it('lists the keys that apply now and the last notice under them', async () => {
    const store = freshStore();
    const r = await renderUi(
      <StoreProvider store={store}>
        <Footer width={80} height={2} />
      </StoreProvider>,
    );
    expect(r.lastFrame()).toContain('? help');
    expect(r.lastFrame()).toContain('q quit');
    store.getState().setNotice({ text: 'PR #42 opened', tone: 'success' });
    const frame = await waitForFrame(r, 'PR #42 opened');
    expect(lines(frame)).toHaveLength(2);
    store.getState().openDialog({ kind: 'confirm', action: { type: 'quit' }, prompt: 'Quit?' });
    const asking = await waitForFrame(r, 'y yes');
    expect(asking).not.toContain('q quit');
  });

  it('lets a notice take the only line', async () => {
    const store = freshStore();
    store.getState().setNotice({ text: 'Cannot merge: CI is red', tone: 'error' });
    const r = await renderUi(
      <StoreProvider store={store}>
        <Footer width={80} height={1} />
      </StoreProvider>,
    );
    expect(r.lastFrame()).toBe(' Cannot merge: CI is red');
  });
});
