import { parse as parseToml } from 'smol-toml';
import { parse as parseYaml } from 'yaml';
import { envPairs } from './travis-env.js';

/** What `cockpit init` proposes for one environment: its name and the branch that feeds it. */
export interface EnvironmentGuess {
  readonly name: string;
  readonly branch: string;
}

/** Branch names that usually mean each rung of the ladder, lowest first. */
const LADDER: readonly { readonly name: string; readonly branches: readonly string[] }[] = [
  { name: 'testing', branches: ['testing', 'test', 'develop', 'dev', 'master', 'main'] },
  { name: 'staging', branches: ['staging', 'stage', 'preprod', 'pre-production', 'uat'] },
  { name: 'production', branches: ['production', 'prod', 'live', 'release'] },
];

/**
 * Environments from the branch list: each rung takes the first of its usual names that exists. The lowest
 * falls back to the default branch. Fewer than two found: the usual three, for the user to correct.
 */
export function guessEnvironments(branches: readonly string[], defaultBranch: string): { readonly environments: EnvironmentGuess[]; readonly guessed: boolean } {
  const have = new Set(branches);
  const found = LADDER.map((rung, i) => {
    const branch = rung.branches.find((b) => have.has(b)) ?? (i === 0 && have.has(defaultBranch) ? defaultBranch : undefined);
    return branch ? { name: rung.name, branch } : undefined;
  }).filter((e): e is EnvironmentGuess => e !== undefined);
  if (found.length >= 2) return { environments: found, guessed: false };
  return { environments: [{ name: 'testing', branch: defaultBranch }, { name: 'staging', branch: 'staging' }, { name: 'production', branch: 'production' }], guessed: true };
}

/** The `name`s of Gopkg.lock's [[projects]]; empty when the text is not TOML or has none. */
export function gopkgProjects(text: string): string[] {
  try {
    const doc = parseToml(text) as { projects?: unknown };
    return Array.isArray(doc.projects) ? doc.projects.map((p) => (p as { name?: unknown }).name).filter((n): n is string => typeof n === 'string') : [];
  } catch {
    return [];
  }
}

/** Every variable .travis.yml sets in an `env` entry (strings `KEY=value` or maps `{KEY: value}`), in order, once. */
export function travisVariables(text: string): string[] {
  let doc: unknown;
  try {
    doc = parseYaml(text, { merge: true });
  } catch {
    return [];
  }
  const names: string[] = [];
  const add = (n: string) => (names.includes(n) ? undefined : names.push(n));
  const walk = (value: unknown, inEnv: boolean): void => {
    if (typeof value === 'string' && inEnv) for (const [k] of envPairs(value)) add(k);
    else if (Array.isArray(value)) for (const v of value) walk(v, inEnv);
    else if (value && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) {
        // An encrypted `secure:` value is base64, which can look like KEY=value; it names no variable we can read.
        if (k === 'secure') continue;
        if (inEnv && /^[A-Z_][A-Z0-9_]*$/.test(k) && (typeof v === 'string' || typeof v === 'number')) add(k);
        else walk(v, inEnv || k === 'env');
      }
    }
  };
  walk(doc, false);
  return names;
}

/** The PPC dependency: a project whose name says ppc, else none (the user names it). */
export const pickPpcProject = (projects: readonly string[]): string | undefined => projects.find((p) => /(^|[/-])ppc([/-]|$)/i.test(p)) ?? projects.find((p) => /ppc/i.test(p));

/** The SDK's version variable: one naming the SDK, else none. */
export const pickSdkVariable = (variables: readonly string[]): string | undefined => variables.find((v) => /SDK/.test(v) && /VERSION/.test(v)) ?? variables.find((v) => /SDK/.test(v));
