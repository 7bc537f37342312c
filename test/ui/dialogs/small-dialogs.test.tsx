import { describe, expect, it } from 'vitest';
import { HELP_SECTIONS } from '../../../src/keys/help-rows.js';
import { ConfirmDialog } from '../../../src/ui/dialogs/confirm-dialog.js';
import { HelpOverlay, helpColumns, helpLines } from '../../../src/ui/dialogs/help-overlay.js';
import { SkipDialog } from '../../../src/ui/dialogs/skip-dialog.js';
import { lines, renderUi, width } from '../../helpers/ui.js';

describe('<ConfirmDialog>', () => {
  it('shows the whole prompt, wrapped, and the y / n answer', async () => {
    const r = await renderUi(<ConfirmDialog prompt="Merge PR #42 into production at c0ffeec? Its merge deploys production." width={40} height={8} />);
    const frame = r.lastFrame() ?? '';
    expect(frame.replace(/[┃\s]+/g, ' ')).toContain('Merge PR #42 into production at c0ffeec? Its merge deploys production.');
    expect(frame).toContain('y / n');
    for (const l of lines(frame)) expect(width(l)).toBeLessThanOrEqual(40);
  });
});

describe('<SkipDialog>', () => {
  it('shows the step and the reason typed so far', async () => {
    const r = await renderUi(<SkipDialog stepTitle="Review what changes" reason="reviewed in the channel" width={50} height={8} />);
    const frame = r.lastFrame() ?? '';
    expect(frame).toContain('Skip "Review what changes"?');
    expect(frame).toContain('Reason: reviewed in the channel');
    expect(frame).toContain('Enter skips it');
  });

  it('asks for a reason while none is typed, and shows the end of a long one', async () => {
    expect((await renderUi(<SkipDialog stepTitle="Review" reason="" width={50} height={8} />)).lastFrame()).toContain('a reason is required');
    const long = `${'x'.repeat(80)}END`;
    const frame = (await renderUi(<SkipDialog stepTitle="Review" reason={long} width={50} height={8} />)).lastFrame() ?? '';
    expect(frame).toContain('END');
    for (const l of lines(frame)) expect(width(l)).toBeLessThanOrEqual(50);
  });
});

describe('<HelpOverlay>', () => {
  it('lists every key of the key table', async () => {
    const r = await renderUi(<HelpOverlay width={100} height={30} />);
    const frame = r.lastFrame() ?? '';
    for (const section of HELP_SECTIONS) {
      expect(frame).toContain(section.title);
      for (const row of section.rows) expect(frame).toContain(row.label);
    }
  });

  it('cuts what does not fit and says how much', () => {
    const all = helpLines(HELP_SECTIONS);
    const columns = helpColumns(all, 40, 10);
    expect(columns).toHaveLength(1);
    expect(columns[0]).toHaveLength(10);
    expect(columns[0]?.at(-1)?.spans[0]?.text).toBe(`… ${all.length - 9} more: widen the terminal`);
  });
});
