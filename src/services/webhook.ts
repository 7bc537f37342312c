import { UsageError } from '../exit-codes.js';
import type { TeamEvent, TeamEventKind } from '../domain/team-events.js';

/** `COCKPIT_WEBHOOK_URL`: where the team hears when a human must act. `COCKPIT_WEBHOOK_FORMAT`: slack (default) or json. */
export const WEBHOOK_URL_ENV = 'COCKPIT_WEBHOOK_URL';
export const WEBHOOK_FORMAT_ENV = 'COCKPIT_WEBHOOK_FORMAT';

export type WebhookFormat = 'slack' | 'json';

export interface WebhookOptions {
  readonly url: URL;
  readonly format: WebhookFormat;
  /** Never sent: replaced wherever they would appear (the services' and the mirror's tokens). */
  readonly secrets: readonly (string | undefined)[];
  /** The same kind of message at most once per this long; the next one says how many were held back. @default 30_000 */
  readonly gapMs?: number;
  /** A receiver that has not answered by then is given up on. @default 5_000 */
  readonly timeoutMs?: number;
  /**
   * More requests than this waiting on a slow receiver: new messages are dropped, never queued. Each kind sends at
   * most once per gap and gives up after the timeout, so only a receiver that hangs ever reaches it. @default 8
   */
  readonly maxInFlight?: number;
  readonly now?: () => number;
}

export interface Webhook {
  /** Returns at once: the request runs on its own, and a receiver that fails or hangs costs the cockpit nothing. */
  send(event: TeamEvent, context: { readonly release: string; readonly repo: string }): void;
  stats(): { readonly sent: number; readonly failed: number; readonly held: number; readonly dropped: number };
  /** Waits (briefly) for requests still running, e.g. "release complete" on the way out. */
  settle(): Promise<void>;
}

/** The webhook the environment names, or none; a URL that is not http(s) is a usage error (exit 2), never printed. */
export function webhookFromEnv(env: NodeJS.ProcessEnv): { readonly url: URL; readonly format: WebhookFormat } | undefined {
  const text = env[WEBHOOK_URL_ENV]?.trim();
  if (!text) return undefined;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    // The URL itself is a secret (Slack's carry their key): it is not repeated back.
    throw new UsageError(`${WEBHOOK_URL_ENV} is not a URL`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new UsageError(`${WEBHOOK_URL_ENV} must be an http(s) URL`);
  const format = (env[WEBHOOK_FORMAT_ENV]?.trim() || 'slack') as WebhookFormat;
  if (format !== 'slack' && format !== 'json') throw new UsageError(`${WEBHOOK_FORMAT_ENV} must be slack or json, got "${format}"`);
  return { url, format };
}

/** Anything that looks like a local path (`/home/…`, `~/…`, `C:\…`) is cut out of a message. */
const PATH = /(?:~|\B)\/(?:[\w.-]+\/)+[\w.-]*|[A-Za-z]:\\[\w\\. -]+/g;

export function createWebhook(options: WebhookOptions): Webhook {
  const gapMs = options.gapMs ?? 30_000;
  const timeoutMs = options.timeoutMs ?? 5_000;
  const maxInFlight = options.maxInFlight ?? 8;
  const now = options.now ?? Date.now;
  const secrets = options.secrets.filter((s): s is string => typeof s === 'string' && s.length >= 4);
  const last = new Map<TeamEventKind, number>();
  const heldBack = new Map<TeamEventKind, number>();
  const running = new Set<Promise<void>>();
  const counts = { sent: 0, failed: 0, held: 0, dropped: 0 };

  const clean = (text: string): string => {
    let out = text.replace(PATH, '[path]');
    for (const secret of secrets) out = out.split(secret).join('[redacted]');
    return out;
  };

  return {
    send(event, context) {
      const at = now();
      const previous = last.get(event.kind);
      if (previous !== undefined && at - previous < gapMs) {
        counts.held += 1;
        heldBack.set(event.kind, (heldBack.get(event.kind) ?? 0) + 1);
        return;
      }
      if (running.size >= maxInFlight) {
        counts.dropped += 1;
        return;
      }
      last.set(event.kind, at);
      const more = heldBack.get(event.kind) ?? 0;
      heldBack.delete(event.kind);
      const text = clean(`${event.text}${more > 0 ? ` (and ${more} more like it since the last message)` : ''}`);
      const body = options.format === 'slack' ? { text } : { kind: event.kind, text, release: clean(context.release), repo: context.repo, at: new Date(at).toISOString() };
      const request = fetch(options.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
        redirect: 'error',
      })
        .then(async (res) => {
          await res.body?.cancel();
          if (res.ok) counts.sent += 1;
          else counts.failed += 1;
        })
        .catch(() => {
          counts.failed += 1;
        })
        .finally(() => running.delete(request));
      running.add(request);
    },
    stats: () => ({ ...counts }),
    async settle() {
      await Promise.race([Promise.allSettled([...running]), new Promise((resolve) => setTimeout(resolve, timeoutMs).unref())]);
    },
  };
}
