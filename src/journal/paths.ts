import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * Where the cockpit keeps what must outlive a process: `COCKPIT_STATE_DIR` when set (tests, the demo's own
 * worlds), else `$XDG_STATE_HOME/release-cockpit`, else `~/.local/state/release-cockpit`.
 */
export function stateDir(env: NodeJS.ProcessEnv, home: string = homedir()): string {
  const own = env['COCKPIT_STATE_DIR']?.trim();
  if (own) return own;
  const xdg = env['XDG_STATE_HOME']?.trim();
  // The XDG spec says a relative XDG_STATE_HOME is invalid and must be ignored.
  return join(xdg && xdg.startsWith('/') ? xdg : join(home, '.local', 'state'), 'release-cockpit');
}

/** The files of one release, beside each other in `<state>/releases/`. */
export interface ReleasePaths {
  readonly dir: string;
  readonly journal: string;
  readonly lease: string;
  /** Present while the journal is a watcher's replica of another machine's (see journal/replica.ts). */
  readonly replica: string;
}

export function releasesDir(state: string): string {
  return join(state, 'releases');
}

export function releasePaths(state: string, releaseId: string): ReleasePaths {
  const dir = releasesDir(state);
  return { dir, journal: join(dir, `${releaseId}.jsonl`), lease: join(dir, `${releaseId}.lease.json`), replica: join(dir, `${releaseId}.replica.json`) };
}

/** A release id names a file: only what a readable id needs (`2026-11-24-weekly`). */
export function isReleaseId(text: string): boolean {
  return /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/.test(text) && !text.includes('..');
}
