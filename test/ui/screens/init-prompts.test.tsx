import { describe, expect, it } from 'vitest';
import type { InitChoices, InitQuestion } from '../../../src/domain/init-questions.js';
import { InitPrompts } from '../../../src/ui/screens/init-prompts.js';
import { lines, press, renderUi, waitForFrame } from '../../helpers/ui.js';

const QUESTIONS: InitQuestion[] = [
  { id: 'weekly-day', title: 'Which day is the weekly release?', why: 'The header counts down to it.', choices: ['monday', 'tuesday', 'wednesday'].map((v) => ({ label: v, value: v })), defaultValue: 'tuesday' },
  { id: 'sdk', title: 'Which variable holds the SDK version?', why: 'Several name the SDK.', choices: [{ label: 'SDK_VERSION', value: 'SDK_VERSION' }, { label: 'SDK_TAG', value: 'SDK_TAG' }], defaultValue: 'SDK_TAG' },
];

async function renderPrompts() {
  const done: InitChoices[] = [];
  let aborted = 0;
  const r = await renderUi(<InitPrompts questions={QUESTIONS} onDone={(c) => void done.push(c)} onAbort={() => void (aborted += 1)} />);
  return Object.assign(r, { done, aborted: () => aborted });
}

const selected = (frame: string) => lines(frame).find((l) => l.includes('❯')) ?? '';

describe('<InitPrompts>', () => {
  it('shows one question at a time with why it is asked and its default preselected; Enter alone takes every default', async () => {
    const r = await renderPrompts();
    let frame = r.lastFrame() ?? '';
    expect(frame).toContain('Which day is the weekly release? (1 of 2)');
    expect(frame).toContain('The header counts down to it.');
    expect(selected(frame)).toContain('tuesday · default');
    expect(frame).toContain('↑↓ move · Enter choose · Esc quit, nothing written');
    expect(frame).not.toContain('SDK version');
    await press(r, 'enter');
    frame = await waitForFrame(r, 'Which variable holds the SDK version? (2 of 2)');
    // The answered question stays above as one line.
    expect(frame).toContain('✔ Which day is the weekly release? tuesday');
    expect(selected(frame)).toContain('SDK_TAG');
    await press(r, 'enter');
    expect(r.done).toEqual([{ 'weekly-day': 'tuesday', sdk: 'SDK_TAG' }]);
  });

  it('takes another choice with the arrows', async () => {
    const r = await renderPrompts();
    await press(r, 'down');
    const frame = await waitForFrame(r, (f) => selected(f).includes('wednesday'));
    // The default stays marked when the cursor leaves it.
    expect(frame).toContain('  tuesday · default');
    await press(r, 'enter');
    await waitForFrame(r, '(2 of 2)');
    await press(r, 'up');
    await waitForFrame(r, (f) => selected(f).includes('SDK_VERSION'));
    await press(r, 'enter');
    expect(r.done).toEqual([{ 'weekly-day': 'wednesday', sdk: 'SDK_VERSION' }]);
  });

  it('leaves on Esc or Ctrl-C without an answer', async () => {
    const esc = await renderPrompts();
    await press(esc, 'enter');
    await press(esc, 'escape');
    await waitForFrame(esc, () => esc.aborted() === 1);
    expect(esc.done).toEqual([]);
    const ctrlC = await renderPrompts();
    await press(ctrlC, '\u0003');
    expect(ctrlC.aborted()).toBe(1);
    expect(ctrlC.done).toEqual([]);
  });
});
