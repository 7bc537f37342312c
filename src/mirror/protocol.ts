import type { PatchOp } from './diff.js';
import type { CockpitState, PaneId, UiState } from '../store/state.js';

/**
 * The mirror feed, version 1: server-sent events on `GET /feed` with `Authorization: Bearer <token>`.
 *
 *   event: snapshot   data: {"v":1,"seq":N,"state":FeedState}        on connect, and instead of a patch that would be larger
 *   event: patch      data: {"v":1,"seq":N,"ops":[PatchOp...]}       the change from seq N-1 to N (see diff.ts)
 *   event: heartbeat  data: {"v":1,"seq":N,"at":epochMs}             every 15 s; N is the latest seq sent
 *   event: end        data: {"v":1,"seq":N,"reason":"..."}           the primary's cockpit is stopping
 *
 * Every message carries the version `v`; a watcher that does not speak it stops with a clear message. A watcher
 * that sees a patch whose seq is not its seq + 1 (or a heartbeat naming a later seq) has missed something and
 * reconnects for a fresh snapshot. The SSE `id:` field is the seq too.
 *
 * The release's journal travels beside the screen, as an extension of version 1 (a watcher that does not know
 * the event skips it, as it skips any unknown event):
 *
 *   event: journal    id: RELEASE:LINES    data: {"v":1,"seq":N,"release":"...","from":K,"lines":["..."],"lease":Lease|null}
 *
 * `lines` are the journal's complete lines K+1.. as the primary's disk has them (already scrubbed of tokens);
 * `lease` is who holds the release's lease there (null: nobody, the primary let go). A watcher that sends
 * `Last-Event-ID: RELEASE:LINES` on connecting gets, after its snapshot, only the lines after LINES of that
 * release; without it (or for another release, or more lines than there are) it gets them all from line 1.
 * A journal event does not move `seq`: the screen's sequence and the journal's are counted apart.
 */
export const FEED_VERSION = 1;

/** Where the feed is served, relative to the mirror's URL. */
export const FEED_PATH = '/feed';

/** The primary's open dialog as a watcher may show it: only what it asks or shows, never anything local to it. */
export type FeedDialog =
  | { readonly kind: 'confirm'; readonly prompt: string }
  | { readonly kind: 'skip'; readonly stepId: string; readonly reason: string }
  | { readonly kind: 'candidate' }
  | { readonly kind: 'log'; readonly jobId: number; readonly title: string };

/** What the person at the primary's keyboard is looking at (their cursor is `checklist.cursor`). */
export interface FeedPrimary {
  /** Who drives: the configured primary's login, when the config names one. */
  readonly driver: string | undefined;
  readonly focus: PaneId;
  readonly dialog: FeedDialog | null;
  readonly notice: UiState['notice'];
}

/**
 * The store's data as watchers receive it. Left out: the clock (`now`: each side keeps its own, so ticks cost
 * no traffic), the primary's own pane cursors, help overlay and anything else local to its screen, and the log
 * tail unless the primary has it open. The store holds no token, and neither does this.
 */
export type FeedState = Pick<CockpitState, 'meta' | 'sources' | 'quota' | 'environments' | 'diffs' | 'candidates' | 'promotion' | 'rollout' | 'checklist' | 'log'> & {
  readonly primary: FeedPrimary;
};

export interface SnapshotMessage {
  readonly v: number;
  readonly seq: number;
  readonly state: FeedState;
}

export interface PatchMessage {
  readonly v: number;
  readonly seq: number;
  readonly ops: readonly PatchOp[];
}

export interface HeartbeatMessage {
  readonly v: number;
  readonly seq: number;
  readonly at: number;
}

export interface EndMessage {
  readonly v: number;
  readonly seq: number;
  readonly reason: string;
}

/** The primary's lease as a watcher may keep it: who drives, from where, since when (no heartbeat: the feed is the heartbeat). */
export interface FeedLease {
  readonly driver: string;
  readonly host: string;
  readonly pid: number;
  readonly started: string;
}

export interface JournalMessage {
  readonly v: number;
  readonly seq: number;
  readonly release: string;
  /** How many lines came before these. */
  readonly from: number;
  readonly lines: readonly string[];
  readonly lease: FeedLease | null;
}

/** The `id:` of a journal event, and the `Last-Event-ID` that asks for what follows it. */
export const journalEventId = (release: string, lines: number): string => `${release}:${lines}`;

/** `RELEASE:LINES` from a Last-Event-ID; anything else asks for the whole journal. */
export function parseJournalEventId(text: string | undefined): { readonly release: string; readonly lines: number } | undefined {
  const match = /^([A-Za-z0-9][A-Za-z0-9._-]{0,99}):(\d{1,9})$/.exec(text?.trim() ?? '');
  return match ? { release: match[1] as string, lines: Number(match[2]) } : undefined;
}

