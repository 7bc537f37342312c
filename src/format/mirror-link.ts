import { formatDuration } from './duration.js';

// What the header says about a mirror. The views are the part of mirror/link.ts's MirrorLink the header reads,
// declared here so that ui/ shows a mirror without importing mirror/ (README: "Who may import whom"); a
// MirrorLink satisfies them as it is, which the modes that hand one to the UI check when they compile.

/** The primary's side: how many watch. */
export interface ServingLinkView {
  readonly role: 'serving';
  readonly watchers: number;
}

/** A watcher's side: whose cockpit it mirrors, where their cursor is, whether the view is live. */
export interface WatchingLinkView {
  readonly role: 'watching';
  readonly driver: string | undefined;
  readonly primaryCursor: number;
  readonly link: { readonly state: 'live' | 'reconnecting'; readonly lastSeenAt: number };
  readonly replicaLines?: number;
}

export type MirrorLinkView = ServingLinkView | WatchingLinkView;

/** " alice driving (on step 4) ·" on a watcher whose cursor is elsewhere; undefined off a watcher. */
export function driverBanner(mirror: MirrorLinkView | undefined, cursor: number | undefined): string | undefined {
  if (mirror?.role !== 'watching') return undefined;
  const away = cursor !== undefined && cursor !== mirror.primaryCursor ? ` (on step ${mirror.primaryCursor + 1})` : '';
  return ` ${mirror.driver ?? 'the primary'} driving${away} ·`;
}

/** " · mirror 2 watching" on a primary that serves. */
export function watchersText(mirror: MirrorLinkView | undefined): string | undefined {
  return mirror?.role === 'serving' ? ` · mirror ${mirror.watchers} watching` : undefined;
}

/** " · journal 42" on a watcher once it replicates the journal. */
export function replicaText(mirror: MirrorLinkView | undefined): string | undefined {
  return mirror?.role === 'watching' && mirror.replicaLines !== undefined ? ` · journal ${mirror.replicaLines}` : undefined;
}

/** " disconnected 12s — reconnecting " on a watcher whose view is stale; undefined while the link is live. */
export function disconnectedText(mirror: MirrorLinkView | undefined, now: number): string | undefined {
  if (mirror?.role !== 'watching' || mirror.link.state === 'live') return undefined;
  return ` disconnected ${formatDuration(now - mirror.link.lastSeenAt)} — reconnecting `;
}
