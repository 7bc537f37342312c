/**
 * The largest inputs the cockpit accepts and the longest it waits, in one place so README can list them and a
 * hostile input meets a number rather than an exhausted machine. Each is far above what a real team produces.
 */
export const LIMITS = {
  /** A config file: a real one is a few kilobytes; 1,000 customers fit in well under this. */
  configBytes: 1024 * 1024,
  /** A playbook file: a few dozen steps with their words. */
  playbookBytes: 256 * 1024,
  /** One line of a release journal: the largest event (a snapshot of choices) is a few kilobytes. */
  journalLineBytes: 1024 * 1024,
  /** A whole release journal file that `report` or a resume reads. */
  journalBytes: 64 * 1024 * 1024,
  /** One message of a mirror feed (a snapshot of a fleet of thousands of PPCs is under a megabyte). */
  feedMessageBytes: 8 * 1024 * 1024,
  /** A mirror's answer must start (status line and headers) within this. */
  feedHeadersMs: 10_000,
  /** After its headers, the mirror's first snapshot must be complete within this. */
  feedFirstSnapshotMs: 20_000,
  /** A feed with no message at all (heartbeats included) for this long counts as lost. */
  feedIdleMs: 45_000,
} as const;

/** `1 MiB`, `256 KiB`, `12 bytes`: a limit or a size in a message. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${+(bytes / (1024 * 1024)).toFixed(1)} MiB`;
  if (bytes >= 1024) return `${+(bytes / 1024).toFixed(1)} KiB`;
  return `${bytes} byte${bytes === 1 ? '' : 's'}`;
}
