import { describe, expect, it } from 'vitest';
import { KEY_BINDINGS, type KeyScope } from '../../src/keys/key-map.js';
import { activeScopes, isText, keyName, matchBinding, splitKeys, type KeyPress } from '../../src/keys/match.js';
import { freshStore } from './checklist-builders.js';
import { focus } from '../helpers/store-state.js';

// Key presses as Ink 6 reports them (a lone Escape also sets meta).
const KEYS = {
  down: { downArrow: true },
  up: { upArrow: true },
  tab: { tab: true },
  shiftTab: { tab: true, shift: true },
  enter: { return: true },
  escape: { escape: true, meta: true },
  backspace: { delete: true },
  none: {},
} satisfies Record<string, KeyPress>;

const match = (input: string, key: KeyPress, scopes: readonly KeyScope[]) => matchBinding(input, key, scopes)?.id;

describe('keyName', () => {
  it.each([
    ['', KEYS.down, 'down'],
    ['', KEYS.tab, 'tab'],
    ['', KEYS.shiftTab, 'shift-tab'],
    ['', KEYS.escape, 'escape'],
    ['', KEYS.enter, 'return'],
    ['j', KEYS.none, 'j'],
    ['G', { shift: true }, 'G'],
    ['s', { ctrl: true }, 'ctrl-s'],
    [' ', KEYS.none, 'space'],
    ['abc', KEYS.none, undefined],
  ])('%j with %j is %s', (input, key, name) => {
    expect(keyName(input, key)).toBe(name);
  });
});

describe('matchBinding', () => {
  const pane: readonly KeyScope[] = ['checklist', 'global'];

  it('moves with j/k and the arrows', () => {
    expect(match('j', KEYS.none, pane)).toBe('nav.down');
    expect(match('', KEYS.down, pane)).toBe('nav.down');
    expect(match('k', KEYS.none, pane)).toBe('nav.up');
    expect(match('', KEYS.up, pane)).toBe('nav.up');
  });

  it('changes pane with Tab and Shift-Tab', () => {
    expect(match('', KEYS.tab, pane)).toBe('focus.next');
    expect(match('', KEYS.shiftTab, pane)).toBe('focus.prev');
  });

  it('answers y/n only in the confirm scope', () => {
    expect(match('y', KEYS.none, ['confirm'])).toBe('confirm.yes');
    expect(match('n', KEYS.none, ['confirm'])).toBe('confirm.no');
    expect(match('', KEYS.escape, ['confirm'])).toBe('confirm.no');
    expect(match('y', KEYS.none, pane)).toBeUndefined();
    expect(match('n', KEYS.none, ['rollout', 'global'])).toBeUndefined();
  });

  it('treats everything typed in the skip dialog as the reason, never as a command', () => {
    for (const input of ['q', 's', 'r', 'j', '?', 'y', 'flaky job']) expect(match(input, KEYS.none, ['skip'])).toBe('skip.type');
    expect(match('', KEYS.enter, ['skip'])).toBe('skip.submit');
    expect(match('', KEYS.escape, ['skip'])).toBe('skip.cancel');
    expect(match('', KEYS.backspace, ['skip'])).toBe('skip.erase');
    expect(match('s', { ctrl: true }, ['skip'])).toBeUndefined();
  });

  it('lets the focused pane take a key before global: r retries a step in the checklist and a PPC in the rollout', () => {
    expect(match('r', KEYS.none, pane)).toBe('step.retry');
    expect(match('r', KEYS.none, ['rollout', 'global'])).toBe('ppc.retry');
    expect(match('r', KEYS.none, ['global'])).toBeUndefined();
    expect(match('l', KEYS.none, ['ci', 'global'])).toBe('log.open');
    expect(match('l', KEYS.none, pane)).toBe('step.log');
    expect(match('r', KEYS.none, ['ci', 'global'])).toBe('job.restart');
  });

  it('leaves the candidate list its own keys, so the select input and the router never both act', () => {
    for (const [input, key] of [['', KEYS.down], ['j', KEYS.none], ['', KEYS.enter]] as const) {
      expect(match(input, key, ['candidate'])).toBeUndefined();
    }
    expect(match('', KEYS.escape, ['candidate'])).toBe('candidate.cancel');
  });
});

describe('splitKeys', () => {
  it('splits a chunk of keys typed faster than one read into single presses', () => {
    expect(splitKeys('jJ\r', {})).toEqual([
      ['j', {}],
      ['J', { shift: true }],
      ['\r', { return: true }],
    ]);
    expect(splitKeys('j', {})).toEqual([['j', {}]]);
    expect(splitKeys('', KEYS.down)).toEqual([['', KEYS.down]]);
  });
});

describe('activeScopes', () => {
  it('is the focused pane then global, or the open dialog alone', () => {
    const store = freshStore();
    expect(activeScopes(store.getState())).toEqual(['checklist', 'global']);
    focus(store, 'environments');
    expect(activeScopes(store.getState())).toEqual(['global']);
    store.getState().openDialog({ kind: 'skip', stepId: 'review-changes', reason: '' });
    expect(activeScopes(store.getState())).toEqual(['skip']);
  });
});

describe('the key table', () => {
  it('never binds one key twice within a scope', () => {
    const seen = new Set<string>();
    for (const b of KEY_BINDINGS) {
      for (const k of b.keys) {
        const slot = `${b.scope}:${k}`;
        expect(seen.has(slot), `${slot} is bound twice`).toBe(false);
        seen.add(slot);
      }
    }
  });

  it('does not shadow a global key with a pane key by accident', () => {
    const global = new Set(KEY_BINDINGS.filter((b) => b.scope === 'global').flatMap((b) => b.keys));
    const panes = KEY_BINDINGS.filter((b) => ['checklist', 'ci', 'rollout'].includes(b.scope));
    expect(panes.flatMap((b) => b.keys.filter((k) => global.has(k)).map((k) => `${b.id}:${k}`))).toEqual([]);
  });

  it('recognises pasted text but not control sequences as text', () => {
    expect(isText('flaky job', {})).toBe(true);
    expect(isText('\u0007', {})).toBe(false);
    expect(isText('', KEYS.enter)).toBe(false);
  });
});
