import { Box, Text } from 'ink';
import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { CiState } from '../../domain/ci.js';
import { PANES, type Dialog, type PaneId } from '../../store/state.js';
import { useCockpitStore } from '../../store/store-context.js';
import { LineView, line, span } from '../components/lines.js';
import { Footer } from '../footer.js';
import { Header } from '../header.js';
import { useTerminalSize, type TerminalSize } from '../hooks/use-terminal-size.js';
import { MIN_COLUMNS, MIN_ROWS, computeLayout, type Cell, type Layout } from '../layout.js';
import { FOCUS_COLOR, MUTED_COLOR } from '../theme.js';
import { DialogSlot, isFullBody } from './dialog-slot.js';
import { PANE_TITLES, PaneSlot, paneForStep } from './pane-slot.js';

export interface CockpitScreenProps {
  /** A fixed size (tests, a mirror of another terminal); by default stdout's size, following resizes. */
  readonly size?: TerminalSize;
  /** False without a terminal: nothing may read raw input. @default true */
  readonly isInteractive?: boolean;
  readonly onChoose: (sha: string, ci: CiState) => void;
}

/** Which pane a cell shows now. */
export function paneForCell(cell: Cell, focus: PaneId, sidePane: PaneId): PaneId {
  if (cell.slot === 'main') return focus;
  if (cell.slot === 'side') return sidePane;
  return cell.slot;
}

/** The cell a question (confirm, skip, candidate) replaces: the focused pane's, but never the checklist's when another cell exists. */
export function dialogCell(layout: Layout, focus: PaneId): Cell | undefined {
  const cells = layout.cells.flat();
  const own = cells.find((c) => c.slot === focus || c.slot === 'main');
  if (own && !(own.slot === 'checklist' && cells.length > 1)) return own;
  return cells.find((c) => c.slot === 'side') ?? cells.find((c) => c.slot === 'environments') ?? cells[0];
}

function TabBar({ focus, width }: { readonly focus: PaneId; readonly width: number }) {
  const spans = PANES.flatMap((pane, i) => [
    span(i === 0 ? '' : '│', { color: MUTED_COLOR }),
    pane === focus ? span(` ${PANE_TITLES[pane]} `, { color: FOCUS_COLOR, inverse: true, bold: true }) : span(` ${PANE_TITLES[pane]} `, { color: MUTED_COLOR }),
  ]);
  return <LineView line={line('tabs', ...spans)} width={width} />;
}

function Body({ layout, focus, sidePane, dialog, isInteractive, onChoose }: {
  readonly layout: Layout;
  readonly focus: PaneId;
  readonly sidePane: PaneId;
  readonly dialog: Dialog | null;
  readonly isInteractive: boolean;
  readonly onChoose: (sha: string, ci: CiState) => void;
}) {
  if (dialog && isFullBody(dialog)) {
    return <DialogSlot dialog={dialog} width={layout.body.width} height={layout.body.height} isInteractive={isInteractive} onChoose={onChoose} />;
  }
  const target = dialog ? dialogCell(layout, focus) : undefined;
  return (
    <>
      {layout.cells.map((row, r) => (
        <Box key={r} flexDirection="row" height={row[0]?.height ?? 0}>
          {row.map((cell) =>
            cell === target && dialog ? (
              <DialogSlot key={cell.slot} dialog={dialog} width={cell.width} height={cell.height} isInteractive={isInteractive} onChoose={onChoose} />
            ) : (
              <PaneSlot
                key={cell.slot}
                pane={paneForCell(cell, focus, sidePane)}
                width={cell.width}
                height={cell.height}
                isFocused={!dialog && paneForCell(cell, focus, sidePane) === focus}
              />
            ),
          )}
        </Box>
      ))}
    </>
  );
}

/**
 * The whole cockpit: header, panes (or an open dialog in their place) and footer, laid out by `computeLayout`
 * so that the frame is never taller than rows - 1 nor wider than the terminal.
 */
/** The longest wording that fits: cutting the long one lost the very size the user needs to know. */
export function tooSmallText(columns: number, rows: number): string {
  const needs = `${MIN_COLUMNS}x${MIN_ROWS}`;
  const has = `${columns}x${rows}`;
  const wordings = [`Terminal ${has} is too small: the cockpit needs ${needs}.`, `Terminal ${has} is too small; needs ${needs}`, `Too small: ${has}; needs ${needs}`, `Needs ${needs}, is ${has}`, `Needs ${needs}`];
  return wordings.find((w) => w.length <= columns) ?? needs.slice(0, columns);
}

export function CockpitScreen({ size, isInteractive = true, onChoose }: CockpitScreenProps) {
  const { columns, rows } = useTerminalSize(size);
  const layout = useMemo(() => computeLayout(columns, rows), [columns, rows]);
  const [focus, dialog, stepPane] = useCockpitStore(
    useShallow((s) => {
      const id = s.checklist.steps[s.checklist.cursor]?.id;
      return [s.ui.focus, s.ui.dialog, paneForStep(s.checklist.playbook.steps.find((d) => d.id === id)?.type, s.checklist.playbook)] as const;
    }),
  );
  // Beside the checklist: the pane the user moved to, else the one the selected step is about.
  const sidePane: PaneId = focus !== 'checklist' ? focus : stepPane;

  if (layout.kind === 'too-small') {
    return (
      <Text wrap="truncate" color="yellow">
        {tooSmallText(layout.columns, layout.rows)}
      </Text>
    );
  }
  return (
    <Box flexDirection="column" width={layout.columns} height={layout.frameHeight} overflow="hidden">
      <Header width={layout.columns} height={layout.headerHeight} />
      {layout.tabBarHeight > 0 && <TabBar focus={focus} width={layout.columns} />}
      <Box flexDirection="column" height={layout.body.height}>
        <Body layout={layout} focus={focus} sidePane={sidePane} dialog={dialog} isInteractive={isInteractive} onChoose={onChoose} />
      </Box>
      <Footer width={layout.columns} height={layout.footerHeight} />
    </Box>
  );
}
