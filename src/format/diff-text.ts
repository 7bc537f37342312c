import type { EnvironmentDiff } from '../domain/environment.js';
import { shortShaOrUnknown } from './sha.js';

/**
 * One sentence for the difference between two environments, e.g.
 * "staging is 9 commits ahead of production; PPC a1b2c3d -> d4e5f6a; SDK 0.11.2 -> 0.11.3",
 * or "staging and production are identical".
 *
 * Each pin reads as the change a promotion makes to the upper environment: its current value (`to`)
 * -> the lower environment's (`from`); see `environmentDiff`. A pin unknown on one side shows "?" there;
 * a pin unknown on both sides, or equal, is left out.
 */
export function diffSentence(diff: EnvironmentDiff): string {
  const pins = [pinText('PPC', diff.ppc, shortShaOrUnknown), pinText('SDK', diff.sdk, (v) => v ?? '?')].filter((p): p is string => p !== undefined);
  return [commitsText(diff, pins.length === 0), ...pins].join('; ');
}

function commitsText(diff: EnvironmentDiff, pinsEqual: boolean): string {
  const { from, to, aheadBy, behindBy } = diff;
  if (aheadBy === 0 && behindBy === 0) return pinsEqual ? `${from} and ${to} are identical` : `${from} and ${to} are at the same commit`;
  if (behindBy === 0) return `${from} is ${commits(aheadBy)} ahead of ${to}`;
  if (aheadBy === 0) return `${from} is ${commits(behindBy)} behind ${to}`;
  return `${from} and ${to} have diverged: ${aheadBy} ahead, ${behindBy} behind`;
}

function commits(n: number): string {
  return `${n} commit${n === 1 ? '' : 's'}`;
}

function pinText(
  label: string,
  pin: EnvironmentDiff['ppc'],
  show: (v: string | undefined) => string,
): string | undefined {
  if (pin.from === pin.to) return undefined;
  return `${label} ${show(pin.to)} -> ${show(pin.from)}`;
}
