import { Box } from 'ink';
import { HELP_SECTIONS, type HelpSection } from '../../keys/help-rows.js';
import { Lines, line, span, type Line } from '../components/lines.js';
import { Pane, bareContentSize } from '../components/pane.js';
import { MUTED_COLOR } from '../theme.js';

const KEYS_WIDTH = 12;
const GUTTER = 2;

/** Every section as lines: a title, then one line per key ("j ↓        Move down in the focused pane"). */
export function helpLines(sections: readonly HelpSection[]): Line[] {
  return sections.flatMap((section) => [
    line(`section:${section.scope}`, span(section.title, { bold: true, color: 'cyan' })),
    ...section.rows.map((row) => line(`row:${row.scope}:${row.id}`, span(` ${row.label.padEnd(KEYS_WIDTH)} `, { bold: true }), span(row.description))),
  ]);
}

/**
 * The lines laid into as many columns as the width allows (each at least 36 wide), column by column. What
 * still does not fit is cut, and the last line says how much.
 */
export function helpColumns(all: readonly Line[], width: number, height: number): Line[][] {
  if (height <= 0) return [];
  const columns = Math.max(1, Math.min(Math.ceil(all.length / height), Math.floor((width + GUTTER) / (36 + GUTTER))));
  const capacity = columns * height;
  const shown = all.length > capacity ? all.slice(0, capacity - 1) : all;
  const out: Line[][] = [];
  for (let i = 0; i < shown.length; i += height) out.push(shown.slice(i, i + height));
  if (all.length > capacity) out[out.length - 1]?.push(line('more', span(`… ${all.length - shown.length} more: widen the terminal`, { color: MUTED_COLOR })));
  return out;
}

/**
 * The sections, less the overlay's own ("Help": how to close it) when everything would not fit otherwise: the
 * overlay's title bar says "Esc closes" anyway, and every other key deserves the room more.
 */
function fitting(sections: readonly HelpSection[], width: number, height: number): readonly HelpSection[] {
  const columns = Math.max(1, Math.floor((width + GUTTER) / (36 + GUTTER)));
  if (helpLines(sections).length <= columns * height) return sections;
  return sections.filter((s) => s.scope !== 'help');
}

export interface HelpOverlayProps {
  readonly width: number;
  readonly height: number;
  /** @default every key (HELP_SECTIONS); a mirror passes only what a watcher can do */
  readonly sections?: readonly HelpSection[];
}

/** Every key the cockpit knows, from the same table that drives the router and the footer. */
export function HelpOverlay({ width, height, sections = HELP_SECTIONS }: HelpOverlayProps) {
  // Bare (no side or bottom border): at 80x24 that is what lets every key fit in two columns.
  const inner = bareContentSize({ width, height });
  const columns = helpColumns(helpLines(fitting(sections, inner.width, inner.height)), inner.width, inner.height);
  const columnWidth = Math.floor((inner.width - GUTTER * (columns.length - 1)) / Math.max(1, columns.length));
  return (
    <Pane title="Keys" badge="Esc closes" width={width} height={height} isFocused isBare>
      <Box flexDirection="row" gap={GUTTER}>
        {columns.map((column, i) => (
          <Box key={i} flexDirection="column" width={columnWidth}>
            <Lines lines={column} width={columnWidth} />
          </Box>
        ))}
      </Box>
    </Pane>
  );
}
