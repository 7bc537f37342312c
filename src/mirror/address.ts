import { hostname } from 'node:os';
import { UsageError } from '../exit-codes.js';

export interface MirrorAddress {
  readonly host: string;
  readonly port: number;
}

export const DEFAULT_MIRROR_HOST = '127.0.0.1';

const HOST_NAME = /^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?$/;

/**
 * `--mirror HOST:PORT`: `127.0.0.1:7777`, `[::1]:7777`, `0.0.0.0:7777`, or `:7777` / `7777` for 127.0.0.1.
 * Port 0 asks the system for a free port (the URL printed at start names it).
 */
export function parseMirrorAddress(value: string | boolean | undefined): MirrorAddress | undefined {
  if (value === undefined) return undefined;
  const text = typeof value === 'string' ? value.trim() : '';
  const bad = (why: string) => new UsageError(`--mirror expects HOST:PORT (e.g. 127.0.0.1:7777, or :7777 for this machine only); ${why}`);
  if (text === '') throw bad('got nothing');
  const match = /^(?:\[([0-9A-Fa-f:.]+)\]|([^:[\]]*)):(\d+)$/.exec(text) ?? /^()()(\d+)$/.exec(text);
  if (!match) throw bad(`got "${text}"`);
  const host = match[1] || match[2] || DEFAULT_MIRROR_HOST;
  const port = Number(match[3]);
  if (!Number.isSafeInteger(port) || port > 65_535) throw bad(`the port must be 0 to 65535, got "${match[3]}"`);
  if (!match[1] && !HOST_NAME.test(host)) throw bad(`"${host}" is not a host name or address`);
  return { host, port };
}

/** Whether only this machine can reach the address. */
export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/**
 * The URL a watcher uses; an address that listens everywhere is named by this machine's host name. Over TLS
 * the certificate's fingerprint rides in the fragment (never sent to the server): the watcher pins it.
 */
export function mirrorUrl(host: string, port: number, fingerprint?: string): string {
  const name = host === '0.0.0.0' || host === '::' ? hostname() : host;
  const where = `${name.includes(':') ? `[${name}]` : name}:${port}`;
  return fingerprint ? `https://${where}#sha256=${fingerprint}` : `http://${where}`;
}
