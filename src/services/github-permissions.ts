/**
 * What a refused GitHub call says it needed, in the words of GitHub's token settings page: a fine-grained
 * token's `X-Accepted-GitHub-Permissions: checks=read` becomes "Checks: read"; a classic token's
 * `X-Accepted-OAuth-Scopes: repo` becomes "scope repo". Sets are alternatives (";"), any one enough.
 */

/** The names GitHub's fine-grained token page shows, for the permissions the cockpit's calls need. */
const LABEL: Readonly<Record<string, string>> = {
  actions: 'Actions',
  administration: 'Administration',
  checks: 'Checks',
  contents: 'Contents',
  deployments: 'Deployments',
  issues: 'Issues',
  metadata: 'Metadata',
  pull_requests: 'Pull requests',
  statuses: 'Commit statuses',
  workflows: 'Workflows',
};

/** The prefix of every permission refusal's reason, so readers can tell it from other failures. */
export const NO_PERMISSION = 'no permission: needs ';

const label = (name: string): string => LABEL[name] ?? name.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase());

/** "Checks: read" or "Issues: read or Pull requests: read"; undefined when the header names nothing. */
export function neededPermission(headers: Readonly<Record<string, string | undefined>>): string | undefined {
  const fine = headers['x-accepted-github-permissions']?.trim();
  if (fine) {
    const sets = fine
      .split(';')
      .map((set) =>
        set
          .split(',')
          .map((p) => p.trim())
          .filter(Boolean)
          .map((p) => {
            const [name = '', level = ''] = p.split('=');
            return `${label(name.trim())}: ${level.trim()}`;
          })
          .join(' and '),
      )
      .filter(Boolean);
    if (sets.length > 0) return sets.join(' or ');
  }
  const scopes = headers['x-accepted-oauth-scopes']?.trim();
  if (scopes) return `scope ${scopes.split(',').map((s) => s.trim()).filter(Boolean).join(' or ')}`;
  return undefined;
}

/** The "no permission: needs ..." part of a SourceError's message, if it is a permission refusal. */
export function permissionProblem(message: string): string | undefined {
  const at = message.indexOf(NO_PERMISSION);
  return at < 0 ? undefined : message.slice(at);
}
