/** One commit as the cockpit shows it. `date` is the author date, ISO 8601. */
export interface Commit {
  readonly sha: string;
  readonly message: string;
  readonly author: string;
  readonly date: string;
  readonly url?: string;
}

/** The first line of a commit message: what every pane and the status text show. */
export function headline(message: string): string {
  const nl = message.indexOf('\n');
  return nl === -1 ? message : message.slice(0, nl);
}
