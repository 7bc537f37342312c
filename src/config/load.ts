import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { LineCounter, parseDocument, type Document } from 'yaml';
import { UsageError } from '../exit-codes.js';
import { configSchema, type Config } from './schema.js';
import { locateConfig } from './locate.js';
import { lineOf } from './positions.js';
import { formatPath, plural, type Problem } from './problems.js';
import { findSecretKeys, findUrlCredentials } from './secrets.js';
import { semanticProblems } from './semantic-checks.js';
import { expectedMessage, problemsFromIssues } from './zod-issues.js';
import { syntaxMessage } from './yaml-syntax.js';

export interface LoadOptions {
  /** The `--config FILE` value, if given. */
  readonly path?: string | undefined;
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  /** The user's home directory; the real one unless a test says otherwise. */
  readonly home?: string;
}

export interface LoadedConfig {
  readonly config: Config;
  /** The absolute path the config was read from. */
  readonly path: string;
}

/** So that a file of nonsense gives a readable message, not a wall of text. */
const MAX_LISTED = 20;

/**
 * Finds, reads, parses and validates the config. Every problem (YAML syntax, schema, cross-field checks,
 * secrets in the file) ends up in one UsageError that names the file, and for each problem the field and line.
 */
export async function loadConfig(options: LoadOptions): Promise<LoadedConfig> {
  const path = locateConfig({ flag: options.path, cwd: options.cwd, env: options.env, home: options.home ?? homedir() });
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error instanceof Error ? error.message : String(error));
    throw new UsageError(`cannot read the config file ${path}: ${reason}`);
  }
  return { config: parseConfig(text, path), path };
}

/** Parses and validates config text; `path` is only used in messages. Exported for callers holding text already. */
export function parseConfig(text: string, path: string): Config {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) throw new UsageError(syntaxMessage(path, text, doc, lineCounter));
  let raw: unknown;
  try {
    raw = doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    throw new UsageError(`${path}: not valid YAML: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (raw === null || raw === undefined) {
    throw new UsageError(`${path}: the file is empty; expected a mapping with at least service, environments and components`);
  }

  const secrets = findSecretKeys(doc.contents);
  const result = configSchema.safeParse(raw, { error: expectedMessage, reportInput: true });
  const problems: Problem[] = [
    ...secrets,
    ...findUrlCredentials(raw),
    ...(result.success ? [] : problemsFromIssues(result.error.issues, new Set(secrets.map((s) => JSON.stringify(s.path))))),
    ...semanticProblems(raw),
  ];
  if (result.success && problems.length === 0) return result.data;
  throw new UsageError(problemsMessage(path, problems, doc, lineCounter));
}

function problemsMessage(path: string, problems: readonly Problem[], doc: Document, lineCounter: LineCounter): string {
  // Several checks can trip over the same spot; say each thing once, in the order of the file.
  const byText = new Map<string, number>();
  for (const problem of problems) {
    const line = lineOf(doc, lineCounter, problem.path);
    byText.set(`${formatPath(problem.path)} (line ${line}): ${problem.message}`, line);
  }
  const lines = [...byText].sort((a, b) => a[1] - b[1]).map(([text]) => `  - ${text}`);
  const shown = lines.slice(0, MAX_LISTED);
  const hidden = lines.length - shown.length;
  return [`${path}: ${plural(lines.length, 'problem')} in the configuration:`, ...shown, ...(hidden > 0 ? [`  ... and ${hidden} more`] : [])].join('\n');
}
