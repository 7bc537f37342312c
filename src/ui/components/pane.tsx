import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import { FOCUS_COLOR, MUTED_COLOR } from '../theme.js';
import { fit } from '../text.js';

export interface PaneProps {
  readonly title: string;
  /** Short live summary after the title ("3 of 12 done"). */
  readonly badge?: string;
  /** Outer size, borders included; children must fit in width - 4 by height - 2. */
  readonly width: number;
  readonly height: number;
  readonly isFocused: boolean;
  readonly children?: ReactNode;
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
export function Pane({ title, badge, width, height, isFocused, children }: PaneProps) {
  const color = isFocused ? FOCUS_COLOR : MUTED_COLOR;
  return (
    <Box flexDirection="column" width={width} height={height} flexShrink={0}>
      <Text color={color} bold={isFocused} wrap="truncate">
        {paneTopLine(title, badge, width, isFocused)}
      </Text>
      <Box
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
    </Box>
  );
}
