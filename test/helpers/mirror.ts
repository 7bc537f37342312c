import { request, type ClientRequest, type IncomingMessage } from 'node:http';
import { applyPatch } from '../../src/mirror/diff.js';
import { parseFeedEvent, type FeedMessage, type FeedState } from '../../src/mirror/protocol.js';
import { createSseParser } from '../../src/mirror/sse.js';

export interface Answer {
  readonly status: number;
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
}

/** One plain HTTP request (not a feed): the status, headers and body. */
export function ask(url: string, options: { readonly method?: string; readonly headers?: Record<string, string> } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: options.method ?? 'GET', headers: options.headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** A plain SSE client that keeps every byte and every message, and follows the state as a watcher would. */
export interface FeedRecorder {
  readonly status: number;
  /** Everything received, as text. */
  raw(): string;
  readonly messages: FeedMessage[];
  /** The state after the messages so far (snapshot, then patches applied in order). */
  state(): FeedState | undefined;
  /** Resolves once the predicate holds for the state; rejects after `timeoutMs`. */
  waitFor(predicate: (state: FeedState) => boolean, what: string, timeoutMs?: number): Promise<FeedState>;
  close(): void;
}

export function recordFeed(url: string, token: string | undefined): Promise<FeedRecorder> {
  return new Promise((resolve, reject) => {
    let raw = '';
    let state: FeedState | undefined;
    const messages: FeedMessage[] = [];
    const waiters = new Set<() => void>();
    const parser = createSseParser();
    const req: ClientRequest = request(`${url}/feed`, { headers: token === undefined ? {} : { authorization: `Bearer ${token}` } }, (res) => {
      res.setEncoding('utf8');
      res.on('error', () => undefined);
      res.on('data', (chunk: string) => {
        raw += chunk;
        for (const event of parser.push(chunk)) {
          const message = parseFeedEvent(event.event, event.data);
          if (!message) continue;
          messages.push(message);
          if (message.event === 'snapshot') state = message.message.state;
          if (message.event === 'patch' && state) state = applyPatch(state, message.message.ops);
        }
        for (const waiter of [...waiters]) waiter();
      });
      resolve({
        status: res.statusCode ?? 0,
        raw: () => raw,
        messages,
        state: () => state,
        waitFor(predicate, what, timeoutMs = 10_000) {
          return new Promise((done, fail) => {
            const check = () => {
              if (state && predicate(state)) {
                waiters.delete(check);
                clearTimeout(timer);
                done(state);
              }
            };
            const timer = setTimeout(() => {
              waiters.delete(check);
              fail(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`));
            }, timeoutMs);
            waiters.add(check);
            check();
          });
        },
        close: () => req.destroy(),
      });
    });
    req.on('error', reject);
    req.end();
  });
}

/** Polls `predicate` every 10 ms until it holds. */
export async function until(predicate: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
