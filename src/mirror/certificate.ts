import { X509Certificate } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The mirror's TLS identity on this machine: made on first use, kept in the state directory, pinned by watchers. */
export interface MirrorCertificate {
  readonly key: string;
  readonly cert: string;
  /** SHA-256 of the certificate (DER), 64 lower-case hex digits: what the printed watch URL carries. */
  readonly fingerprint: string;
}

/** `AB:CD:…` as Node prints it, or plain hex, as the 64 lower-case digits the URL carries. */
export const normalFingerprint = (text: string): string => text.replace(/:/g, '').toLowerCase();

export function certificateFingerprint(pem: string): string {
  return normalFingerprint(new X509Certificate(pem).fingerprint256);
}

/**
 * The certificate in `<state>/mirror/`, made the first time a mirror is served beyond loopback. It is
 * self-signed: no CA vouches for it, so the watcher pins its fingerprint instead of checking a name, and
 * one certificate serves whatever address the mirror listens on. Node has no X.509 writer of its own,
 * hence `selfsigned` (pure JavaScript on WebCrypto: no openssl binary is needed on the user's machine).
 */
export async function mirrorCertificate(stateDir: string): Promise<MirrorCertificate> {
  const dir = join(stateDir, 'mirror');
  const keyPath = join(dir, 'key.pem');
  const certPath = join(dir, 'cert.pem');
  try {
    const key = readFileSync(keyPath, 'utf8');
    const cert = readFileSync(certPath, 'utf8');
    return { key, cert, fingerprint: certificateFingerprint(cert) };
  } catch {
    // None yet (or unreadable): a new one below.
  }
  const module = await import('selfsigned');
  // A CommonJS package: bundled, its exports arrive as `default`.
  const generate = module.generate ?? (module as unknown as { default: typeof module }).default.generate;
  const made = await generate([{ name: 'commonName', value: 'release-cockpit mirror' }], { keyType: 'ec', curve: 'P-256', algorithm: 'sha256', notAfterDate: new Date(Date.now() + 825 * 86_400_000) });
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  // The key first and whole: a certificate without its key would be no use to the next start.
  for (const [path, text] of [
    [keyPath, made.private],
    [certPath, made.cert],
  ] as const) {
    const tmp = `${path}.${process.pid}.tmp`;
    writeFileSync(tmp, text, { mode: 0o600 });
    renameSync(tmp, path);
  }
  return { key: made.private, cert: made.cert, fingerprint: certificateFingerprint(made.cert) };
}
