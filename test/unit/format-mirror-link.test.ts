import { describe, expect, it } from 'vitest';
import { disconnectedText, driverBanner, replicaText, watchersText, type WatchingLinkView } from '../../src/format/mirror-link.js';

const watching = (over: Partial<WatchingLinkView> = {}): WatchingLinkView => ({ role: 'watching', driver: 'alice', primaryCursor: 3, link: { state: 'live', lastSeenAt: 0 }, ...over });

describe("the header's words about a mirror", () => {
  it("names the driver, and the primary's step only when the watcher looks elsewhere", () => {
    expect(driverBanner(watching(), 3)).toBe(' alice driving ·');
    expect(driverBanner(watching(), 0)).toBe(' alice driving (on step 4) ·');
    expect(driverBanner(watching({ driver: undefined }), undefined)).toBe(' the primary driving ·');
    expect(driverBanner({ role: 'serving', watchers: 2 }, 0)).toBeUndefined();
    expect(driverBanner(undefined, 0)).toBeUndefined();
  });

  it("counts a primary's watchers and a watcher's replicated journal lines", () => {
    expect(watchersText({ role: 'serving', watchers: 2 })).toBe(' · mirror 2 watching');
    expect(watchersText(watching())).toBeUndefined();
    expect(replicaText(watching({ replicaLines: 42 }))).toBe(' · journal 42');
    expect(replicaText(watching())).toBeUndefined();
  });

  it('says how long a stale view has been stale, and nothing while the link is live', () => {
    expect(disconnectedText(watching({ link: { state: 'reconnecting', lastSeenAt: 1_000 } }), 13_000)).toBe(' disconnected 12s — reconnecting ');
    expect(disconnectedText(watching(), 13_000)).toBeUndefined();
    expect(disconnectedText({ role: 'serving', watchers: 0 }, 13_000)).toBeUndefined();
  });
});
