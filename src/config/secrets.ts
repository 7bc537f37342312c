import { isMap, isPair, isScalar, isSeq, type Node } from 'yaml';
import type { ConfigPath, Problem } from './problems.js';

/** Key names that suggest someone is about to store a credential in the file. */
const SECRET_KEY = /token|secret|passw(or)?d|api[-_]?key|auth/i;

export const TOKEN_MESSAGE = 'tokens are never read from the config file; set GITHUB_TOKEN (or log in with gh) and TRAVIS_TOKEN instead';

/**
 * Every key anywhere in the document whose name looks like a secret. Walks the YAML tree rather than the
 * schema so that a secret is refused wherever it is put; the value is never looked at, so it cannot leak.
 */
export function findSecretKeys(node: unknown, path: ConfigPath = []): Problem[] {
  const found: Problem[] = [];
  if (isMap(node)) {
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
      if (key === undefined) continue;
      if (SECRET_KEY.test(key)) found.push({ path: [...path, key], message: TOKEN_MESSAGE });
      else found.push(...findSecretKeys(pair.value as Node | null, [...path, key]));
    }
  } else if (isSeq(node)) {
    node.items.forEach((item, i) => found.push(...findSecretKeys(item, [...path, i])));
  }
  return found;
}

/** URLs with a user name or password in them (`https://user:secret@host/`): refused, and never echoed. */
export function findUrlCredentials(value: unknown, path: ConfigPath = []): Problem[] {
  if (typeof value === 'string') {
    if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) return [];
    try {
      const url = new URL(value);
      if (url.username || url.password) return [{ path, message: 'credentials in URLs are never read from the config file; remove the "user:password@" part' }];
    } catch {
      // Not a URL after all; the schema says so where a URL is expected.
    }
    return [];
  }
  if (Array.isArray(value)) return value.flatMap((item, i) => findUrlCredentials(item, [...path, i]));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => findUrlCredentials(v, [...path, k]));
  return [];
}
