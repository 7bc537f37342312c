/** Process exit codes, as design.md gives them. */
export const EXIT = {
  ok: 0,
  needsHuman: 1,
  usage: 2,
  unreachable: 3,
  inProgress: 8,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** The codes `cockpit status` ends with: never `usage`, which is refused before any glance. */
export type StatusCode = (typeof EXIT)['ok' | 'needsHuman' | 'unreachable' | 'inProgress'];

/** A problem the user must fix in how they called us or in their config: one message, exit 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** The cockpit will not go on without a person's decision (a take-over while the driver is still heard from): one message, exit 1. */
export class NeedsHumanError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NeedsHumanError';
  }
}
