import { describe, expect, it } from 'vitest';
import { feedStateOf } from '../../src/mirror/feed-state.js';
import { statusFromFeed } from '../../src/modes/status/from-feed.js';
import { environment, freshStore, NOW, ppcs } from '../helpers/ui-fixtures.js';

const ENVS = [environment('testing'), environment('staging'), environment('production')];

describe('status --from a mirror: what the primary has not read is never green', () => {
  it('a primary that has not read the environments or candidates yet gives exit 3, saying so', () => {
    const store = freshStore({ meta: { timezone: 'UTC' } });
    const report = statusFromFeed(feedStateOf(store.getState()), NOW);
    expect(report.verdict).toEqual({ code: 3, reasons: ["GitHub not read (the primary has not read it yet): the environments' heads, CI and pins; the staging commits production lacks and their CI"] });
  });

  it('a last read that failed is not read either, even with older data still shown', () => {
    const store = freshStore();
    store.getState().environmentsRead({ status: 'error', message: 'GitHub: rate limited', data: ENVS, at: NOW });
    store.getState().candidatesRead({ status: 'ready', data: [], at: NOW });
    const report = statusFromFeed(feedStateOf(store.getState()), NOW);
    expect(report.verdict.code).toBe(3);
    expect(report.verdict.reasons).toEqual(["GitHub not read (the primary's last read failed: GitHub: rate limited): the environments' heads, CI and pins"]);
    expect(report.environments).toHaveLength(3);
  });

  it('a customer PPC the primary could not read is named, exit 3', () => {
    const store = freshStore();
    store.getState().environmentsRead({ status: 'ready', data: ENVS, at: NOW });
    store.getState().candidatesRead({ status: 'ready', data: [], at: NOW });
    store.getState().fleetRead(ppcs(3, (i) => (i === 1 ? { state: 'done', detail: 'unreachable: HTTP 503' } : { state: 'done' })));
    const report = statusFromFeed(feedStateOf(store.getState()), NOW);
    expect(report.verdict.code).toBe(3);
    expect(report.verdict.reasons).toEqual(["customer PPCs not read: what one runs (ppc-0002 not answering)"]);
  });

  it('everything read and green: exit 0', () => {
    const store = freshStore();
    store.getState().environmentsRead({ status: 'ready', data: ENVS, at: NOW });
    store.getState().candidatesRead({ status: 'ready', data: [], at: NOW });
    expect(statusFromFeed(feedStateOf(store.getState()), NOW).verdict).toEqual({ code: 0, reasons: [] });
  });
});
