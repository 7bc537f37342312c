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
  const { line, col } = lineCounter.linePos(offset);
  const source = text.split(/\r?\n/)[line - 1] ?? '';
  const excerpt = source.trim() === '' ? [] : [`    ${source}`, `    ${' '.repeat(Math.max(0, col - 1))}^`];
  const after = others.length > 0 ? [`  (and ${plural(others.length, 'more YAML error')} after it; fix this one first)`] : [];
  return [`${path}:${line}:${col}: not valid YAML: ${what}`, ...excerpt, ...after].join('\n');
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
