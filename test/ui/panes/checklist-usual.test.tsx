import { describe, expect, it } from 'vitest';
import { usuallyText } from '../../../src/format/usual.js';
import { ChecklistPane } from '../../../src/ui/panes/checklist-pane.js';
import { freshStore } from '../../helpers/ui-fixtures.js';
import { waitForFrame } from '../../helpers/ui.js';
import { renderPane } from './render-pane.js';
import { selectStep } from '../../helpers/store-state.js';

describe('"usually takes" in the checklist', () => {
  it("shows how long the selected step took in past releases, beside who does it", async () => {
    const store = freshStore({ meta: { usualStepMs: { review: 95_000, 'pr-ci': 6 * 60_000 + 20_000 } } });
    store.getState().stepsAdvanced([{ id: 'review', status: 'done' }, { id: 'choose', status: 'done' }, { id: 'open-pr', status: 'done' }, { id: 'pr-ci', status: 'active' }, ...['merge', 'deploy', 'update', 'done'].map((id) => ({ id, status: 'pending' as const }))]);
    selectStep(store, 3);
    const r = await renderPane(ChecklistPane, store, { width: 60, height: 20 });
    expect(await waitForFrame(r, 'CI · completes on its own · usually 6m')).toContain("› ▸ 4. Wait for the pull request's CI");
  });

  it('says nothing for a step that is settled, or one without history', async () => {
    const store = freshStore({ meta: { usualStepMs: { review: 95_000 } } });
    store.getState().stepsAdvanced([{ id: 'review', status: 'done' }, { id: 'choose', status: 'active' }, ...['open-pr', 'pr-ci', 'merge', 'deploy', 'update', 'done'].map((id) => ({ id, status: 'pending' as const }))]);
    const r = await renderPane(ChecklistPane, store, { width: 60, height: 20 });
    const frame = await waitForFrame(r, 'primary · you confirm it');
    expect(frame).not.toContain('usually');
    selectStep(store, 1);
    expect(await waitForFrame(r, 'primary · you choose')).not.toContain('usually');
  });

  it('rounds to what a person plans with', () => {
    expect([400, 45_000, 95_000, 6 * 60_000 + 29_000, 65 * 60_000].map(usuallyText)).toEqual(['usually 1s', 'usually 45s', 'usually 2m', 'usually 6m', 'usually 1h 05m']);
  });
});
