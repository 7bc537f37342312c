/**
 * The ways the real GitHub and Travis are harder than a kind simulator, each a switch: a scenario sets them,
 * `POST /_sim/rules` changes them on a running world, and the `strict` scenario turns every one on. Off, the
 * world keeps its older, kinder answer. To add one: a field here and its sentence in RULES (the compiler
 * keeps the two in step), then read `world.rules.NAME` where the behaviour lives.
 */
export interface WorldRules {
  /** `GET contents/{path}` of a directory answers with the list of its entries, as GitHub does (kind: a 404). */
  directoryListings: boolean;
}

export type RuleName = keyof WorldRules;

/** Each rule with the real behaviour it reproduces (GET /_sim/rules lists them). */
export const RULES: { readonly [K in RuleName]: string } = {
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
