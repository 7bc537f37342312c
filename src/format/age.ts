/**
 * How long ago `iso` was, relative to `now`: "just now" (under a minute, or in the future, which only
 * clock skew produces), "5m ago", "2h ago" (up to 47h: "1d ago" would hide most of a day), "3d ago".
 * An unparseable timestamp reads "?".
 */
export function formatAge(iso: string, now: Date | number): string {
  const then = Date.parse(iso);
  if (Number.isNaN(then)) return '?';
  const minutes = Math.floor((toMs(now) - then) / 60_000);
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes}m ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours}h ago`;
  return `${Math.floor(hours / 24)}d ago`;
}

function toMs(now: Date | number): number {
  return typeof now === 'number' ? now : now.getTime();
}
