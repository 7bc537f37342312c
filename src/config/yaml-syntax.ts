import { Scalar, visit, type Document, type LineCounter, type YAMLError } from 'yaml';
import { plural } from './problems.js';

/**
 * One message for a file that is not valid YAML: `file:line:col`, what is wrong, and the line with a caret.
 * Only the first error is shown; later ones are usually knock-on effects of it.
 */
export function syntaxMessage(path: string, text: string, doc: Document, lineCounter: LineCounter): string {
  const [error, ...others] = doc.errors as YAMLError[];
  if (!error) return `${path}: not valid YAML`;
  let offset = error.pos[0];
  let what = error.message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '') ?? error.code;
  if (error.code === 'MISSING_CHAR' && /quote/.test(what)) {
    // yaml reports an unclosed quote where the file ends; the user needs the line where the quote opened.
    offset = unclosedQuoteStart(doc, offset) ?? offset;
    what = 'a quoted string is never closed (the closing quote is missing)';
  }
  if (error.code === 'DUPLICATE_KEY') what = 'duplicate key; this mapping already has a key of that name';
  if (/maximum call stack/i.test(what)) what = 'the file nests lists or mappings too deeply';
  const { line, col } = lineCounter.linePos(offset);
  const { source, caret } = window(text.split(/\r?\n/)[line - 1] ?? '', col);
  const excerpt = source.trim() === '' ? [] : [`    ${source}`, `    ${' '.repeat(caret)}^`];
  const after = others.length > 0 ? [`  (and ${plural(others.length, 'more YAML error')} after it; fix this one first)`] : [];
  return [`${path}:${line}:${col}: not valid YAML: ${what}`, ...excerpt, ...after].join('\n');
}

const EXCERPT = 100;

/** The part of a long line around the column, so a one-line file of megabytes shows as one readable line. */
function window(line: string, col: number): { readonly source: string; readonly caret: number } {
  const at = Math.max(0, col - 1);
  if (line.length <= EXCERPT) return { source: line, caret: at };
  const start = Math.max(0, Math.min(at - EXCERPT / 2, line.length - EXCERPT));
  const cut = line.slice(start, start + EXCERPT);
  return { source: `${start > 0 ? '…' : ''}${cut}${start + EXCERPT < line.length ? '…' : ''}`, caret: at - start + (start > 0 ? 1 : 0) };
}

function unclosedQuoteStart(doc: Document, errorOffset: number): number | undefined {
  let start: number | undefined;
  visit(doc, {
    Scalar(_key, node) {
      const quoted = node.type === Scalar.QUOTE_DOUBLE || node.type === Scalar.QUOTE_SINGLE;
      if (quoted && node.range && node.range[0] < errorOffset && node.range[1] >= errorOffset) start = node.range[0];
    },
  });
  return start;
}
