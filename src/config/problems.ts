/** A path into the config document, as zod reports it: keys and list indexes. */
export type ConfigPath = readonly (string | number)[];

/** One thing wrong with the config file, before it is given a line number. */
export interface Problem {
  readonly path: ConfigPath;
  readonly message: string;
}

/** `environments[1].site.url`; the document itself is "(top level)". */
export function formatPath(path: ConfigPath): string {
  if (path.length === 0) return '(top level)';
  return path.map((part, i) => (typeof part === 'number' ? `[${part}]` : !PLAIN_KEY.test(part) ? `[${quoted(part)}]` : i === 0 ? part : `.${part}`)).join('');
}

// A key a person would type bare; any other (empty, spaces, dots, control characters) is shown quoted, so a
// key can neither vanish from the message nor put raw bytes on the user's terminal.
const PLAIN_KEY = /^[A-Za-z0-9_][\w-]*$/;

/** A string in double quotes with every control character escaped: safe to print, readable, one line. */
export function quoted(text: string): string {
  return JSON.stringify(text).replace(/[\u007f-\u009f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

// Tokens that GitHub issues have recognisable prefixes; if one turns up as a value, we describe it without showing it.
const TOKEN_LIKE = /^(gh[pousr]_|github_pat_)/;
const MAX_SHOWN = 40;

/** How a value found in the file reads in a message: `the number 3`, `"25:00"`, `a list`, `nothing`. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'an empty value';
  if (typeof value === 'string') {
    if (value === '') return 'an empty string';
    if (TOKEN_LIKE.test(value)) return 'a string that looks like a token (not shown)';
    const shown = value.length > MAX_SHOWN ? `${value.slice(0, MAX_SHOWN - 1)}…` : value;
    return quoted(shown);
  }
  if (typeof value === 'number') return `the number ${value}`;
  if (typeof value === 'boolean') return `${value}`;
  if (Array.isArray(value)) return value.length === 0 ? 'an empty list' : `a list of ${plural(value.length, 'item')}`;
  if (value instanceof Date) return 'a date';
  if (typeof value === 'object') return 'a mapping';
  return typeof value;
}

export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
