/**
 * A span of time in at most two units, the smaller zero-padded when it follows a larger one:
 * "45s", "3m 12s", "2h 05m", "3d 4h". Rounds down (a running job never looks further along than it is);
 * negative spans read as "0s".
 */
export function formatDuration(ms: number): string {
  const s = Math.floor(Math.max(0, Number.isFinite(ms) ? ms : 0) / 1000);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m ${pad2(s % 60)}s`;
  const h = Math.floor(m / 60);
  if (h < 24) return `${h}h ${pad2(m % 60)}m`;
  return `${Math.floor(h / 24)}d ${h % 24}h`;
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}
