import { Text } from 'ink';
import { useState, type Dispatch, type SetStateAction } from 'react';
import { describe, expect, it } from 'vitest';
import { Pane, paneTopLine } from '../../../src/ui/components/pane.js';
import { lines, renderUi, waitForFrame } from '../../helpers/ui.js';

describe('paneTopLine', () => {
  it('puts the title and badge in the top border, exactly as wide as the pane', () => {
    expect(paneTopLine('CI', '1/3 passed', 24, false)).toBe('╭─ CI · 1/3 passed ────╮');
    expect(paneTopLine('Checklist', undefined, 16, true)).toBe('┏━ Checklist ━━┓');
    expect(Array.from(paneTopLine('A very long title indeed', 'and a badge', 20, false))).toHaveLength(20);
  });
});

describe('<Pane>', () => {
  it('keeps its height and its content below the title when focus moves away (Ink borderTop quirk)', async () => {
    let setFocused: Dispatch<SetStateAction<boolean>> = () => undefined;
    function Harness() {
      const [isFocused, set] = useState(true);
      setFocused = set;
      return (
        <Pane title="Checklist" width={20} height={5} isFocused={isFocused}>
          <Text>first</Text>
        </Pane>
      );
    }
    const r = await renderUi(<Harness />);
    expect(lines(r.lastFrame() ?? '')[1]).toContain('first');
    setFocused(false);
    const frame = await waitForFrame(r, (f) => f.startsWith('╭'));
    expect(lines(frame)).toHaveLength(5);
    expect(lines(frame)[1]).toContain('first');
  });
});
