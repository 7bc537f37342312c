/**
 * "usually 6m": how long a step usually takes, rounded to what a person plans with (seconds under a minute,
 * whole minutes under an hour, then hours and minutes).
 */
export function usuallyText(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `usually ${Math.max(1, s)}s`;
  const m = Math.round(s / 60);
  if (m < 60) return `usually ${m}m`;
  return `usually ${Math.floor(m / 60)}h ${String(m % 60).padStart(2, '0')}m`;
}