export type FeedMessage =
  | { readonly event: 'snapshot'; readonly message: SnapshotMessage }
  | { readonly event: 'patch'; readonly message: PatchMessage }
  | { readonly event: 'heartbeat'; readonly message: HeartbeatMessage }
  | { readonly event: 'end'; readonly message: EndMessage }
  | { readonly event: 'journal'; readonly message: JournalMessage };

/** One SSE event as text: `event`, `id` (the seq) and a single-line JSON `data`. */
export function encodeEvent<E extends FeedMessage['event']>(event: E, message: Extract<FeedMessage, { readonly event: E }>['message']): string {
  const id = event === 'journal' ? journalEventId((message as JournalMessage).release, (message as JournalMessage).from + (message as JournalMessage).lines.length) : String(message.seq);
  return `event: ${event}\nid: ${id}\ndata: ${JSON.stringify(message)}\n\n`;
}

/** Why a message cannot be used; `version` means the two ends speak different feeds. */
export class FeedProtocolError extends Error {
  constructor(
    message: string,
    readonly isVersionMismatch = false,
  ) {
    super(message);
    this.name = 'FeedProtocolError';
  }
}

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/** A light shape check of a snapshot's state: enough that the screen can be built from it. */
export function isFeedState(x: unknown): x is FeedState {
  if (!isObject(x)) return false;
  const { meta, checklist, rollout, sources, primary, promotion, environments, candidates } = x;
  if (!isObject(meta) || typeof meta['releaseName'] !== 'string') return false;
  if (!isObject(checklist) || !isObject(checklist['playbook']) || !Array.isArray(checklist['steps']) || typeof checklist['cursor'] !== 'number') return false;
  if (!Array.isArray((checklist['playbook'] as Record<string, unknown>)['steps'])) return false;
  if (!isObject(rollout) || !Array.isArray(rollout['ppcs'])) return false;
  return isObject(sources) && isObject(primary) && isObject(promotion) && isObject(environments) && isObject(candidates);
}

/**
 * Parses one SSE event of the feed. Unknown event names are ignored (undefined) so a later version may add
 * some; a different `v` is a version mismatch; anything malformed throws FeedProtocolError.
 */
export function parseFeedEvent(event: string, data: string): FeedMessage | undefined {
  if (event !== 'snapshot' && event !== 'patch' && event !== 'heartbeat' && event !== 'end' && event !== 'journal') return undefined;
  let body: unknown;
  try {
    body = JSON.parse(data);
  } catch {
    throw new FeedProtocolError(`the feed sent a ${event} that is not JSON`);
  }
  if (!isObject(body)) throw new FeedProtocolError(`the feed sent a ${event} that is not an object`);
  if (body['v'] !== FEED_VERSION) {
    throw new FeedProtocolError(`the mirror speaks feed version ${JSON.stringify(body['v'] ?? null)} and this cockpit speaks version ${FEED_VERSION}: run the same release-cockpit version on both ends`, true);
  }
  if (typeof body['seq'] !== 'number' || !Number.isSafeInteger(body['seq'])) throw new FeedProtocolError(`the feed sent a ${event} without a sequence number`);
  switch (event) {
    case 'snapshot':
      if (!isFeedState(body['state'])) throw new FeedProtocolError('the feed sent a snapshot that is not a cockpit state');
      return { event, message: body as unknown as SnapshotMessage };
    case 'patch':
      if (!Array.isArray(body['ops'])) throw new FeedProtocolError('the feed sent a patch without ops');
      return { event, message: body as unknown as PatchMessage };
    case 'heartbeat':
      return { event, message: { v: FEED_VERSION, seq: body['seq'], at: typeof body['at'] === 'number' ? body['at'] : 0 } };
    case 'end':
      return { event, message: { v: FEED_VERSION, seq: body['seq'], reason: typeof body['reason'] === 'string' ? body['reason'] : 'the mirror stopped' } };
    case 'journal':
      return { event, message: journalMessage(body, body['seq']) };
  }
}

function journalMessage(body: Record<string, unknown>, seq: number): JournalMessage {
  const { release, from, lines, lease } = body;
  if (typeof release !== 'string' || !parseJournalEventId(`${release}:0`)) throw new FeedProtocolError('the feed sent journal lines without a release id');
  if (typeof from !== 'number' || !Number.isSafeInteger(from) || from < 0) throw new FeedProtocolError('the feed sent journal lines without their position');
  // A line is one JSON object: a newline inside one would split it in two on the watcher's disk.
  if (!Array.isArray(lines) || !lines.every((l) => typeof l === 'string' && !/[\r\n]/.test(l))) throw new FeedProtocolError('the feed sent journal lines that are not lines');
  return { v: FEED_VERSION, seq, release, from, lines: lines as string[], lease: isFeedLease(lease) ? lease : null };
}

function isFeedLease(x: unknown): x is FeedLease {
  return isObject(x) && typeof x['driver'] === 'string' && typeof x['host'] === 'string' && typeof x['pid'] === 'number' && typeof x['started'] === 'string';
}
