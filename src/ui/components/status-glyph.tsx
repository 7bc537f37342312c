import { Text } from 'ink';
import { GLYPH, TONE_COLOR, type Tone } from '../theme.js';

export interface StatusGlyphProps {
  readonly tone: Tone;
}

/** One colored column: ✔ ✖ ● ○ ⤼ ▲ ▸. Nest it inside the line's own `<Text>`. */
export function StatusGlyph({ tone }: StatusGlyphProps) {
  return <Text color={TONE_COLOR[tone]}>{GLYPH[tone]}</Text>;
}
