import type { CiSignals } from '../domain/ci.js';
import { SourceError } from '../domain/source.js';
import { permissionProblem } from '../services/github-permissions.js';
import type { Services } from '../services/index.js';

/** A sha's CI signals, or why the token may not read them ("no permission: needs Checks: read"). */
export type CiRead = { readonly signals: CiSignals; readonly refused?: undefined } | { readonly signals?: undefined; readonly refused: string };

/**
 * One token without Checks (or Commit statuses) must not blank every environment: the refusal becomes this
 * read's answer and the rest of the environment is still shown. Any other failure still fails the read.
 */
export async function ciOrRefusal(github: Pick<Services['github'], 'getCiSignals'>, sha: string): Promise<CiRead> {
  try {
    return { signals: await github.getCiSignals(sha) };
  } catch (error) {
    const refused = error instanceof SourceError && error.kind === 'auth' ? permissionProblem(error.message) : undefined;
    if (refused) return { refused };
    throw error;
  }
}
