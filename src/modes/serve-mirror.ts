import type { ModeContext } from './context.js';
import type { Config } from '../config/schema.js';
import { UsageError } from '../exit-codes.js';
import { isLoopback, type MirrorAddress } from '../mirror/address.js';
import { mirrorCertificate } from '../mirror/certificate.js';
import { stateDir } from '../journal/paths.js';
import { createMirrorLinkStore, type MirrorLinkStore } from '../mirror/link.js';
import { startMirrorServer, type MirrorServer } from '../mirror/server.js';
import { generateToken, TOKEN_ENV, tokenFromEnv } from '../mirror/token.js';
import type { CockpitStoreApi } from '../store/create-cockpit-store.js';
import type { JournalTap } from '../mirror/journal-tap.js';

export interface ServedMirror {
  readonly server: MirrorServer;
  /** The URL and the number of watchers, for the primary's header. */
  readonly link: MirrorLinkStore;
}

export const BIND_ERRORS: Readonly<Record<string, string>> = {
  EADDRINUSE: 'the port is already in use',
  EACCES: 'not allowed to listen there (ports below 1024 need privileges)',
  EADDRNOTAVAIL: 'this machine has no such address',
  ENOTFOUND: 'the host name is not known',
};

/**
 * Starts the mirror for `--mirror HOST:PORT` and says, on stderr and before Ink takes the screen, where it is
 * and the exact `cockpit watch` command. A generated token is printed there once; one from COCKPIT_MIRROR_TOKEN
 * is never printed.
 */
export async function serveMirror(ctx: ModeContext, store: CockpitStoreApi, config: Config, address: MirrorAddress, journal?: JournalTap): Promise<ServedMirror> {
  const fromEnv = tokenFromEnv(ctx.env);
  const token = fromEnv ?? generateToken();
  const link = createMirrorLinkStore({ role: 'serving', url: '', watchers: 0 });
  // Beyond loopback the feed (and the token in each request) is encrypted; on loopback an SSH tunnel is the way in.
  const isLocal = isLoopback(address.host);
  const tls = isLocal
    ? undefined
    : await mirrorCertificate(stateDir(ctx.env)).catch((error: unknown) => {
        throw new UsageError(`cannot keep the mirror's TLS certificate in ${stateDir(ctx.env)} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); point COCKPIT_STATE_DIR at a writable directory`);
      });
  let server: MirrorServer;
  try {
    server = await startMirrorServer({
      store,
      host: address.host,
      port: address.port,
      token,
      maxWatchers: config.mirror.max_watchers,
      ...(tls ? { tls } : {}),
      ...(journal ? { journal } : {}),
      onWatchers: (watchers) => link.setState({ watchers }),
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? '';
    throw new UsageError(`cannot serve the mirror on ${address.host}:${address.port}: ${BIND_ERRORS[code] ?? (error as Error).message}`);
  }
  link.setState({ url: server.url });
  const origin = server.url.replace(/#.*$/, '');
  const lines = [`cockpit: read-only mirror on ${origin}${tls ? ` over TLS (certificate sha256 ${tls.fingerprint})` : ''} (at most ${config.mirror.max_watchers} watchers)`];
  // Quoted: the fingerprint's "#" would start a comment in some shells' interactive modes.
  const watchUrl = tls ? `'${server.url}'` : server.url;
  // The token goes through the environment, not argv: any user of the watcher's machine can read a process's arguments.
  lines.push(fromEnv ? `cockpit: to watch it: cockpit watch ${watchUrl}   (with the same ${TOKEN_ENV})` : `cockpit: to watch it: ${TOKEN_ENV}=${token} cockpit watch ${watchUrl}`);
  ctx.stderr.write(`${lines.join('\n')}\n`);
  store.getState().setNotice({ text: `Mirror on ${origin}: cockpit watch ${watchUrl}${fromEnv ? '' : ` (${TOKEN_ENV} printed at start)`}`, tone: 'info' });
  return { server, link };
}
