import { describe, expect, it } from 'vitest';
import { configSchema } from '../../src/config/schema.js';
import type { CustomerPpc } from '../../src/domain/ppc.js';
import { fleetTarget, mergeFleet } from '../../src/pollers/fleet-poller.js';
import { environment, freshStore, sha } from '../helpers/ui-fixtures.js';
import { keepTail } from '../../src/pollers/log-poller.js';
import { mapLimit } from '../../src/pollers/map-limit.js';
import { classifyFleet, isAtRevision } from '../../src/pollers/read-fleet.js';

const config = configSchema.parse({
  service: { repo: 'acme/service' },
  environments: [
    { name: 'staging', branch: 'staging', site: { url: 'http://127.0.0.1:1/sites/staging/version' } },
    { name: 'production', branch: 'production', site: { url: 'http://127.0.0.1:1/sites/production/version' } },
  ],
  components: { ppc: { project: 'github.com/acme/ppc' }, sdk: { variable: 'SDK_VERSION' } },
  ppcs: {
    trigger: { repo: 'acme/ppc-updates' },
    customers: [
      { id: 'acme', url: 'http://127.0.0.1:1/ppcs/acme/version' },
      { id: 'globex', name: 'Globex', url: 'http://127.0.0.1:1/ppcs/globex/version' },
      { id: 'initech', url: 'http://127.0.0.1:1/ppcs/initech/version' },
    ],
  },
});

const NEW = 'd4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0c1d2e3';
const OLD = 'a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0';

describe('classifyFleet', () => {
  it('marks a PPC done when it runs the target (short or full revision) and pending otherwise; silence is data', () => {
    const ppcs = classifyFleet(
      config,
      [
        { id: 'acme', revision: NEW.slice(0, 7), healthy: true },
        { id: 'globex', revision: OLD, healthy: true },
        { id: 'initech', revision: undefined, healthy: false, detail: 'cannot connect (ECONNREFUSED)' },
      ],
      NEW,
    );
    expect(ppcs.map((p) => [p.id, p.name, p.state])).toEqual([
      ['acme', 'acme', 'done'],
      ['globex', 'Globex', 'pending'],
      ['initech', 'initech', 'pending'],
    ]);
    expect(ppcs[2]?.detail).toBe('unreachable: cannot connect (ECONNREFUSED)');
  });

  it('never calls a too-short or unknown revision a match', () => {
    expect(isAtRevision('d4e5', NEW)).toBe(false);
    expect(isAtRevision(undefined, NEW)).toBe(false);
    expect(isAtRevision(NEW, undefined)).toBe(false);
    expect(isAtRevision(` ${NEW.toUpperCase()} `, NEW)).toBe(true);
  });
});

describe('mergeFleet', () => {
  const row = (id: string, state: CustomerPpc['state'], current = OLD): CustomerPpc => ({ id, name: id, current, target: NEW, state });

  it('keeps the rollout engine’s states until a PPC reaches the target', () => {
    const existing = [row('acme', 'updating'), row('globex', 'failed'), row('initech', 'done', NEW)];
    const read = [row('acme', 'pending'), row('globex', 'done', NEW), row('initech', 'pending')];
    expect(mergeFleet(existing, read).map((p) => p.state)).toEqual(['updating', 'done', 'pending']);
  });

  it('judges a PPC that did not answer by what it last reported: one updated already stays done', () => {
    const existing = [row('acme', 'done', NEW), row('globex', 'verifying'), row('initech', 'pending')];
    const silent = (id: string): CustomerPpc => ({ id, name: id, current: undefined, target: NEW, state: 'pending', detail: 'unreachable: HTTP 503' });
    const merged = mergeFleet(existing, [silent('acme'), silent('globex'), silent('initech')]);
    expect(merged.map((p) => [p.id, p.state, p.current])).toEqual([
      ['acme', 'done', NEW],
      ['globex', 'verifying', OLD],
      ['initech', 'pending', OLD],
    ]);
    expect(merged[0]?.detail).toBe('unreachable: HTTP 503');
  });

  it('takes a read of some PPCs only for those, and leaves every other row exactly as it was', () => {
    const existing = [row('acme', 'verifying'), row('globex', 'verifying'), row('initech', 'pending')];
    const merged = mergeFleet(existing, [row('globex', 'done', NEW)], true);
    expect(merged.map((p) => [p.id, p.state, p.current])).toEqual([
      ['acme', 'verifying', OLD],
      ['globex', 'done', NEW],
      ['initech', 'pending', OLD],
    ]);
    expect(merged[0]).toBe(existing[0]);
    expect(merged[2]).toBe(existing[2]);
  });
});

describe('mapLimit', () => {
  it('never has more than the limit in flight and keeps input order', async () => {
    let inFlight = 0;
    let peak = 0;
    const items = Array.from({ length: 50 }, (_, i) => i);
    const out = await mapLimit(items, 8, async (i) => {
      inFlight += 1;
      peak = Math.max(peak, inFlight);
      await new Promise((r) => setImmediate(r));
      inFlight -= 1;
      return i * 2;
    });
    expect(peak).toBe(8);
    expect(out).toEqual(items.map((i) => i * 2));
  });
});

describe('keepTail', () => {
  it('keeps the end of a long log, starting at a whole line', () => {
    const log = Array.from({ length: 100 }, (_, i) => `line ${i}`).join('\n');
    const tail = keepTail(log, 40);
    expect(tail.length).toBeLessThanOrEqual(40);
    expect(tail.endsWith('line 99')).toBe(true);
    expect(tail.split('\n')[0]).toMatch(/^line \d+$/);
  });
});

describe('fleetTarget', () => {
  const withPins = (staging: string, production: string) => {
    const store = freshStore();
    store.getState().environmentsRead({
      status: 'ready',
      at: 0,
      data: [
        environment('staging', { components: { service: sha('s1'), ppcRevision: staging, sdkVersion: '0.11.3', problems: [] } }),
        environment('production', { components: { service: sha('p1'), ppcRevision: production, sdkVersion: '0.11.2', problems: [] } }),
      ],
    });
    return store;
  };

  it('judges the fleet against the revision the release brings, not the one production is leaving', () => {
    expect(fleetTarget(withPins(NEW, OLD).getState())).toBe(NEW);
  });

  it("keeps the rollout's own target once the rollout has started", () => {
    const store = withPins(NEW, OLD);
    store.getState().rolloutStarted(OLD);
    expect(fleetTarget(store.getState())).toBe(OLD);
  });

  it('has no target before the environments are read', () => {
    expect(fleetTarget(freshStore().getState())).toBeUndefined();
  });
});
