import { Text } from 'ink';
import { useShallow } from 'zustand/react/shallow';
import type { CustomerPpc, PpcCounts, PpcState } from '../../domain/ppc.js';
import { percent } from '../../format/progress.js';
import { shortShaOrUnknown } from '../../format/sha.js';
import { selectRolloutWindow } from '../../store/selectors.js';
import { useCockpitStore } from '../../store/store-context.js';
import { LineView, glyph, line, span, type Line } from '../components/lines.js';
import { Pane, type PaneFrameProps } from '../components/pane.js';
import { ProgressBar } from '../components/progress-bar.js';
import { WindowedList } from '../components/windowed-list.js';
import { contentSize } from '../layout.js';
import { MUTED_COLOR, SELECTED_COLOR, ppcTone } from '../theme.js';
import { pad } from '../text.js';
import { windowFor } from '../window.js';

/** What matters first: progress, then trouble, then what is moving, then what waits. */
const COUNT_ORDER: readonly PpcState[] = ['done', 'failed', 'updating', 'verifying', 'queued', 'pending', 'skipped'];

/**
 * "12 PPCs → d4e5f6a: ✔ 3 done · ✖ 1 failed · ○ 8 pending": only the states that have PPCs. A narrow pane
 * drops the prefix (the badge has the total) so that the states, worst first, survive.
 */
export function countsLine(counts: PpcCounts, total: number, target: string | undefined, isNarrow = false): Line {
  const parts = COUNT_ORDER.filter((state) => counts[state] > 0).flatMap((state, i) => [
    ...(i > 0 ? [span(isNarrow ? '  ' : ' · ', { color: MUTED_COLOR })] : []),
    glyph(ppcTone(state)),
    span(` ${counts[state].toLocaleString('en-US')} ${state}`),
  ]);
  const prefix = isNarrow ? undefined : span(`${total.toLocaleString('en-US')} PPCs${target ? ` → ${shortShaOrUnknown(target)}` : ''}: `, { bold: true });
  return line('counts', prefix, ...parts);
}

/** How a row's columns fit a width: the name gives way first, then the state word (the glyph says it too). */
export interface RowColumns {
  readonly nameWidth: number;
  readonly hasStateWord: boolean;
}

const MARK_GLYPH = 4; // "› ✔ "
const REVISIONS = 18; // "a1b2c3d -> d4e5f6a"
const STATE_WORD = 10; // " verifying"
const MIN_NAME = 8;
const MAX_NAME = 24;

export function rowColumns(width: number, longestName: number): RowColumns {
  const hasStateWord = width >= MARK_GLYPH + MIN_NAME + 1 + REVISIONS + STATE_WORD;
  const room = width - MARK_GLYPH - 1 - REVISIONS - (hasStateWord ? STATE_WORD : 0);
  return { nameWidth: Math.max(MIN_NAME, Math.min(MAX_NAME, longestName, room)), hasStateWord };
}

/** Each PPC's last drawn line, kept while the PPC object is the same: an unchanged row is not drawn again. */
const drawn = new WeakMap<CustomerPpc, { readonly isSelected: boolean; readonly columns: RowColumns; readonly line: Line }>();

/** The row of `ppc`, the same Line object as last time when nothing it shows changed (LineView is memoised). */
export function ppcRow(ppc: CustomerPpc, isSelected: boolean, columns: RowColumns): Line {
  const last = drawn.get(ppc);
  if (last && last.isSelected === isSelected && last.columns.nameWidth === columns.nameWidth && last.columns.hasStateWord === columns.hasStateWord) return last.line;
  const fresh = ppcLine(ppc, isSelected, columns);
  drawn.set(ppc, { isSelected, columns, line: fresh });
  return fresh;
}

export function ppcLine(ppc: CustomerPpc, isSelected: boolean, columns: RowColumns): Line {
  const isFailed = ppc.state === 'failed';
  return line(
    ppc.id,
    span(isSelected ? '› ' : '  ', { color: SELECTED_COLOR, bold: true }),
    glyph(ppcTone(ppc.state)),
    span(` ${pad(ppc.name, columns.nameWidth)} `, isSelected ? { color: SELECTED_COLOR, bold: true } : {}),
    // A failed row says why in place of its revisions: that is what the user needs before pressing r.
    isFailed && !columns.hasStateWord
      ? span(`failed${ppc.detail ? `: ${ppc.detail}` : ''}`, { color: 'red' })
      : span(`${shortShaOrUnknown(ppc.current)} -> ${shortShaOrUnknown(ppc.target)}`, { color: MUTED_COLOR }),
    columns.hasStateWord && span(` ${ppc.state}`, { color: isFailed ? 'red' : undefined }),
    columns.hasStateWord && ppc.detail !== undefined && span(` ${ppc.detail}`, { color: isFailed ? 'red' : MUTED_COLOR }),
  );
}

const HEADER_LINES = 2;
/** Below this the counts line drops its "N PPCs → target:" prefix. */
const NARROW = 60;

/**
 * Counts by state and a progress bar, then a window of the fleet around the cursor plus "N more".
 * It selects only the counts and the rows inside the window, so a 10,000-PPC fleet costs what 20 rows cost.
 */
export function RolloutPane({ width, height, isFocused }: PaneFrameProps) {
  const inner = contentSize({ width, height });
  const [total, cursor, counts, target, source] = useCockpitStore(
    useShallow((s) => [s.rollout.ppcs.length, s.ui.rolloutCursor, s.rollout.counts, s.rollout.target, s.sources.ppcs] as const),
  );
  const listHeight = Math.max(0, inner.height - HEADER_LINES);
  const window = windowFor(total, cursor, listHeight);
  const rows = useCockpitStore(selectRolloutWindow(window.start, window.end - window.start));
  const finished = counts.done + counts.skipped;
  const stale = total > 0 && source.state === 'down' ? ' · stale' : '';
  const to = target ? ` → ${shortShaOrUnknown(target)}` : '';
  const badge = total > 0 ? `${finished.toLocaleString('en-US')} of ${total.toLocaleString('en-US')}${to}${stale}` : undefined;
  const columns = rowColumns(inner.width, Math.max(0, ...rows.map((ppc) => ppc.name.length)));

  let body;
  if (total === 0) {
    body =
      source.state === 'unknown' ? (
        <Text color={MUTED_COLOR}>Reading customer PPCs…</Text>
      ) : source.state === 'down' ? (
        <LineView line={line('error', glyph('fail'), span(` Could not read customer PPCs: ${source.detail ?? 'unreachable'}`, { color: 'red' }))} width={inner.width} />
      ) : (
        <Text color={MUTED_COLOR}>No customer PPCs configured.</Text>
      );
  } else {
    const barWidth = Math.max(0, inner.width - 6);
    body = (
      <>
        <LineView line={countsLine(counts, total, target, inner.width < NARROW)} width={inner.width} />
        <Text wrap="truncate">
          <ProgressBar done={finished} total={total} width={barWidth} hasFailure={counts.failed > 0} />
          {` ${percent(finished, total).padStart(4)}`}
        </Text>
        <WindowedList
          rows={rows}
          window={window}
          rowKey={(ppc) => ppc.id}
          renderRow={(ppc, index) => <LineView line={ppcRow(ppc, index === cursor, columns)} width={inner.width} />}
        />
      </>
    );
  }
  return (
    <Pane title="Rollout" badge={badge} width={width} height={height} isFocused={isFocused}>
      {body}
    </Pane>
  );
}
