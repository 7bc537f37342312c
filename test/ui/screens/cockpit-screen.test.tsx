import { describe, expect, it } from 'vitest';
import type { CockpitStoreApi } from '../../../src/store/create-cockpit-store.js';
import { NOW, build, diff, environment, freshStore, ppcs, pull } from '../../helpers/ui-fixtures.js';
import { lines, renderApp, waitForFrame, width } from '../../helpers/ui.js';
import { focus, selectStep } from '../../helpers/store-state.js';
import { givenMeta } from '../../helpers/store-state.js';

/** A store with every pane holding data, as mid-release. */
function busyStore(fleet = 12): CockpitStoreApi {
  const store = freshStore();
  const s = store.getState();
  s.environmentsRead({ status: 'ready', data: ['testing', 'staging', 'production'].map((n) => environment(n)), at: NOW }, [diff('testing', 'staging'), diff('staging', 'production')]);
  s.promotionRead({ pull: pull(), prBuild: build() });
  s.fleetRead(ppcs(fleet));
  s.sourceHealthChanged({ quota: { limit: 5000, remaining: 4873, resetAt: NOW + 3_600_000 } });
  givenMeta(store, { windows: { nightly: NOW + 12 * 3_600_000, weekly: NOW + 7 * 86_400_000 } });
  for (const source of ['github', 'travis', 'sites', 'ppcs'] as const) s.sourceHealthChanged({ health: [{ source, state: 'ok' }] });
  return store;
}

function expectFits(frame: string, columns: number, rows: number): void {
  expect(lines(frame).length).toBeLessThanOrEqual(rows - 1);
  for (const l of lines(frame)) expect(width(l)).toBeLessThanOrEqual(columns);
}

describe('<CockpitScreen>', () => {
  it('fits 80x24 in at most 23 lines: header, the checklist beside the pane its step is about, and the keys', async () => {
    const r = await renderApp(busyStore());
    const frame = await waitForFrame(r, 'Environments');
    expectFits(frame, 80, 24);
    expect(lines(frame)).toHaveLength(23);
    expect(frame).toContain('DEMO');
    expect(frame).toContain('Weekly production release');
    expect(frame).toContain('quota 4,873');
    expect(frame).toContain('nightly 12h 00m');
    expect(frame).toContain('┏━ Checklist');
    // The diff wraps instead of losing its end.
    expect(frame).toContain('staging is 14 commits ahead of');
    expect(frame).toContain('SDK 0.11.2 -> 0.11.3');
    expect(frame).toContain('? help');
    expect(frame).not.toContain('Rollout');
  });

  it('shows all four panes at 200x50 and stays below 49 lines', async () => {
    const r = await renderApp(busyStore(), { columns: 200, rows: 50 });
    const frame = await waitForFrame(r, 'Rollout');
    expectFits(frame, 200, 50);
    for (const title of ['Checklist', 'Environments', 'CI', 'Rollout']) expect(frame).toContain(`─ ${title}`.replace('─ Checklist', '━ Checklist'));
    expect(frame).toContain('nightly Wed 02:00 UTC (in 12h 00m)');
  });

  it('fits 100x30', async () => {
    const r = await renderApp(busyStore(), { columns: 100, rows: 30 });
    expectFits(await waitForFrame(r, 'Environments'), 100, 30);
  });

  it('shows the rollout pane beside the checklist when the cursor is on the PPC step', async () => {
    const store = busyStore();
    selectStep(store, 6);
    const r = await renderApp(store);
    const frame = await waitForFrame(r, 'Rollout');
    expect(frame).toContain('customer-0001');
    expectFits(frame, 80, 24);
  });

  it('keeps a 10,000-PPC rollout to a window at 80x24', async () => {
    const store = busyStore(10_000);
    focus(store, 'rollout');
    const r = await renderApp(store);
    const frame = await waitForFrame(r, 'customer-0001');
    expectFits(frame, 80, 24);
    expect(frame).toMatch(/↓ [\d,]+ more/);
    expect(frame).not.toContain('customer-10000');
  });

  it('recomputes the layout when the terminal is resized', async () => {
    const r = await renderApp(busyStore(), { columns: 200, rows: 50 });
    await waitForFrame(r, 'Rollout');
    r.resize(80, 24);
    const small = await waitForFrame(r, (f) => !f.includes('Rollout') && lines(f).length <= 23);
    expectFits(small, 80, 24);
    r.resize(60, 20);
    const tabs = await waitForFrame(r, ' Checklist │ Environments │ CI │ Rollout');
    expectFits(tabs, 60, 20);
  });

  it('asks for a bigger terminal below 40x12', async () => {
    const r = await renderApp(busyStore(), { columns: 36, rows: 10 });
    const frame = await waitForFrame(r, 'needs 40x12');
    expect(lines(frame)).toHaveLength(1);
    expect(width(frame)).toBeLessThanOrEqual(36);
    // Both sizes survive the narrow terminal: the one it has and the one it needs.
    expect(frame).toContain('36x10');
    expect(frame).toMatch(/too small/i);
  });

  it('draws a question in place of the pane beside the checklist, within the same height', async () => {
    const store = busyStore();
    store.getState().openDialog({ kind: 'confirm', action: { type: 'open-pr', sha: 'c0ffee' }, prompt: 'Open a pull request staging -> production for c0ffeec?' });
    const r = await renderApp(store);
    const frame = await waitForFrame(r, 'Confirm');
    expect(frame).toContain('Open a pull request staging ->');
    expect(frame).toContain('y / n');
    expect(frame).toContain('Checklist');
    expectFits(frame, 80, 24);
  });

  it('gives the help overlay the whole body and lists every key at 80x24', async () => {
    const store = busyStore();
    store.getState().openDialog({ kind: 'help' });
    const r = await renderApp(store);
    const frame = await waitForFrame(r, 'Keys');
    expectFits(frame, 80, 24);
    expect(frame).not.toContain('more: widen');
    for (const title of ['Anywhere', 'Checklist pane', 'CI pane', 'Rollout pane', 'A y/n question', 'Typing a skip reason', 'Choosing the candidate', 'Log tail']) {
      expect(frame).toContain(title);
    }
    // Its own section gives way at 80x24; its title bar still says how to close it.
    expect(frame).toContain('Esc closes');
  });

  it('lists the help overlay\'s own keys too when the terminal has room', async () => {
    const store = busyStore();
    store.getState().openDialog({ kind: 'help' });
    const r = await renderApp(store, { columns: 200, rows: 50 });
    const frame = await waitForFrame(r, 'Close the help');
    expect(frame).toContain('Restart the selected CI job');
  });
});
