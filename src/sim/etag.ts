import { createHash } from 'node:crypto';

/** A strong validator from the body and the representation (GitHub's ETags vary with Accept). */
export function strongEtag(body: string, variant = ''): string {
  return `"${createHash('sha256').update(variant).update('\0').update(body).digest('hex').slice(0, 40)}"`;
}

/** RFC 9110 If-None-Match: a list of tags or `*`, compared weakly (W/ ignored) as GET requires. */
export function matchesIfNoneMatch(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  const bare = etag.replace(/^W\//, '');
  return header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === bare);
}
