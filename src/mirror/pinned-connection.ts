import { isIP } from 'node:net';
import type { Duplex } from 'node:stream';
import { connect as tlsConnect } from 'node:tls';
import { normalFingerprint } from './certificate.js';
import { MirrorError } from './mirror-error.js';

/**
 * A TLS connection that is handed to the request only once the certificate's fingerprint is the pinned one:
 * the token is never written to a server that could not show it.
 */
export function pinnedConnection(url: URL, pin: string) {
  return (_options: unknown, done: (error: Error | null, socket: Duplex) => void): undefined => {
    const host = url.hostname.replace(/^\[|\]$/g, '');
    // No CA vouches for a self-signed certificate: the fingerprint check below replaces the chain check.
    const socket = tlsConnect({ host, port: Number(url.port || 443), rejectUnauthorized: false, ...(isIP(host) ? {} : { servername: host }) });
    socket.once('secureConnect', () => {
      const shown = socket.getPeerX509Certificate()?.fingerprint256;
      if (shown && normalFingerprint(shown) === pin) return done(null, socket);
      socket.destroy();
      done(new MirrorError('certificate', `the mirror at ${url.origin} showed a certificate that is not the one in its URL (sha256 ${shown ? normalFingerprint(shown).slice(0, 16) : 'none'}…, expected ${pin.slice(0, 16)}…): not watching; check the URL the primary printed`), socket);
    });
    socket.once('error', (error) => done(error, socket));
    return undefined;
  };
}
