import { describe, expect, it } from 'vitest';
import type { CockpitStoreApi } from '../../src/store/create-cockpit-store.js';
import { NOW, candidates, diff, environment, freshStore, sha } from '../helpers/ui-fixtures.js';
import { lines, press, renderApp, waitForFrame } from '../helpers/ui.js';
import { selectStep } from '../helpers/store-state.js';

/** The release at "choose the candidate", with the recent staging commits read. */
function atChooseStep(): CockpitStoreApi {
  const store = freshStore();
  const s = store.getState();
  s.environmentsRead({ status: 'ready', data: [environment('staging'), environment('production')], at: NOW }, [diff('staging', 'production')]);
  s.candidatesRead({ status: 'ready', data: candidates(), at: NOW });
  s.stepsAdvanced(s.checklist.steps.map((step, i) => ({ ...step, status: i === 0 ? 'done' : i === 1 ? 'active' : 'pending' })));
  selectStep(store, 1);
  return store;
}

const selectedRow = (frame: string) => lines(frame).find((l) => l.includes('❯')) ?? '';

describe('<App>', () => {
  it('moves the focus with Tab and shows the focused pane beside the checklist', async () => {
    const r = await renderApp(atChooseStep());
    await press(r, 'tab');
    const frame = await waitForFrame(r, '┏━ Environments');
    expect(frame).toContain('╭─ Checklist');
    await press(r, 'tab');
    await waitForFrame(r, '┏━ CI');
  });

  it('opens the help with ? and closes it with Esc', async () => {
    const r = await renderApp(atChooseStep());
    await press(r, '?');
    await waitForFrame(r, 'Choosing the candidate');
    await press(r, 'escape');
    await waitForFrame(r, (f) => !f.includes('Choosing the candidate') && f.includes('┏━ Checklist'));
  });

  it('opens the candidate list on Enter with the latest green preselected, and takes it on Enter', async () => {
    const store = atChooseStep();
    const r = await renderApp(store);
    await press(r, 'enter');
    const frame = await waitForFrame(r, 'Choose the candidate from staging');
    expect(selectedRow(frame)).toContain('900d900');
    await press(r, 'enter');
    await waitForFrame(r, 'Candidate: 900d900');
    expect(store.getState().promotion.candidateSha).toBe(sha('900d'));
    expect(store.getState().checklist.steps[1]?.status).toBe('done');
  });

  it("gives j/k to the candidate list while it is open, never to the checklist behind it", async () => {
    const store = atChooseStep();
    const r = await renderApp(store);
    await press(r, 'enter');
    await waitForFrame(r, 'Choose the candidate from staging');
    await press(r, 'j');
    await waitForFrame(r, (f) => selectedRow(f).includes('01d101d'));
    expect(store.getState().checklist.cursor).toBe(1);
  });

  it('asks before taking a red candidate', async () => {
    const store = atChooseStep();
    const r = await renderApp(store);
    await press(r, 'enter');
    await waitForFrame(r, 'Choose the candidate from staging');
    await press(r, 'k');
    await waitForFrame(r, (f) => selectedRow(f).includes('bad1bad'));
    await press(r, 'enter');
    const frame = await waitForFrame(r, 'Confirm');
    expect(frame).toContain('bad1bad is red: its CI failed. Promote');
    expect(frame).toContain('y / n');
    expect(store.getState().promotion.candidateSha).toBeUndefined();
  });

  it('types a skip reason into the dialog and skips with it', async () => {
    const store = atChooseStep();
    const r = await renderApp(store);
    await press(r, 's');
    await waitForFrame(r, 'Skip "Choose the release candidate"?');
    for (const key of 'no change') await press(r, key);
    await waitForFrame(r, 'Reason: no change');
    await press(r, 'enter');
    await waitForFrame(r, 'Skipped "Choose the release candidate": no change');
    expect(store.getState().checklist.steps[1]).toMatchObject({ status: 'skipped', reason: 'no change' });
  });

  it('reads no keys without a terminal', async () => {
    const store = atChooseStep();
    const r = await renderApp(store, { isInteractive: false });
    await press(r, 'tab');
    await press(r, 'enter');
    expect(store.getState().ui).toMatchObject({ focus: 'checklist', dialog: null });
  });
});
