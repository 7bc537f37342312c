import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { UsageError } from '../exit-codes.js';

/** The environment variable both ends read the mirror's token from. */
export const TOKEN_ENV = 'COCKPIT_MIRROR_TOKEN';

const TOKEN_SHAPE = /^[\x21-\x7e]{16,512}$/;
const MIN_DISTINCT = 8;

/** A fresh token for one session: 24 random bytes, URL-safe, so it can be pasted into a shell as is. */
export function generateToken(): string {
  return randomBytes(24).toString('base64url');
}

/** COCKPIT_MIRROR_TOKEN when it is set; a weak or unprintable one is refused rather than served. */
export function tokenFromEnv(env: NodeJS.ProcessEnv): string | undefined {
  const value = env[TOKEN_ENV];
  if (value === undefined || value === '') return undefined;
  if (!TOKEN_SHAPE.test(value)) throw new UsageError(`${TOKEN_ENV} must be at least 16 printable characters without spaces`);
  // Long but guessable ("aaaaaaaaaaaaaaaa", "abababab..."): too few different characters to be chance.
  const distinct = new Set(value).size;
  if (distinct < MIN_DISTINCT) throw new UsageError(`${TOKEN_ENV} is too weak to guard the mirror (only ${distinct} different character${distinct === 1 ? "" : "s"}); use a random one, e.g. from "openssl rand -base64 24"`);
  return value;
}

/** What the server keeps instead of the token itself. */
export function tokenDigest(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}

/**
 * Whether an `Authorization` header carries the token. Both sides are hashed first, so the comparison is
 * between equal-length digests and takes the same time however much of the token was right.
 */
export function bearerMatches(header: string | undefined, expected: Buffer): boolean {
  const match = /^Bearer +([^\s]+) *$/i.exec(header ?? '');
  const given = tokenDigest(match?.[1] ?? '');
  return timingSafeEqual(given, expected) && match !== null;
}

/**
 * The token a watcher sends: `--token-file FILE`, else `--token` (still accepted, though anyone on the machine
 * reads argv), else COCKPIT_MIRROR_TOKEN; without any it cannot watch.
 */
export function watcherToken(flag: string | boolean | undefined, env: NodeJS.ProcessEnv, command: string, file?: string | boolean): string {
  if (file !== undefined) return tokenFromFile(file);
  const value = typeof flag === 'string' ? flag.trim() : env[TOKEN_ENV]?.trim();
  if (flag !== undefined && !value) throw new UsageError('--token needs a value');
  if (!value) throw new UsageError(`${command} needs the mirror's token: ${TOKEN_ENV}=T or --token-file FILE (the primary printed it when it started its mirror)`);
  return value;
}

function tokenFromFile(file: string | boolean): string {
  if (typeof file !== 'string' || file.trim() === '') throw new UsageError('--token-file needs a file name');
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(`--token-file ${file} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  const value = text.trim();
  if (!value || /\s/.test(value)) throw new UsageError(`--token-file ${file} must hold the token alone, on one line`);
  return value;
}
