import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { footerRows, HELP_SECTIONS, keyTableMarkdown, KEYS_BLOCK_END, KEYS_BLOCK_START, replaceKeysBlock } from '../../src/keys/help-rows.js';
import { KEY_BINDINGS } from '../../src/keys/key-map.js';
import { freshStore, jumpTo, ppc } from './checklist-builders.js';
import { focus } from '../helpers/store-state.js';

const labels = (rows: ReturnType<typeof footerRows>) => rows.map((r) => `${r.label} ${r.hint}`);

describe('footerRows', () => {
  it('shows the keys that apply to the focused pane and globally, leaving out disabled ones', () => {
    const store = freshStore();
    // The first step is a manual one: Enter and s apply, r does not (nothing failed).
    expect(labels(footerRows(store.getState()))).toEqual(['Enter do step', 's skip', '↑↓/jk move', 'Tab pane', '? help', 'q quit']);
    focus(store, 'rollout');
    store.getState().fleetRead([ppc('acme', 'failed')]);
    expect(labels(footerRows(store.getState()))).toEqual(['↑↓/jk move', 'Tab pane', '? help', 'q quit']);
  });

  it('shows only the dialog keys while a dialog is open', () => {
    const store = freshStore();
    store.getState().openDialog({ kind: 'skip', stepId: 'review-changes', reason: '' });
    expect(labels(footerRows(store.getState()))).toEqual(['type the reason', 'Enter skip it', 'Esc cancel']);
    store.getState().openDialog({ kind: 'confirm', action: { type: 'quit' }, prompt: 'Quit?' });
    expect(labels(footerRows(store.getState()))).toEqual(['y yes', 'n/Esc no']);
  });

  it('returns the same array while the same keys apply, so a footer selector is stable', () => {
    const store = freshStore();
    const first = footerRows(store.getState());
    store.getState().clockTicked(123);
    expect(footerRows(store.getState())).toBe(first);
    jumpTo(store, 'wait-pr-ci');
    expect(footerRows(store.getState())).not.toBe(first);
  });
});

describe('the help overlay', () => {
  it('lists every binding exactly once', () => {
    const ids = HELP_SECTIONS.flatMap((s) => s.rows.map((r) => r.id));
    expect(ids.slice().sort()).toEqual(KEY_BINDINGS.map((b) => b.id).sort());
  });
});

describe("README's key table", () => {
  it('has a row per binding with its keys and description', () => {
    const table = keyTableMarkdown().split('\n');
    expect(table).toHaveLength(KEY_BINDINGS.length + 2);
    expect(table).toContain('| `↓` `j` | Anywhere | Move down in the focused pane |');
    expect(table).toContain('| `y` | A y/n question | Yes: do it |');
    expect(table).toContain('| `Tab` | Anywhere | Focus the next pane |');
  });

  it('replaces only the marker block', () => {
    const readme = `# Cockpit\n\n${KEYS_BLOCK_START}\nold table\n${KEYS_BLOCK_END}\n\nMore text.\n`;
    expect(replaceKeysBlock(readme)).toBe(`# Cockpit\n\n${KEYS_BLOCK_START}\n${keyTableMarkdown()}\n${KEYS_BLOCK_END}\n\nMore text.\n`);
    expect(replaceKeysBlock('# no markers')).toBeUndefined();
  });

  // README is generated in part from the key table. Until README has a marker block this only checks that it
  // has no half-written one; UPDATE_README_KEYS=1 rewrites the block.
  it('matches the key table between the markers when README has them', () => {
    const path = new URL('../../README.md', import.meta.url);
    const readme = existsSync(path) ? readFileSync(path, 'utf8') : '';
    const hasStart = readme.includes(KEYS_BLOCK_START);
    const hasEnd = readme.includes(KEYS_BLOCK_END);
    expect(hasStart, 'README.md has one keys marker without the other').toBe(hasEnd);
    if (!hasStart) return;
    const expected = replaceKeysBlock(readme);
    if (expected !== readme && process.env['UPDATE_README_KEYS'] === '1' && expected) writeFileSync(path, expected);
    else expect(readme, 'README key table is stale: run UPDATE_README_KEYS=1 npx vitest run --config test/vitest.config.ts test/unit/keys-help.test.ts').toBe(expected);
  });
});
