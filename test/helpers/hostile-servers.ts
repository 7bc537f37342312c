import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createNetServer, type Server as NetServer } from 'node:net';

/** A server a hostile corpus case talks to, on a loopback port of its own; `stop` ends it and its connections. */
export interface HostileServer {
  readonly port: number;
  stop(): Promise<void>;
}

type Kind = 'endless-sse' | 'plain-http' | 'busy-port';

/** Servers that behave the way a broken or hostile mirror (or a squatter on a port) does. */
export async function startHostileServer(kind: Kind): Promise<HostileServer> {
  const server: Server | NetServer = kind === 'busy-port' ? createNetServer((socket) => socket.destroy()) : createHttpServer(handlers[kind]);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    port,
    stop: () =>
      new Promise<void>((resolve) => {
        if ('closeAllConnections' in server) server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const handlers: Record<Exclude<Kind, 'busy-port'>, Parameters<typeof createHttpServer>[1]> = {
  // Headers, then one `data:` line that never ends, as fast as the client takes it.
  'endless-sse': (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    res.write('event: snapshot\ndata: ');
    const chunk = 'x'.repeat(64 * 1024);
    const pump = (): void => {
      while (!res.destroyed && res.write(chunk));
      if (!res.destroyed) res.once('drain', pump);
    };
    res.on('close', () => res.removeAllListeners('drain'));
    pump();
  },
  // A plain HTTP server: what `https://` meets when the mirror has no TLS.
  'plain-http': (_req, res) => {
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('not here\n');
  },
};
