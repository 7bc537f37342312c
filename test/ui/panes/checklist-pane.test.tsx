import { headCiOf } from '../../unit/checklist-builders.js';
import { describe, expect, it } from 'vitest';
import { ChecklistPane } from '../../../src/ui/panes/checklist-pane.js';
import { build, freshStore, pull } from '../../helpers/ui-fixtures.js';
import { lines, waitForFrame } from '../../helpers/ui.js';
import { renderPane } from './render-pane.js';
import { selectStep } from '../../helpers/store-state.js';

describe('<ChecklistPane>', () => {
  it('lists every step with its status, the first one active', async () => {
    const r = await renderPane(ChecklistPane, freshStore(), { width: 50, height: 20 });
    const frame = r.lastFrame() ?? '';
    expect(frame).toContain('› ▸ 1. Review what changes');
    expect(frame).toContain('○ 8. Release complete');
    expect(frame).toContain('0/8 done');
  });

  it("expands the selected step with who does it, what it does and its gate's live condition", async () => {
    const store = freshStore();
    store.getState().stepsAdvanced([
      { id: 'review', status: 'done' },
      { id: 'choose', status: 'done' },
      { id: 'open-pr', status: 'done', outcome: 'PR #42 opened' },
      { id: 'pr-ci', status: 'active' },
      ...['merge', 'deploy', 'update', 'done'].map((id) => ({ id, status: 'pending' as const })),
    ]);
    store.getState().promotionRead({ pull: pull(), prBuild: build(), prCi: headCiOf(build(), pull().headSha) });
    selectStep(store, 3);
    const r = await renderPane(ChecklistPane, store, { width: 50, height: 20 });
    const frame = await waitForFrame(r, "› ▸ 4. Wait for the pull request's CI");
    expect(frame).toContain('CI · completes on its own');
    expect(frame).toContain("Travis runs the pull request's jobs.");
    expect(frame).toContain('● waiting for 2 of 3 jobs');
    expect(frame).toContain('✔ 1. Review what changes');
    expect(frame).not.toContain('PR #42 opened');
  });

  it('shows why a step was skipped', async () => {
    const store = freshStore();
    store.getState().stepsAdvanced([{ id: 'review', status: 'skipped', reason: 'reviewed on Slack' }, { id: 'choose', status: 'active' }, ...['open-pr', 'pr-ci', 'merge', 'deploy', 'update', 'done'].map((id) => ({ id, status: 'pending' as const }))]);
    const r = await renderPane(ChecklistPane, store, { width: 50, height: 20 });
    const frame = await waitForFrame(r, 'skipped: reviewed on Slack');
    expect(frame).toContain('⤼ 1. Review what changes');
  });

  it('windows the steps around the cursor in a short pane, keeping the expansion', async () => {
    const store = freshStore();
    selectStep(store, 7);
    const r = await renderPane(ChecklistPane, store, { width: 50, height: 9 });
    const frame = await waitForFrame(r, '8. Release complete');
    expect(lines(frame)).toHaveLength(9);
    expect(frame).toMatch(/↑ \d+ above/);
    expect(frame).toContain('steps to go');
  });
});
