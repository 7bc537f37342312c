import { Text } from 'ink';
import { useShallow } from 'zustand/react/shallow';
import type { CustomerPpc, PpcCounts, PpcState } from '../../domain/ppc.js';
import { percent } from '../../format/progress.js';
import { shortSha } from '../../format/sha.js';
import { selectRolloutWindow } from '../../store/selectors.js';
import { useCockpitStore } from '../../store/store-context.js';
import { LineView, glyph, line, span, type Line } from '../components/lines.js';
import { Pane } from '../components/pane.js';
import { ProgressBar } from '../components/progress-bar.js';
import { WindowedList } from '../components/windowed-list.js';
import { contentSize } from '../layout.js';
import { MUTED_COLOR, SELECTED_COLOR, ppcTone } from '../theme.js';
import { windowFor } from '../window.js';
import type { PaneFrameProps } from './environments-pane.js';

/** What matters first: progress, then trouble, then what is moving, then what waits. */
const COUNT_ORDER: readonly PpcState[] = ['done', 'failed', 'updating', 'verifying', 'queued', 'pending', 'skipped'];

/** "✔ 3 done · ● 1 updating · ✖ 1 failed · ○ 7 pending": only the states that have PPCs. */
export function countsLine(counts: PpcCounts, total: number, target: string | undefined): Line {
  const parts = COUNT_ORDER.filter((state) => counts[state] > 0).flatMap((state, i) => [
    ...(i > 0 ? [span(' · ', { color: MUTED_COLOR })] : []),
    glyph(ppcTone(state)),
    span(` ${counts[state].toLocaleString('en-US')} ${state}`),
  ]);
  return line('counts', span(`${total.toLocaleString('en-US')} PPCs${target ? ` → ${shortSha(target)}` : ''}: `, { bold: true }), ...parts);
}

export function ppcLine(ppc: CustomerPpc, isSelected: boolean, nameWidth: number): Line {
  return line(
    ppc.id,
    span(isSelected ? '› ' : '  ', { color: SELECTED_COLOR, bold: true }),
    glyph(ppcTone(ppc.state)),
    span(` ${ppc.name.padEnd(nameWidth)} `, isSelected ? { color: SELECTED_COLOR, bold: true } : {}),
    span(`${shortSha(ppc.current)} -> ${shortSha(ppc.target)} `, { color: MUTED_COLOR }),
    span(ppc.state, { color: ppc.state === 'failed' ? 'red' : undefined }),
    ppc.detail !== undefined && span(` ${ppc.detail}`, { color: ppc.state === 'failed' ? 'red' : MUTED_COLOR }),
  );
}

const NAME_WIDTH = 18;
const HEADER_LINES = 2;

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
  const badge = total > 0 ? `${finished.toLocaleString('en-US')} of ${total.toLocaleString('en-US')}${stale}` : undefined;

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
        <LineView line={countsLine(counts, total, target)} width={inner.width} />
        <Text wrap="truncate">
          <ProgressBar done={finished} total={total} width={barWidth} hasFailure={counts.failed > 0} />
          {` ${percent(finished, total).padStart(4)}`}
        </Text>
        <WindowedList
          rows={rows}
          window={window}
          rowKey={(ppc) => ppc.id}
          renderRow={(ppc, index) => <LineView line={ppcLine(ppc, index === cursor, Math.min(NAME_WIDTH, inner.width))} width={inner.width} />}
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
