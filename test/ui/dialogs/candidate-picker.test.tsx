import { describe, expect, it } from 'vitest';
import type { CiState } from '../../../src/domain/ci.js';
import type { CandidateRow, Loadable } from '../../../src/store/state.js';
import { CandidatePicker } from '../../../src/ui/dialogs/candidate-picker.js';
import { NOW, candidates, sha } from '../../helpers/ui-fixtures.js';
import { lines, press, renderUi, waitForFrame } from '../../helpers/ui.js';

function renderPicker(list: Loadable<readonly CandidateRow[]>, isFocused = true) {
  const chosen: Array<[string, CiState]> = [];
  const tree = (
    <CandidatePicker candidates={list} branch="staging" isFocused={isFocused} onChoose={(s, ci) => void chosen.push([s, ci])} now={NOW} width={90} height={12} />
  );
  return renderUi(tree).then((r) => Object.assign(r, { chosen }));
}

const ready = (rows: CandidateRow[]): Loadable<readonly CandidateRow[]> => ({ status: 'ready', data: rows, at: NOW });

describe('<CandidatePicker>', () => {
  it('preselects the latest green commit, not the red head, and marks the red one', async () => {
    const r = await renderPicker(ready(candidates()));
    const frame = r.lastFrame() ?? '';
    const selected = lines(frame).find((l) => l.includes('❯'));
    expect(selected).toContain('900d900 [latest green] Speed up the search index');
    expect(frame).toContain('✖ bad1bad RED, needs override [head] Nightly merge: flaky cache');
    expect(frame).toContain('● 5107510 running, needs override Retry webhooks');
  });

  it('chooses the highlighted commit on Enter and reports its CI', async () => {
    const r = await renderPicker(ready(candidates()));
    await press(r, 'enter');
    expect(r.chosen).toEqual([[sha('900d'), 'success']]);
  });

  it('moves with j/k and chooses a red commit only as that commit (the caller asks for the override)', async () => {
    const r = await renderPicker(ready(candidates()));
    await press(r, 'k');
    await waitForFrame(r, (f) => (lines(f).find((l) => l.includes('❯')) ?? '').includes('bad1bad'));
    await press(r, 'enter');
    expect(r.chosen).toEqual([[sha('bad1'), 'failure']]);
  });

  it('takes no keys while it is not focused', async () => {
    const r = await renderPicker(ready(candidates()), false);
    await press(r, 'enter');
    await press(r, '1');
    expect(r.chosen).toEqual([]);
  });

  it('tells loading, empty and failed apart', async () => {
    expect((await renderPicker({ status: 'loading' })).lastFrame()).toContain('Reading recent staging commits');
    expect((await renderPicker(ready([]))).lastFrame()).toContain('Nothing to promote: every commit on staging is already released');
    expect((await renderPicker({ status: 'error', message: 'HTTP 502', at: NOW })).lastFrame()).toContain("Could not read staging's commits: HTTP 502");
  });
});
