/**
 * Stopgaps until src/format/ (another helper's) lands: the UI switches to `formatAge`, `formatDuration`,
 * `shortSha` and `diffSentence` from there and this file goes away.
 */
import type { EnvironmentDiff } from '../domain/environment.js';

export function shortSha(sha: string | undefined): string {
  return sha ? sha.slice(0, 7) : '?';
}

/** 45s, 3m 05s, 2h 10m, 3d 4h. */
export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m ${String(s % 60).padStart(2, '0')}s`;
  const h = Math.floor(m / 60);
  if (h < 24) return `${h}h ${String(m % 60).padStart(2, '0')}m`;
  return `${Math.floor(h / 24)}d ${h % 24}h`;
}

/** 5m ago, 2h ago, 3d ago. */
export function formatAge(ms: number): string {
  const m = Math.floor(Math.max(0, ms) / 60_000);
  if (m < 1) return 'just now';
  if (m < 60) return `${m}m ago`;
  const h = Math.floor(m / 60);
  return h < 48 ? `${h}h ago` : `${Math.floor(h / 24)}d ago`;
}

/** "staging is 14 commits ahead of production; PPC a1b2c3d -> d4e5f6a; SDK 0.11.2 -> 0.11.3". */
export function diffSentence(diff: EnvironmentDiff): string {
  const parts = [
    diff.aheadBy === 0 && diff.behindBy === 0
      ? `${diff.from} and ${diff.to} are at the same commit`
      : `${diff.from} is ${diff.aheadBy} commit${diff.aheadBy === 1 ? '' : 's'} ahead of ${diff.to}` + (diff.behindBy > 0 ? ` (${diff.behindBy} behind)` : ''),
  ];
  if (diff.ppc.changed) parts.push(`PPC ${shortSha(diff.ppc.to)} -> ${shortSha(diff.ppc.from)}`);
  if (diff.sdk.changed) parts.push(`SDK ${diff.sdk.to} -> ${diff.sdk.from}`);
  return parts.join('; ');
}
