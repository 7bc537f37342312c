// Why a mirror cannot be watched, in the user's words: the client raises these, the watch and status modes
// turn them into messages and exit codes (exit.ts).

/** Why the mirror cannot be watched: a wrong token, another feed version, nobody answering, a full mirror, not a mirror at all. */
export type MirrorErrorKind = 'auth' | 'version' | 'unreachable' | 'full' | 'not-a-mirror' | 'certificate';

export class MirrorError extends Error {
  constructor(
    readonly kind: MirrorErrorKind,
    message: string,
  ) {
    super(message);
    this.name = 'MirrorError';
  }
}

export function statusError(status: number, url: URL): MirrorError {
  const where = url.origin;
  if (status === 401 || status === 403) return new MirrorError('auth', `the mirror at ${where} refused the token (HTTP ${status}): check --token or COCKPIT_MIRROR_TOKEN`);
  if (status === 503) return new MirrorError('full', `the mirror at ${where} has as many watchers as it allows (HTTP 503); try again later`);
  return new MirrorError('not-a-mirror', `${url.href} is not a cockpit mirror feed (HTTP ${status})`);
}

export function networkError(error: NodeJS.ErrnoException, url: URL): MirrorError {
  const why: Record<string, string> = { ECONNREFUSED: 'connection refused', ENOTFOUND: 'host not found', EHOSTUNREACH: 'host unreachable', ETIMEDOUT: 'timed out', ECONNRESET: 'connection reset' };
  // OpenSSL's own words name its source files; the user needs to know the other end does not speak TLS.
  if (error.code === 'ERR_SSL_WRONG_VERSION_NUMBER' || /wrong version number/i.test(error.message)) {
    return new MirrorError('not-a-mirror', `cannot reach the mirror at ${url.origin}: it does not speak TLS (https://); is its URL http://?`);
  }
  if (error.code?.startsWith('ERR_SSL_') || error.code === 'EPROTO') return new MirrorError('unreachable', `cannot reach the mirror at ${url.origin}: the TLS handshake failed (${error.code})`);
  return new MirrorError('unreachable', `cannot reach the mirror at ${url.origin}: ${(error.code && why[error.code]) ?? error.message}`);
}
