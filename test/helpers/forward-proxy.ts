import { createServer, request, type Server } from 'node:http';
import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';

/** One request the proxy passed on: CONNECT tunnels name host:port only; forwarded requests their whole URL. */
export interface ProxiedRequest {
  readonly method: string;
  readonly host: string;
  readonly path?: string;
}

export interface ForwardProxy {
  readonly url: string;
  readonly seen: ProxiedRequest[];
  close(): Promise<void>;
}

/**
 * A real HTTP proxy on loopback, as a corporate one is to the cockpit: it tunnels CONNECT and forwards
 * absolute-form requests. `hosts` maps names no resolver knows to where they really listen, so a request
 * that did not go through the proxy cannot reach its host at all.
 */
export async function startForwardProxy(hosts: Readonly<Record<string, string>>): Promise<ForwardProxy> {
  const seen: ProxiedRequest[] = [];
  const resolve = (host: string): string => hosts[host] ?? host;
  const server: Server = createServer((req, res) => {
    const target = new URL(req.url ?? '/');
    seen.push({ method: req.method ?? 'GET', host: target.host, path: target.pathname });
    const upstream = request({ host: resolve(target.hostname), port: target.port, method: req.method, path: target.pathname + target.search, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => res.writeHead(502).end());
    req.pipe(upstream);
  });
  server.on('connect', (req, client, head) => {
    const [host = '', port = '443'] = (req.url ?? '').split(':');
    seen.push({ method: 'CONNECT', host: req.url ?? '' });
    const upstream = connect(Number(port), resolve(host), () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.on('error', () => client.end('HTTP/1.1 502 Bad Gateway\r\n\r\n'));
    client.on('error', () => upstream.destroy());
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}

/**
 * HTTPS in front of a plain HTTP server, with a certificate no system trusts (test/fixtures/tls, signed by
 * itself), as a company's own CA signs an internal GitHub Enterprise or a TLS-inspecting proxy's.
 */
export async function startTlsFront(targetPort: number, tls: { key: string; cert: string }): Promise<{ port: number; close(): Promise<void> }> {
  const { createServer: createHttpsServer } = await import('node:https');
  const server = createHttpsServer(tls, (req, res) => {
    const upstream = request({ host: '127.0.0.1', port: targetPort, method: req.method, path: req.url, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => res.writeHead(502).end());
    req.pipe(upstream);
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}
