import { createServer } from 'node:net';
import { UsageError } from '../exit-codes.js';
import type { MirrorAddress } from '../mirror/address.js';
import { tokenFromEnv } from '../mirror/token.js';
import { BIND_ERRORS } from './serve-mirror.js';

/**
 * What `--mirror` will need, tried before anything is written or started: its token from the environment, and
 * that the address can be listened on (taken for a moment, then let go). A port in use then ends the command
 * before a release journal or a demo world exists, not after.
 */
export async function checkMirror(address: MirrorAddress | undefined, env: NodeJS.ProcessEnv): Promise<void> {
  if (!address) return;
  tokenFromEnv(env);
  const server = createServer();
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen({ host: address.host, port: address.port, exclusive: true }, resolve);
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? '';
    throw new UsageError(`cannot serve the mirror on ${address.host}:${address.port}: ${BIND_ERRORS[code] ?? (error as Error).message}`);
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
