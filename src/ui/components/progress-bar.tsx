import { Text } from 'ink';
import { progressBar } from '../../format/progress.js';
import { MUTED_COLOR, TONE_COLOR } from '../theme.js';

export interface ProgressBarProps {
  readonly done: number;
  readonly total: number;
  /** Columns of the bar itself. */
  readonly width: number;
  /** Something failed: the done part turns red, so a stuck rollout does not look merely slow. */
  readonly hasFailure?: boolean;
}

/** `progressBar` in color: the done cells green (red when something failed), the rest gray. */
export function ProgressBar({ done, total, width, hasFailure = false }: ProgressBarProps) {
  const bar = progressBar(done, total, width);
  const split = bar.indexOf('░');
  const filled = split === -1 ? bar : bar.slice(0, split);
  const rest = split === -1 ? '' : bar.slice(split);
  return (
    <Text wrap="truncate">
      <Text color={hasFailure ? TONE_COLOR.fail : TONE_COLOR.ok}>{filled}</Text>
      <Text color={MUTED_COLOR}>{rest}</Text>
    </Text>
  );
}
