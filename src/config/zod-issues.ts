import type { z } from 'zod/mini';
import { closest } from './suggest.js';
import { allKeyPaths, knownKeysAt } from './schema-keys.js';
import { describeValue, plural, type ConfigPath, type Problem } from './problems.js';

type Issue = z.core.$ZodIssue;
type RawIssue = z.core.$ZodRawIssue;

const TYPE_NAMES: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  object: 'a mapping',
  array: 'a list',
};

/**
 * zod's per-parse error map: says what was expected, in words a person uses. Messages written in the schema
 * itself win over this one, so every message here and there reads "expected ...".
 */
export function expectedMessage(issue: RawIssue): string | undefined {
  switch (issue.code) {
    case 'invalid_type':
      return `expected ${TYPE_NAMES[issue.expected] ?? issue.expected}`;
    case 'invalid_value':
      return issue.values.length === 1 ? `expected ${JSON.stringify(issue.values[0])}` : `expected one of ${issue.values.map(String).join(', ')}`;
    case 'too_small':
      return boundMessage('at least', issue.origin, issue.minimum, issue.inclusive);
    case 'too_big':
      return boundMessage('at most', issue.origin, issue.maximum, issue.inclusive);
    case 'invalid_format':
      return issue.format === 'url' ? 'expected a URL' : `expected ${issue.format} format`;
    default:
      return undefined;
  }
}

function boundMessage(word: string, origin: string, bound: number | bigint, inclusive = true): string {
  const exclusive = inclusive ? '' : ' (exclusive)';
  if (origin === 'string' && word === 'at least' && Number(bound) === 1) return 'expected a non-empty string';
  if (origin === 'string') return `expected ${word} ${plural(Number(bound), 'character')}${exclusive}`;
  if (origin === 'array') return `expected ${word} ${plural(Number(bound), 'item')}${exclusive}`;
  return `expected ${word} ${bound}${exclusive}`;
}

/** What was actually there, for "expected X, found Y". */
function found(issue: Issue): string {
  const input = (issue as { input?: unknown }).input;
  if ((issue.code === 'too_small' || issue.code === 'too_big') && Array.isArray(input)) return plural(input.length, 'item');
  return describeValue(input);
}

/**
 * Turns zod's issues into problems. Keys listed in `secretKeys` (dotted paths) are left out: they get their own
 * message. Where a value has the wrong type, any other complaint about the same value is noise and is dropped.
 */
export function problemsFromIssues(issues: readonly Issue[], secretKeys: ReadonlySet<string>, root?: z.core.$ZodType): Problem[] {
  const wrongType = new Set(issues.filter((i) => i.code === 'invalid_type').map((i) => JSON.stringify(i.path)));
  // A misspelt key also makes the real one "missing"; the typo's own message already says what to do.
  const typoFor = new Set<string>();
  const problems: Problem[] = [];
  for (const issue of issues) {
    if (issue.code !== 'unrecognized_keys') continue;
    const path = toPath(issue.path);
    for (const key of issue.keys) {
      const keyPath = [...path, key];
      if (secretKeys.has(JSON.stringify(keyPath))) continue;
      const typo = closest(key, knownKeysAt(path, root));
      if (typo) typoFor.add(JSON.stringify([...path, typo]));
      problems.push({ path: keyPath, message: unknownKeyMessage(path, key, typo, root) });
    }
  }
  for (const issue of issues) {
    const path = toPath(issue.path);
    const id = JSON.stringify(path);
    if (issue.code === 'unrecognized_keys' || typoFor.has(id)) continue;
    if (issue.code !== 'invalid_type' && wrongType.has(id)) continue;
    problems.push({ path, message: messageFor(issue) });
  }
  return problems;
}

function messageFor(issue: Issue): string {
  const input = (issue as { input?: unknown }).input;
  if (input === undefined && issue.code === 'invalid_type') return `missing; ${issue.message}`;
  const message = `${issue.message}, found ${found(issue)}`;
  if (issue.code === 'invalid_value' && typeof input === 'string') {
    const guess = closest(input, issue.values.map(String));
    if (guess) return `${message}; did you mean "${guess}"?`;
  }
  return message;
}

function toPath(path: readonly PropertyKey[]): ConfigPath {
  return path.map((part) => (typeof part === 'number' ? part : String(part)));
}

function unknownKeyMessage(path: ConfigPath, key: string, typo: string | undefined, root?: z.core.$ZodType): string {
  const known = knownKeysAt(path, root);
  if (typo) return `unknown key; did you mean "${typo}"?`;
  const homes = allKeyPaths(root).filter((p) => p === key || p.endsWith(`.${key}`));
  if (homes.length === 1) return `unknown key here; "${key}" belongs at ${homes[0]}`;
  return known.length > 0 ? `unknown key; expected one of ${known.join(', ')}` : 'unknown key';
}
