import { describe, expect, it } from 'vitest';
import { ppcRow, RolloutPane, rowColumns } from '../../../src/ui/panes/rollout-pane.js';
import { freshStore, ppcs, sha } from '../../helpers/ui-fixtures.js';
import { lines, waitForFrame, width } from '../../helpers/ui.js';
import { renderPane } from './render-pane.js';

describe('<RolloutPane>', () => {
  it('says it is reading before the PPCs were read, and that none are configured after', async () => {
    const store = freshStore();
    const r = await renderPane(RolloutPane, store);
    expect(r.lastFrame()).toContain('Reading customer PPCs');
    store.getState().sourceHealthChanged({ health: [{ source: 'ppcs', state: 'ok' }] });
    await waitForFrame(r, 'No customer PPCs configured');
  });

  it('shows why the PPCs could not be read', async () => {
    const store = freshStore();
    store.getState().sourceHealthChanged({ health: [{ source: 'ppcs', state: 'down', detail: 'connection refused' }] });
    const r = await renderPane(RolloutPane, store);
    await waitForFrame(r, 'Could not read customer PPCs: connection refused');
  });

  it('shows counts by state, a progress bar and each PPC with current -> target revision', async () => {
    const store = freshStore();
    store.getState().rolloutStarted(sha('d4e5f6'));
    store.getState().fleetRead(ppcs(12, (i) => (i < 3 ? { state: 'done', current: sha('d4e5f6') } : i === 3 ? { state: 'failed', detail: 'HTTP 500' } : {})));
    const r = await renderPane(RolloutPane, store, { width: 70, height: 20 });
    const frame = await waitForFrame(r, 'customer-0001');
    expect(frame).toContain('12 PPCs → d4e5f6d: ✔ 3 done · ✖ 1 failed · ○ 8 pending');
    expect(frame).toContain('3 of 12 → d4e5f6d');
    expect(frame).toContain('25%');
    expect(frame).toContain('█');
    expect(frame).toContain('✖ customer-0004 a1b2c3a -> d4e5f6d failed HTTP 500');
    expect(frame).toContain('✔ customer-0001 d4e5f6d -> d4e5f6d done');
    expect(frame).toContain('customer-0012');
    expect(frame).not.toContain('more');
  });

  it('says why a PPC failed, and keeps the worst counts, when the pane is narrow', async () => {
    const store = freshStore();
    store.getState().rolloutStarted(sha('d4e5f6'));
    store.getState().fleetRead(ppcs(12, (i) => (i < 3 ? { state: 'done' } : i === 3 ? { state: 'failed', detail: 'HTTP 500' } : {})));
    const r = await renderPane(RolloutPane, store, { width: 44, height: 20 });
    const frame = await waitForFrame(r, 'customer-0004');
    expect(frame).toContain('✔ 3 done  ✖ 1 failed  ○ 8 pending');
    expect(frame).toContain('✖ customer-0004 failed: HTTP 500');
    expect(frame).toContain('○ customer-0005 a1b2c3a -> d4e5f6d');
    for (const l of lines(frame)) expect(width(l)).toBeLessThanOrEqual(44);
  });

  it('renders a window plus "N more" for 10,000 PPCs and never the whole fleet', async () => {
    const store = freshStore();
    store.getState().fleetRead(ppcs(10_000));
    const r = await renderPane(RolloutPane, store, { width: 70, height: 20 });
    const frame = await waitForFrame(r, 'customer-0001');
    expect(lines(frame)).toHaveLength(20);
    expect(frame).toMatch(/↓ 9,98\d more/);
    expect(frame).not.toContain('customer-10000');
    for (const l of lines(frame)) expect(width(l)).toBeLessThanOrEqual(70);
  });

  it('follows the cursor to the end of a 10,000-PPC fleet', async () => {
    const store = freshStore();
    store.getState().fleetRead(ppcs(10_000));
    store.getState().moveRolloutCursor(9_999);
    const r = await renderPane(RolloutPane, store, { width: 70, height: 20 });
    const frame = await waitForFrame(r, 'customer-10000');
    expect(frame).toContain('› ○ customer-10000');
    expect(frame).not.toContain('customer-0001 ');
    expect(frame).toMatch(/↑ 9,98\d above/);
  });

  it('keeps the line of a row whose PPC did not change, so a patch redraws only the rows it touched', () => {
    const store = freshStore();
    store.getState().rolloutStarted(sha('d4e5f6'));
    store.getState().fleetRead(ppcs(3));
    const columns = rowColumns(60, 14);
    const [first, second] = store.getState().rollout.ppcs;
    if (!first || !second) throw new Error('no PPCs');
    const before = [ppcRow(first, true, columns), ppcRow(second, false, columns)];
    store.getState().ppcsUpdated([{ id: second.id, state: 'updating' }]);
    const [samePpc, changed] = store.getState().rollout.ppcs;
    if (!samePpc || !changed) throw new Error('no PPCs');
    expect(ppcRow(samePpc, true, columns)).toBe(before[0]);
    expect(ppcRow(changed, false, columns)).not.toBe(before[1]);
    // Moving the cursor off it, or a narrower pane, draws it again.
    expect(ppcRow(samePpc, false, columns)).not.toBe(before[0]);
    expect(ppcRow(samePpc, false, rowColumns(40, 14))).not.toBe(ppcRow(samePpc, false, columns));
  });
});
