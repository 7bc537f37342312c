import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import { FOCUS_COLOR, MUTED_COLOR } from '../theme.js';
import { fit } from '../text.js';

/** What the screen gives every pane: its outer size (borders included) and whether it has the keyboard. */
export interface PaneFrameProps {
  readonly width: number;
  readonly height: number;
  readonly isFocused: boolean;
}

export interface PaneProps {
  readonly title: string;
  /** Short live summary after the title ("3 of 12 done"). */
  readonly badge?: string;
  /** Outer size, borders included; children must fit in width - 4 by height - 2. */
  readonly width: number;
  readonly height: number;
  readonly isFocused: boolean;
  /**
   * Only the title line, no side or bottom border: one more line and two more columns for content
   * (see `bareContentSize`), for overlays that must show a lot at 80x24. @default false
   */
  readonly isBare?: boolean;
  readonly children?: ReactNode;
}

/** Inner size of a bare pane: the title line above, a space of padding each side. */
export function bareContentSize(cell: { readonly width: number; readonly height: number }): { width: number; height: number } {
  return { width: Math.max(0, cell.width - 2), height: Math.max(0, cell.height - 1) };
}

// Focus shows in the border's shape as well as its color, so it survives a monochrome terminal.
const ROUND = { left: '╭', line: '─', right: '╮' } as const;
const BOLD = { left: '┏', line: '━', right: '┓' } as const;

/** The title line that replaces the box's top border: ╭─ Title · badge ───╮ */
export function paneTopLine(title: string, badge: string | undefined, width: number, isFocused: boolean): string {
  const edge = isFocused ? BOLD : ROUND;
  const inner = Math.max(0, width - 2);
  const label = fit(` ${title}${badge ? ` · ${badge}` : ''} `, Math.max(0, inner - 1));
  const line = edge.line + label;
  return edge.left + line + edge.line.repeat(Math.max(0, inner - Array.from(line).length)) + edge.right;
}

/** A bordered box of a fixed size with its title in the top border; the focused one is bold and colored. */
export function Pane({ title, badge, width, height, isFocused, isBare = false, children }: PaneProps) {
  const color = isFocused ? FOCUS_COLOR : MUTED_COLOR;
  return (
    <Box flexDirection="column" width={width} height={height} flexShrink={0}>
      <Text color={color} bold={isFocused} wrap="truncate">
        {paneTopLine(title, badge, width, isFocused)}
      </Text>
      {isBare ? (
        <Box flexDirection="column" paddingX={1} width={width} height={Math.max(0, height - 1)} overflow="hidden">
          {children}
        </Box>
      ) : (
        // Keyed on focus: Ink 6.8 re-applies a changed borderStyle to every edge, ignoring borderTop={false}
        // (applyBorderStyles sees only the changed props), so the style is never changed in place.
        <Box
          key={isFocused ? 'focused' : 'plain'}
          flexDirection="column"
          borderStyle={isFocused ? 'bold' : 'round'}
          borderTop={false}
          borderColor={color}
          paddingX={1}
          width={width}
          height={Math.max(0, height - 1)}
          overflow="hidden"
        >
          {children}
        </Box>
      )}
    </Box>
  );
}
