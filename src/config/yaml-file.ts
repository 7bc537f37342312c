import { LineCounter, parseDocument, type Document } from 'yaml';
import * as z from '../zod-mini.js';
import { UsageError } from '../exit-codes.js';
import { duplicateKeyErrors } from './duplicate-keys.js';
import { lineOf } from './positions.js';
import { formatPath, plural, type Problem } from './problems.js';
import { expectedMessage, problemsFromIssues } from './zod-issues.js';
import { syntaxMessage } from './yaml-syntax.js';

/** What a YAML file of ours must be, and the checks beyond its schema. */
export interface YamlFileRules<T> {
  readonly schema: z.ZodMiniType<T>;
  /** Names the file in messages: "configuration", "playbook". */
  readonly noun: string;
  /** What an empty file lacks: "a mapping with at least service, environments and components". */
  readonly expects: string;
  /**
   * Problems the schema cannot see (cross-field checks, secrets), from the document and its plain value; with
   * `parsed` when the schema accepted it. Paths in `ignored` are left out of the schema's own problems.
   */
  readonly check?: (input: { readonly doc: Document; readonly raw: unknown; readonly parsed: T | undefined }) => { readonly problems: readonly Problem[]; readonly ignored?: ReadonlySet<string> };
}

/** So that a file of nonsense gives a readable message, not a wall of text. */
const MAX_LISTED = 20;

/**
 * Parses and validates YAML text; `path` is only used in messages. Every problem (YAML syntax, schema,
 * the rules' own checks) ends up in one UsageError that names the file, and for each problem the field and line.
 */
export function parseYamlFile<T>(text: string, path: string, rules: YamlFileRules<T>): T {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: true, uniqueKeys: false });
  doc.errors.push(...duplicateKeyErrors(doc));
  doc.errors.sort((a, b) => a.pos[0] - b.pos[0]);
  if (doc.errors.length > 0) throw new UsageError(syntaxMessage(path, text, doc, lineCounter));
  let raw: unknown;
  try {
    raw = doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    throw new UsageError(`${path}: not valid YAML: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (raw === null || raw === undefined) throw new UsageError(`${path}: the file is empty; expected ${rules.expects}`);

  const result = rules.schema.safeParse(raw, { error: expectedMessage, reportInput: true });
  const extra = rules.check?.({ doc, raw, parsed: result.success ? result.data : undefined }) ?? { problems: [] };
  const problems: Problem[] = [...extra.problems, ...(result.success ? [] : problemsFromIssues(result.error.issues, extra.ignored ?? new Set(), rules.schema))];
  if (result.success && problems.length === 0) return result.data;
  throw new UsageError(problemsMessage(path, rules.noun, problems, doc, lineCounter));
}

function problemsMessage(path: string, noun: string, problems: readonly Problem[], doc: Document, lineCounter: LineCounter): string {
  // Several checks can trip over the same spot; say each thing once, in the order of the file.
  const byText = new Map<string, number>();
  for (const problem of problems) {
    const line = lineOf(doc, lineCounter, problem.path);
    byText.set(`${formatPath(problem.path)} (line ${line}): ${problem.message}`, line);
  }
  const lines = [...byText].sort((a, b) => a[1] - b[1]).map(([text]) => `  - ${text}`);
  const shown = lines.slice(0, MAX_LISTED);
  const hidden = lines.length - shown.length;
  return [`${path}: ${plural(lines.length, 'problem')} in the ${noun}:`, ...shown, ...(hidden > 0 ? [`  ... and ${hidden} more`] : [])].join('\n');
}
