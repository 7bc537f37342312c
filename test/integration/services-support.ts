import { createServer } from 'node:net';
import type { AcmeFacts, SimHandle } from '../../src/sim/index.js';
import { SourceError } from '../../src/domain/source.js';

/** The weekly scenario's generated shas and names. */
export const factsOf = (sim: SimHandle): AcmeFacts => sim.world.facts as unknown as AcmeFacts;

/** How often the sim saw a route, e.g. "GET /github/repos/:owner/:repo/branches/*". */
export const hits = (sim: SimHandle, route: string): number => sim.stats().requests[route] ?? 0;

/** A loopback URL nobody listens on: a port that was just free. */
export async function closedPortUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

/** Runs `fn`, expects a SourceError, returns it with how long the call took. */
export async function sourceErrorOf(fn: () => Promise<unknown>): Promise<{ error: SourceError; ms: number }> {
  const started = performance.now();
  try {
    await fn();
  } catch (error) {
    if (error instanceof SourceError) return { error, ms: performance.now() - started };
    throw error;
  }
  throw new Error('expected a SourceError, but the call succeeded');
}
