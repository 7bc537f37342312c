/** The 7-character form of a commit hash (or PPC revision) that people read; "?" when unknown. */
export function shortSha(sha: string | undefined): string {
  return sha ? sha.slice(0, 7) : '?';
}
