/** The calendar date of `now` in the team's time zone, as YYYY-MM-DD. */
export function releaseDate(now: number, timeZone = 'UTC'): string {
  try {
    // en-CA formats as YYYY-MM-DD.
    return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
  } catch {
    return new Date(now).toISOString().slice(0, 10);
  }
}

/**
 * The branch a promotion goes through when the candidate is not the head of `from`: `release/<date>-<short sha>`,
 * the date in the team's time zone. A branch at the candidate keeps anything pushed after it out of the release.
 */
export function releaseBranchName(sha: string, now: number, timeZone = 'UTC'): string {
  return `release/${releaseDate(now, timeZone)}-${sha.slice(0, 7)}`;
}
