import { mkdtempSync, rmSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { WEEKLY_PLAYBOOK } from '../../src/domain/weekly-playbook.js';
import type { CommandDeps } from '../../src/keys/commands.js';
import { footerRows } from '../../src/keys/help-rows.js';
import type { KeyPress } from '../../src/keys/match.js';
import { routeKey } from '../../src/keys/route-key.js';
import { writeLease } from '../../src/journal/lease-file.js';
import { releasePaths } from '../../src/journal/paths.js';
import { takeOverFacts } from '../../src/mirror/take-over-facts.js';
import { createCockpitStore, type CockpitStoreApi } from '../../src/store/create-cockpit-store.js';
import type { Mode, WatchFacts } from '../../src/store/state.js';

const NOW = 9_000_000;
const STALE: WatchFacts = { primary: 'dana-w', replicaLines: 42 };

function setup(watch: WatchFacts | undefined = STALE, mode: Mode = 'mirror') {
  const store = createCockpitStore({ playbook: WEEKLY_PLAYBOOK, now: NOW, meta: { mode } });
  if (watch) store.getState().replicaChecked(watch);
  const takenOver: string[] = [];
  const deps: CommandDeps = { perform: () => undefined, quit: () => undefined, takeOver: (reason) => void takenOver.push(reason) };
  const press = (input: string, key: KeyPress = {}) => routeKey(store, deps, input, key);
  return { store, takenOver, press };
}

const ENTER = { return: true };
const notice = (store: CockpitStoreApi) => store.getState().ui.notice?.text;
const dialog = (store: CockpitStoreApi) => store.getState().ui.dialog;

describe("the watcher's take-over key", () => {
  it('asks y/n naming the primary, then a reason, then hands the reason to the take-over', () => {
    const { store, takenOver, press } = setup();
    press('T');
    const asked = dialog(store);
    expect(asked?.kind === 'confirm' && asked.prompt).toMatch(/^Take the release over from dana-w\? /);
    press('y');
    expect(dialog(store)).toEqual({ kind: 'take-over', from: 'dana-w', reason: '' });
    press('dana-w laptop gone');
    press('', { delete: true });
    press('E');
    expect(dialog(store)).toMatchObject({ reason: 'dana-w laptop gonE' });
    press('', ENTER);
    expect(takenOver).toEqual(['dana-w laptop gonE']);
    expect(dialog(store)).toBeNull();
    expect(notice(store)).toBe('Taking the release over from dana-w: dana-w laptop gonE');
  });

  it('requires a reason, and Esc or n leave everything as it was', () => {
    const { store, takenOver, press } = setup();
    press('T');
    press('n');
    expect(dialog(store)).toBeNull();
    press('T');
    press('y');
    press('   ');
    press('', ENTER);
    expect(notice(store)).toBe('A reason is required to take the release over');
    expect(dialog(store)?.kind).toBe('take-over');
    press('', { escape: true, meta: true });
    expect(dialog(store)).toBeNull();
    expect(takenOver).toEqual([]);
  });

  it.each([
    ['no config', { ...STALE, configProblem: 'cockpit run needs a config, and none was found' }, 'no take-over from here: cockpit run needs a config, and none was found'],
    ['no replica yet', { ...STALE, replicaLines: 0 }, "no take-over yet: no replica of the release's journal is kept here yet"],
    [
      "the primary's lease live",
      { ...STALE, liveLease: 'dana-w on host laptop (pid 7), seen 4s ago' },
      'no take-over while dana-w on host laptop (pid 7), seen 4s ago: their lease is live (it goes stale after 2 minutes without word, or when they quit)',
    ],
  ])('is refused with its reason before asking anything: %s', (_, watch, reason) => {
    const { store, takenOver, press } = setup(watch);
    press('T');
    expect(dialog(store)).toBeNull();
    expect(notice(store)).toBe(reason);
    expect(footerRows(store.getState()).map((r) => r.id)).not.toContain('watch.takeOver');
    expect(takenOver).toEqual([]);
  });

  it('is offered in the footer once the take-over is possible', () => {
    const { store } = setup();
    expect(footerRows(store.getState()).find((r) => r.id === 'watch.takeOver')).toMatchObject({ label: 'T', hint: 'take over' });
  });

  it('does not take over when the primary came back between the y and the reason', () => {
    const { store, takenOver, press } = setup();
    press('T');
    press('y');
    press('gone');
    store.getState().replicaChecked({ ...STALE, liveLease: 'dana-w on host laptop (pid 7), seen 1s ago' });
    press('', ENTER);
    expect(takenOver).toEqual([]);
    expect(notice(store)).toMatch(/^Not taken over: no take-over while dana-w on host laptop/);
  });

  it('means nothing in a driving cockpit', () => {
    const { store, press } = setup(undefined, 'driving');
    expect(press('T')).toBeUndefined();
    expect(dialog(store)).toBeNull();
  });
});

describe('what the take-over key knows, read from the lease beside the replica', () => {
  let dir: string | undefined;
  afterEach(() => dir && rmSync(dir, { recursive: true, force: true }));
  const replicating = (stateDir: string) => ({ state: 'replicating' as const, release: '2026-06-09-weekly', lines: 12, path: releasePaths(stateDir, '2026-06-09-weekly').journal });
  const lease = (host: string, beatAt: number, pid = 4242) => ({ release: '2026-06-09-weekly', driver: 'dana-w', host, pid, started: new Date(beatAt).toISOString(), heartbeat: new Date(beatAt).toISOString() });

  it('calls a lease live while it was renewed in the last two minutes on another host, and stale after', () => {
    dir = mkdtempSync(join(tmpdir(), 'cockpit-take-over-facts-'));
    const now = Date.parse('2026-06-09T10:00:00Z');
    const path = releasePaths(dir, '2026-06-09-weekly').lease;
    writeLease(path, lease('dana-laptop', now - 30_000));
    const facts = (at: number) => takeOverFacts({ stateDir: dir!, replica: replicating(dir!), primary: 'dana-w', configProblem: undefined, now: at });
    expect(facts(now)).toEqual({ primary: 'dana-w', replicaLines: 12, liveLease: 'dana-w on host dana-laptop (pid 4242), seen 30s ago' });
    expect(facts(now + 90_000)).toEqual({ primary: 'dana-w', replicaLines: 12 });
  });

  it('calls a fresh lease on this host stale once its process is gone, and no lease (the primary quit) stale', () => {
    dir = mkdtempSync(join(tmpdir(), 'cockpit-take-over-facts-'));
    const now = Date.now();
    const facts = () => takeOverFacts({ stateDir: dir!, replica: replicating(dir!), primary: undefined, configProblem: undefined, now });
    expect(facts()).toEqual({ primary: 'the primary', replicaLines: 12 });
    writeLease(releasePaths(dir, '2026-06-09-weekly').lease, lease(hostname(), now - 1_000, 2 ** 22 + 12_345));
    expect(facts().liveLease).toBeUndefined();
    expect(takeOverFacts({ stateDir: dir, replica: { state: 'waiting' }, primary: 'dana-w', configProblem: 'x', now })).toEqual({ primary: 'dana-w', replicaLines: 0, configProblem: 'x' });
  });
});
