import { UsageError } from '../exit-codes.js';
import { normalFingerprint } from './certificate.js';
import { FEED_PATH } from './protocol.js';

// Checked before any connection, so that a mistyped URL is a usage error and never a retry loop.

/** The feed's URL from what the user typed: http(s) only; a bare mirror URL gets the feed's path. */
export function feedUrl(text: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UsageError(`"${text}" is not a URL; expected the mirror's URL as the primary printed it, e.g. http://127.0.0.1:7777`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new UsageError(`the mirror's URL must start with http:// or https://, got "${text}"`);
  if (url.username || url.password) throw new UsageError('put the token in --token or COCKPIT_MIRROR_TOKEN, not in the URL');
  // The cockpit's own https mirror is self-signed: the fingerprint the primary printed says it is theirs. Without
  // one (a mirror behind a proxy with a CA's certificate) the usual CA check applies.
  const pin = /^#sha256=(.*)$/.exec(url.hash)?.[1];
  if (url.protocol === 'https:' && pin !== undefined && !/^[0-9a-f]{64}$/.test(normalFingerprint(pin))) {
    throw new UsageError(`the fingerprint in the mirror's URL must be 64 hex digits, as the primary printed it: https://HOST:PORT#sha256=<fingerprint>`);
  }
  if (!url.pathname.endsWith(FEED_PATH)) url.pathname = `${url.pathname.replace(/\/+$/, '')}${FEED_PATH}`;
  url.search = '';
  // The fragment is never sent; over https it keeps the pin for the connection.
  url.hash = url.protocol === 'https:' && pin ? `#sha256=${normalFingerprint(pin)}` : '';
  return url;
}
