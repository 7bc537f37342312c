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
  /** The pane's title. @default "Skip a step" */
  readonly title?: string;
  /** The question above the reason. @default Skip "STEP"? */
  readonly question?: string;
  /** What Enter does once a reason is typed. @default "Enter skips it (the reason is recorded)" */
  readonly submitHint?: string;
}

/** Asks why a step is skipped (or, with its own words, why a release is taken over); the reason is typed in place, with a block cursor after it. */
export function SkipDialog({ stepTitle, reason, width, height, title = 'Skip a step', question = `Skip "${stepTitle}"?`, submitHint = 'Enter skips it (the reason is recorded)' }: SkipDialogProps) {
  const inner = contentSize({ width, height });
  const label = 'Reason: ';
  // The end of a long reason is what is being typed: show its tail, not its head.
  const room = Math.max(1, inner.width - label.length - 1);
  const chars = Array.from(reason);
  const shown = chars.length > room ? `…${chars.slice(chars.length - room + 1).join('')}` : reason;
  const head = wrapLines(question, inner.width, Math.max(1, inner.height - 4)).map((text, i) => line(`title:${i}`, span(text, { bold: true })));
  return (
    <Pane title={title} width={width} height={height} isFocused>
      <Lines lines={head} width={inner.width} />
      <Text> </Text>
      <Text wrap="truncate">
        {label}
        {shown}
        <Text inverse> </Text>
      </Text>
      <Lines
        lines={[line('hint', span(reason.trim() ? `${submitHint} · Esc cancels` : 'Type why; a reason is required · Esc cancels', { color: MUTED_COLOR }))]}
        width={inner.width}
      />
    </Pane>
  );
}
