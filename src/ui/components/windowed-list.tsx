import { Text } from 'ink';
import { Fragment, type ReactNode } from 'react';
import { MUTED_COLOR } from '../theme.js';
import type { ListWindow } from '../window.js';

export interface WindowedListProps<T> {
  /** Only the rows inside `window` (see `sliceWindow`): a long list is never handed over whole. */
  readonly rows: readonly T[];
  readonly window: ListWindow;
  /** Draws one row as exactly one line; `index` is the row's index in the whole list. */
  readonly renderRow: (row: T, index: number) => ReactNode;
  readonly rowKey: (row: T, index: number) => string;
}

/** "↓ 9,980 more · ↑ 12 above", or undefined when the whole list is shown. */
export function moreLine(window: ListWindow): string | undefined {
  const parts: string[] = [];
  if (window.below > 0) parts.push(`↓ ${window.below.toLocaleString('en-US')} more`);
  if (window.above > 0) parts.push(`↑ ${window.above.toLocaleString('en-US')} above`);
  return parts.length > 0 ? parts.join(' · ') : undefined;
}

/** A window of rows plus one "N more" line: at most the window's height in lines, whatever the list's length. */
export function WindowedList<T>({ rows, window, renderRow, rowKey }: WindowedListProps<T>) {
  const more = moreLine(window);
  return (
    <>
      {rows.map((row, i) => (
        <Fragment key={rowKey(row, window.start + i)}>{renderRow(row, window.start + i)}</Fragment>
      ))}
      {more !== undefined && (
        <Text color={MUTED_COLOR} wrap="truncate">
          {more}
        </Text>
      )}
    </>
  );
}

