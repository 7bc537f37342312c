import { createStore, type StoreApi } from 'zustand/vanilla';

/** The watcher's link to the feed, for the header. */
export interface LinkStatus {
  readonly state: 'live' | 'reconnecting';
  /** Epoch ms of the last message from the feed: while not live, the view is this old. */
  readonly lastSeenAt: number;
  /** Why the link dropped, in words ("connection lost", "the primary cockpit stopped"). */
  readonly reason?: string;
  /** Reconnection attempts since the link was last live. */
  readonly attempt: number;
}

/** The primary's side of a mirror: where it serves and how many watch. */
export interface ServingLink {
  readonly role: 'serving';
  readonly url: string;
  readonly watchers: number;
}

/** A watcher's side: whose cockpit it mirrors, where their cursor is, and whether the view is live. */
export interface WatchingLink {
  readonly role: 'watching';
  readonly url: string;
  /** The primary's login when its config names one. */
  readonly driver: string | undefined;
  /** The checklist row the primary has selected. */
  readonly primaryCursor: number;
  readonly link: LinkStatus;
  /** Lines of the release's journal replicated in this machine's state directory (see replica.ts), once there are any. */
  readonly replicaLines?: number;
}

export type MirrorLink = ServingLink | WatchingLink;
export type MirrorLinkStore = StoreApi<MirrorLink>;

/** A small store of its own: a mirror's connection is not release data and must never enter the feed. */
export function createMirrorLinkStore(initial: MirrorLink): MirrorLinkStore {
  return createStore<MirrorLink>()(() => initial);
}
