/**
 * The ways the real GitHub and Travis are harder than a kind simulator, each a switch: a scenario sets them,
 * `POST /_sim/rules` changes them on a running world, and the `strict` scenario turns every one on. Off, the
 * world keeps its older, kinder answer. To add one: a field here and its sentence in RULES (the compiler
 * keeps the two in step), then read `world.rules.NAME` where the behaviour lives.
 */
export interface WorldRules {
  /** Third-party checks on every commit CI ran on: a coverage status that fails and a lint bot's check run stuck queued. */
  optionalChecks: boolean;
  /** Branch protection needs admin rights: its endpoint answers 403 to the cockpit's token (the rules endpoint does not). */
  protectionNeedsAdmin: boolean;
  /** production's protection requires no status check (at most an up-to-date branch): GitHub would merge any head, tested or not. */
  unprotectedProduction: boolean;
  /** staging's required check comes from a repository ruleset instead of classic branch protection. */
  rulesets: boolean;
  /** Someone pushes to a pull request's branch a few seconds after its CI passed (once per pull request). */
  latePush: boolean;
  /** Travis creates a build tens of seconds after the push, the pull request or the API request (STRICT_BUILD_DELAYS). */
  buildsCreatedLate: boolean;
  /** An API request is listed at once as `pending` without its message or config; Travis fills them in later. */
  requestsFilledInLater: boolean;
  /** No GET /job/{id}/log_parts (an older Travis Enterprise): 404, and only /job/{id}/log and log.txt answer. */
  noLogParts: boolean;
  /** The repository allows only squash merges (GET /repos answers so; another merge_method gets GitHub's 405). */
  squashOnly: boolean;
  /** A protected base requires the head to be up to date: a PR lacking commits of its base is `behind` and its merge refused. */
  requireUpToDate: boolean;
  /** A file changed on both sides since the merge base is a conflict: the PR is `dirty` and cannot merge. */
  mergeConflicts: boolean;
  /** `GET contents/{path}` of a directory answers with the list of its entries, as GitHub does (kind: a 404). */
  directoryListings: boolean;
}

export type RuleName = keyof WorldRules;

/** Each rule with the real behaviour it reproduces (GET /_sim/rules lists them). */
export const RULES: { readonly [K in RuleName]: string } = {
  optionalChecks: 'third-party checks that are not required fail (codecov/patch) or stay queued (Lint bot)',
  protectionNeedsAdmin: 'GET .../branches/{b}/protection/required_status_checks is 403 without admin rights',
  unprotectedProduction: "production's protection requires no status check: only the cockpit keeps an untested head out",
  rulesets: "staging's required check comes from a ruleset (GET .../rules/branches/{b}), not branch protection",
  latePush: "a push to a pull request's branch 5 s (sim) after its CI passed, once per pull request",
  buildsCreatedLate: 'Travis creates a build tens of seconds after the push, pull request or API request that starts it, not at once',
  requestsFilledInLater: 'Travis lists an API request at once as pending, without its message or config, and fills them in seconds later (travis-api queries/request.rb creates the row first)',
  noLogParts: 'an older Travis Enterprise has no /job/{id}/log_parts endpoint (404); only /job/{id}/log and log.txt answer, and /job/{id}/log is 404 until the job has written something',
  squashOnly: 'the repository allows only squash merges; merge_method "merge" or "rebase" gets a 405 naming the method not allowed',
  requireUpToDate: 'branch protection requires branches to be up to date: a pull request whose head lacks commits of its protected base is mergeable_state "behind" and its merge is refused until the branch is updated',
  mergeConflicts: 'a file changed on both the base and the head since their merge base makes the pull request "dirty" (mergeable false); its merge and its branch update are refused',
  directoryListings: 'GitHub answers contents/{path} of a directory with a list of its entries, not a file or a 404',
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
