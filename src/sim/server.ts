import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { SimClock } from './clock.js';
import { faultResponse } from './fault-responses.js';
import type { Faults } from './faults.js';
import { githubEnvelope } from './github/index.js';
import { permissionRefusal } from './github/permissions.js';
import type { RateLimit } from './github/rate-limit.js';
import { json, type SimRequest, type SimResponse, type Target } from './http.js';
import { targetOf, type Router } from './router.js';
import type { StatsRecorder } from './stats.js';

export interface ServerParts {
  readonly router: Router;
  readonly clock: SimClock;
  readonly faults: Faults;
  readonly stats: StatsRecorder;
  readonly rate: RateLimit;
  readonly baseUrl: () => string;
  /** Lets the world catch up with its clock (things due on their own) before a request is answered. */
  readonly beforeAnswer?: (now: number) => void;
}

const MAX_BODY = 1_000_000;

/** The HTTP front: routing, faults, GitHub's envelope, serialisation. Knows nothing about the world itself. */
export class SimServer {
  readonly http: Server;
  private readonly timers = new Set<NodeJS.Timeout>();
  private closed = false;

  constructor(private readonly parts: ServerParts) {
    this.http = createServer((req, res) => {
      this.handle(req, res).catch((error: unknown) => {
        // A bug in the sim must not look like a healthy service: answer 500 and say what broke.
        if (!res.headersSent) send(res, json(500, { message: `sim error: ${error instanceof Error ? error.message : String(error)}` }), parts.clock.now());
        else res.destroy();
      });
    });
    // Longer than clients' keep-alive (Node's agent: 5 s, undici: 4 s) so the client closes idle sockets first.
    this.http.keepAliveTimeout = 65_000;
    this.http.headersTimeout = 66_000;
  }

  listen(port: number, host: string): Promise<number> {
    return new Promise((resolve, reject) => {
      this.http.once('error', reject);
      this.http.listen(port, host, () => {
        this.http.off('error', reject);
        const address = this.http.address();
        resolve(typeof address === 'object' && address ? address.port : port);
      });
    });
  }

  /** Stops listening, drops every connection (including requests a timeout fault is holding), clears timers. */
  close(): Promise<void> {
    if (this.closed) return Promise.resolve();
    this.closed = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    return new Promise((resolve) => {
      this.http.close(() => resolve());
      this.http.closeAllConnections();
    });
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const { router, clock, faults, stats, rate } = this.parts;
    const method = (req.method ?? 'GET').toUpperCase();
    const url = new URL(req.url ?? '/', 'http://sim.invalid');
    const target = targetOf(url.pathname);
    const { match, methodMismatch } = router.match(method, url.pathname);
    if (target !== 'control') stats.request(match ? `${method} ${match.route.pattern}` : `${method} (no route)`);
    const raw = await readBody(req);
    let lost = false;
    if (target && target !== 'control' && target !== 'web') {
      const rule = faults.pick(target, method, url.pathname);
      if (rule) {
        stats.faultsInjected += 1;
        if (rule.kind === 'timeout') return; // Accept and never answer; close() drops the socket.
        if (rule.kind === 'slow') await this.sleep(rule.delayMs);
        else if (rule.kind === 'lost') lost = true;
        else {
          // Fault answers carry GitHub's rate headers too, but spend nothing (a refused request is not counted).
          const response = faultResponse(rule, target, rate);
          return send(res, target === 'github' ? { ...response, headers: { ...rate.headers(), ...response.headers } } : response, clock.now());
        }
        if (this.closed) return;
      }
    }
    const now = clock.now();
    this.parts.beforeAnswer?.(now);
    let body: unknown;
    try {
      body = raw.length > 0 ? JSON.parse(raw) : undefined;
    } catch {
      return send(res, finish(target, { method, path: url.pathname, params: {}, query: url.searchParams, headers: req.headers, body: undefined, now, baseUrl: this.parts.baseUrl() }, badJson(target), this.parts), now);
    }
    const simReq: SimRequest = { method, path: url.pathname, params: match?.params ?? {}, query: url.searchParams, headers: req.headers, body, now, baseUrl: this.parts.baseUrl() };
    const refused = target === 'github' && match ? permissionRefusal(method, match.route.pattern, req.headers.authorization) : undefined;
    const out = refused ?? (match ? await match.route.handler(simReq) : noRoute(target, methodMismatch));
    const answer = finish(target, simReq, out, this.parts);
    // The effect has happened; the answer never arrives.
    if (lost) return void res.destroy();
    send(res, answer, now);
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const t = setTimeout(() => {
        this.timers.delete(t);
        resolve();
      }, ms);
      this.timers.add(t);
    });
  }
}

function finish(target: Target | undefined, req: SimRequest, res: SimResponse, parts: ServerParts): SimResponse {
  return target === 'github' ? githubEnvelope(req, res, parts.rate, () => (parts.stats.notModified += 1)) : res;
}

function noRoute(target: Target | undefined, methodMismatch: boolean): SimResponse {
  switch (target) {
    case 'github':
      return json(404, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest', status: '404' });
    case 'travis':
      return methodMismatch ? json(405, { '@type': 'error', error_type: 'method_not_allowed', error_message: 'method not allowed' }) : json(404, { '@type': 'error', error_type: 'not_found', error_message: 'resource not found (or insufficient access)' });
    default:
      return json(methodMismatch ? 405 : 404, { error: methodMismatch ? 'method not allowed' : 'not found' });
  }
}

function badJson(target: Target | undefined): SimResponse {
  if (target === 'github') return json(400, { message: 'Problems parsing JSON', documentation_url: 'https://docs.github.com/rest', status: '400' });
  if (target === 'travis') return json(400, { '@type': 'error', error_type: 'wrong_params', error_message: 'request body is not valid JSON' });
  return json(400, { error: 'request body is not valid JSON' });
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) req.destroy(new Error('request body too large'));
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, out: SimResponse, now: number): void {
  if (res.destroyed) return;
  const body = out.json !== undefined ? JSON.stringify(out.json) : out.text;
  const contentType = out.json !== undefined ? 'application/json; charset=utf-8' : out.contentType;
  const headers: Record<string, string> = {
    // Servers say what time it is; this one says the sim's time, so a client can tell how far the world has run.
    date: new Date(now).toUTCString(),
    'x-sim-now': String(now),
    ...(contentType && body !== undefined && out.status !== 304 ? { 'content-type': contentType } : {}),
    ...out.headers,
  };
  if (body !== undefined && out.status !== 304 && out.status !== 204) headers['content-length'] = String(Buffer.byteLength(body));
  res.writeHead(out.status, headers);
  res.end(out.status === 304 || out.status === 204 ? undefined : body);
}
