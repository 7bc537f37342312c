import { Lines, line, span } from '../components/lines.js';
import { Pane } from '../components/pane.js';
import { contentSize } from '../layout.js';
import { wrapLines } from '../text.js';
import { MUTED_COLOR } from '../theme.js';

export interface ConfirmDialogProps {
  /** The question, naming what will happen ("Merge PR #42 into production at 1a2b3c4?"). */
  readonly prompt: string;
  readonly width: number;
  readonly height: number;
}

/** A y/n question. Nothing else is answered while it is open: the key router routes only y, n and Esc here. */
export function ConfirmDialog({ prompt, width, height }: ConfirmDialogProps) {
  const inner = contentSize({ width, height });
  const promptLines = wrapLines(prompt, inner.width, Math.max(1, inner.height - 2));
  const lines = [
    ...promptLines.map((text, i) => line(`prompt:${i}`, span(text, { bold: true }))),
    line('gap', span(' ')),
    line('answer', span('y', { bold: true, color: 'green' }), span(' / '), span('n', { bold: true, color: 'red' }), span('   (Esc = n)', { color: MUTED_COLOR })),
  ];
  return (
    <Pane title="Confirm" width={width} height={height} isFocused>
      <Lines lines={lines.slice(-inner.height)} width={inner.width} />
    </Pane>
  );
}
