import { parse } from 'yaml';
import { clip } from './gopkg-lock.js';

/**
 * The value of environment variable `variable` as pinned in a .travis.yml (reference §6.2).
 *
 * Looks in `env` (a string, a list, or a map with `global`, then `jobs`, then its alias `matrix`), then in
 * `env` of each `jobs.include[]` (or `matrix.include[]`) entry, in file order. Items are `"KEY=value"`
 * strings, possibly several space-separated pairs, values possibly quoted; `{secure: …}` items are skipped;
 * a map item `{KEY: value}` is read too. Never throws.
 *
 * Judgement call: when the variable has several different values (say a job overrides the global one)
 * the first is returned together with a `problem` naming all of them, because which one "the SDK
 * version" is depends on the job and a person should see that.
 */
export function readSdkVersion(
  travisYmlText: string,
  variable: string,
  fileName = '.travis.yml',
): { version?: string; problem?: string } {
  let doc: unknown;
  try {
    // Merge keys (<<) are YAML 1.1 and common in .travis.yml files. Warnings (an unknown tag) must not go to
    // process.emitWarning: printed on stderr they would tear the cockpit's screen; errors still throw below.
    doc = parse(travisYmlText, { merge: true, logLevel: 'error' });
  } catch (err) {
    const first = err instanceof Error ? (err.message.split('\n')[0] ?? '') : String(err);
    return { problem: `${fileName} is not valid YAML: ${first.replace(/:\s*$/, '')}` };
  }
  if (doc === null || doc === undefined) return { problem: `${fileName} is empty` };
  if (!isMap(doc)) return { problem: `${fileName} is not a YAML map` };

  const values: string[] = [];
  collectEnv(doc['env'], variable, values);
  for (const key of ['jobs', 'matrix']) {
    const section = doc[key];
    const include = isMap(section) ? section['include'] : undefined;
    if (Array.isArray(include)) for (const job of include) if (isMap(job)) collectEnv(job['env'], variable, values);
  }

  const distinct = [...new Set(values)];
  const version = distinct[0];
  if (version === undefined) return { problem: `${fileName} does not set ${variable} in env` };
  if (version === '') return { problem: `${fileName} sets ${variable} to an empty value` };
  if (distinct.length > 1) {
    return { version, problem: `${fileName} sets ${variable} to several values (${clip(distinct.join(', '))}); showing the first` };
  }
  return { version };
}

function isMap(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Appends every value given to `variable` in one `env` node, in order. */
function collectEnv(node: unknown, variable: string, out: string[]): void {
  if (typeof node === 'string') {
    for (const [key, value] of envPairs(node)) if (key === variable) out.push(value);
  } else if (Array.isArray(node)) {
    for (const item of node) collectEnv(item, variable, out);
  } else if (isMap(node)) {
    if ('secure' in node) return;
    const sections = ['global', 'jobs', 'matrix'].filter((k) => k in node);
    if (sections.length > 0) {
      for (const k of sections) collectEnv(node[k], variable, out);
    } else {
      const value = node[variable];
      if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') out.push(String(value));
    }
  }
}

/** Shell-style `KEY=value` pairs in one env string; a value may be "double" (with \ escapes) or 'single' quoted. */
const PAIR = /(?:^|\s)([A-Za-z_][A-Za-z0-9_]*)=("(?:[^"\\]|\\.)*"|'[^']*'|\S*)/g;

export function envPairs(text: string): [string, string][] {
  const pairs: [string, string][] = [];
  for (const m of text.matchAll(PAIR)) pairs.push([m[1]!, unquote(m[2]!)]);
  return pairs;
}

function unquote(raw: string): string {
  if (raw.length >= 2 && raw.startsWith('"') && raw.endsWith('"')) return raw.slice(1, -1).replace(/\\(.)/g, '$1');
  if (raw.length >= 2 && raw.startsWith("'") && raw.endsWith("'")) return raw.slice(1, -1);
  return raw;
}
