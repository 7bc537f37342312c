import { closeSync, openSync, readSync, statSync, type Stats } from 'node:fs';
import { UsageError } from './exit-codes.js';
import { formatBytes } from './limits.js';

export interface TextFileRules {
  /** Names the file in messages: "config file", "playbook file", "journal". */
  readonly what: string;
  readonly maxBytes: number;
  /**
   * Refuse what is not clean UTF-8 text (a UTF-16 file, invalid bytes, control characters): right for files a
   * person writes. A journal is read leniently instead: its damaged lines are reported one by one.
   */
  readonly strict: boolean;
}

/** What a path that is not a regular file is, in words; undefined for a regular file. */
export function notAFile(stats: Stats): string | undefined {
  if (stats.isFile()) return undefined;
  if (stats.isDirectory()) return 'is a directory';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'is a device, not a file';
  if (stats.isFIFO()) return 'is a pipe, not a file';
  if (stats.isSocket()) return 'is a socket, not a file';
  return 'is not a regular file';
}

const ERRNO_WORDS: Readonly<Record<string, string>> = {
  ENOENT: 'does not exist',
  EACCES: 'cannot be read (permission denied)',
  EPERM: 'cannot be read (permission denied)',
  ENOTDIR: 'does not exist (a part of its path is not a directory)',
  ELOOP: 'cannot be read (too many symbolic links)',
  ENAMETOOLONG: 'cannot be read (the name is too long)',
};

function errnoWords(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code ?? '';
  return ERRNO_WORDS[code] ?? `cannot be read (${code || (error instanceof Error ? error.message : String(error))})`;
}

/**
 * A file's text, read within bounds: a directory, a device (`/dev/zero` never ends), a pipe or a file above
 * `maxBytes` is refused before a byte is read, so no input makes the cockpit wait or fill its memory.
 */
export function readTextFile(path: string, rules: TextFileRules): string {
  let stats: Stats;
  try {
    stats = statSync(path);
  } catch (error) {
    throw new UsageError(`the ${rules.what} ${path} ${errnoWords(error)}`);
  }
  const kind = notAFile(stats);
  if (kind) throw new UsageError(`the ${rules.what} ${path} ${kind}`);
  if (stats.size > rules.maxBytes) throw new UsageError(`the ${rules.what} ${path} is ${formatBytes(stats.size)}; the largest accepted is ${formatBytes(rules.maxBytes)}`);
  const bytes = readAtMost(path, rules);
  return rules.strict ? decodeStrict(bytes, path) : bytes.toString('utf8');
}

function readAtMost(path: string, rules: TextFileRules): Buffer {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (error) {
    throw new UsageError(`the ${rules.what} ${path} ${errnoWords(error)}`);
  }
  try {
    // One byte more than allowed tells a file that grew since it was looked at from one that fits.
    const buffer = Buffer.alloc(rules.maxBytes + 1);
    let length = 0;
    for (let n = -1; n !== 0 && length < buffer.length; length += n) n = readSync(fd, buffer, length, buffer.length - length, null);
    if (length > rules.maxBytes) throw new UsageError(`the ${rules.what} ${path} is larger than the largest accepted, ${formatBytes(rules.maxBytes)}`);
    return buffer.subarray(0, length);
  } finally {
    closeSync(fd);
  }
}

/** Where in the text an offset is, for a message a person can act on. */
function position(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return `line ${line}, column ${offset - before.lastIndexOf('\n')}`;
}

// C0 controls but tab, line feed and carriage return; DEL; C1 controls but NEL. YAML itself allows none of them
// unescaped, and one printed back in a message could drive the user's terminal.
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u0080-\u0084\u0086-\u009f]/;

/** UTF-8 text, or a UsageError saying why the bytes are not that: UTF-16, invalid bytes, control characters. */
export function decodeStrict(bytes: Uint8Array, path: string): string {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    throw new UsageError(`${path}: not UTF-8: it is UTF-16 (it starts with a UTF-16 byte-order mark); save it as UTF-8`);
  }
  const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const body = bytes.subarray(start);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    const bad = firstInvalidUtf8(body);
    const prefix = Buffer.from(body.subarray(0, bad)).toString('utf8');
    throw new UsageError(`${path}: not UTF-8: byte 0x${(body[bad] ?? 0).toString(16).padStart(2, '0')} at ${position(prefix, prefix.length)} is not valid UTF-8; save the file as UTF-8`);
  }
  const control = CONTROL.exec(text);
  if (control) {
    const code = control[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
    throw new UsageError(`${path}: a control character (U+${code}) at ${position(text, control.index)}; is it a binary file? expected text`);
  }
  return text;
}

/** The offset of the first byte that does not begin or continue a valid UTF-8 sequence. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] ?? 0;
    const length = b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (length === 0 || i + length > bytes.length) return i;
    try {
      decoder.decode(bytes.subarray(i, i + length));
    } catch {
      return i;
    }
    i += length;
  }
  return i;
}
