import type { ModeContext } from '../cli.js';
import type { Config } from '../config/schema.js';
import { UsageError } from '../exit-codes.js';
import { isLoopback, type MirrorAddress } from '../mirror/address.js';
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

const BIND_ERRORS: Readonly<Record<string, string>> = {
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
  let server: MirrorServer;
  try {
    server = await startMirrorServer({
      store,
      host: address.host,
      port: address.port,
      token,
      maxWatchers: config.mirror.max_watchers,
      ...(journal ? { journal } : {}),
      onWatchers: (watchers) => link.setState({ watchers }),
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? '';
    throw new UsageError(`cannot serve the mirror on ${address.host}:${address.port}: ${BIND_ERRORS[code] ?? (error as Error).message}`);
  }
  link.setState({ url: server.url });
  const lines = [`cockpit: read-only mirror on ${server.url} (at most ${config.mirror.max_watchers} watchers)`];
  // The token goes through the environment, not argv: any user of the watcher's machine can read a process's arguments.
  lines.push(fromEnv ? `cockpit: to watch it: cockpit watch ${server.url}   (with the same ${TOKEN_ENV})` : `cockpit: to watch it: ${TOKEN_ENV}=${token} cockpit watch ${server.url}`);
  if (!isLoopback(address.host)) lines.push(`cockpit: the mirror is reachable beyond this machine over plain HTTP: share it only on a network you trust, or over an SSH tunnel`);
  ctx.stderr.write(`${lines.join('\n')}\n`);
  store.getState().setNotice({ text: `Mirror on ${server.url}: cockpit watch ${server.url}${fromEnv ? '' : ` (${TOKEN_ENV} printed at start)`}`, tone: 'info' });
  return { server, link };
}
