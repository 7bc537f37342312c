import { shortSha } from '../domain/sha.js';

/** The 7-character form of a commit hash (or PPC revision) that people read; "?" when it is unknown or empty. */
export function shortShaOrUnknown(sha: string | undefined): string {
  return sha ? shortSha(sha) : '?';
}
