import { Text } from 'ink';
import { Lines, line, span } from '../components/lines.js';
import { Pane } from '../components/pane.js';
import { contentSize } from '../layout.js';
import { wrapLines } from '../text.js';
import { MUTED_COLOR } from '../theme.js';

export interface SkipDialogProps {
  readonly stepTitle: string;
  /** What the user has typed so far (the key router writes it into `ui.dialog.reason`). */
  readonly reason: string;
  readonly width: number;
  readonly height: number;
}

/** Asks why a step is skipped; the reason is typed in place, with a block cursor after it. */
export function SkipDialog({ stepTitle, reason, width, height }: SkipDialogProps) {
  const inner = contentSize({ width, height });
  const label = 'Reason: ';
  // The end of a long reason is what is being typed: show its tail, not its head.
  const room = Math.max(1, inner.width - label.length - 1);
  const chars = Array.from(reason);
  const shown = chars.length > room ? `…${chars.slice(chars.length - room + 1).join('')}` : reason;
  const head = wrapLines(`Skip "${stepTitle}"?`, inner.width, Math.max(1, inner.height - 4)).map((text, i) => line(`title:${i}`, span(text, { bold: true })));
  return (
    <Pane title="Skip a step" width={width} height={height} isFocused>
      <Lines lines={head} width={inner.width} />
      <Text> </Text>
      <Text wrap="truncate">
        {label}
        {shown}
        <Text inverse> </Text>
      </Text>
      <Lines
        lines={[line('hint', span(reason.trim() ? 'Enter skips it (the reason is recorded) · Esc cancels' : 'Type why; a reason is required · Esc cancels', { color: MUTED_COLOR }))]}
        width={inner.width}
      />
    </Pane>
  );
}
