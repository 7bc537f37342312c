/**
 * The ways the real GitHub and Travis are harder than a kind simulator, each a switch: a scenario sets them,
 * `POST /_sim/rules` changes them on a running world, and the `strict` scenario turns every one on. Off, the
 * world keeps its older, kinder answer. To add one: a field here and its sentence in RULES (the compiler
 * keeps the two in step), then read `world.rules.NAME` where the behaviour lives.
 */
export interface WorldRules {
  /** The repository allows only squash merges (GET /repos answers so; another merge_method gets GitHub's 405). */
  squashOnly: boolean;
  /** A protected base requires the head to be up to date: a PR lacking commits of its base is `behind` and its merge refused. */
  requireUpToDate: boolean;
  /** A file changed on both sides since the merge base is a conflict: the PR is `dirty` and cannot merge. */
  mergeConflicts: boolean;
}

export type RuleName = keyof WorldRules;

/** Each rule with the real behaviour it reproduces (GET /_sim/rules lists them). */
export const RULES: { readonly [K in RuleName]: string } = {
  squashOnly: 'the repository allows only squash merges; merge_method "merge" or "rebase" gets a 405 naming the method not allowed',
  requireUpToDate: 'branch protection requires branches to be up to date: a pull request whose head lacks commits of its protected base is mergeable_state "behind" and its merge is refused until the branch is updated',
  mergeConflicts: 'a file changed on both the base and the head since their merge base makes the pull request "dirty" (mergeable false); its merge and its branch update are refused',
};

const NAMES = Object.keys(RULES) as RuleName[];

/** The rules a plain scenario starts with: every one off. */
export function kindRules(): WorldRules {
  return Object.fromEntries(NAMES.map((name) => [name, false])) as unknown as WorldRules;
}

/** Every rule on: the `strict` scenario. */
export function strictRules(): WorldRules {
  return Object.fromEntries(NAMES.map((name) => [name, true])) as unknown as WorldRules;
}

/** Applies `{name: boolean, ...}` all or nothing; returns an error naming the bad field instead of throwing. */
export function applyRules(rules: WorldRules, body: unknown): string | undefined {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return 'expected a JSON object like {"ruleName": true}';
  const entries = Object.entries(body as Record<string, unknown>);
  for (const [name, value] of entries) {
    if (!NAMES.includes(name as RuleName)) return `unknown rule "${name}"; known: ${NAMES.join(', ')}`;
    if (typeof value !== 'boolean') return `rule "${name}" must be true or false`;
  }
  for (const [name, value] of entries) rules[name as RuleName] = value as boolean;
  return undefined;
}
