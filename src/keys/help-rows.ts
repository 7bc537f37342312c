import type { CockpitState, Mode } from '../store/state.js';
import { KEY_BINDINGS, SCOPE_TITLES, bindingsIn, type CommandId, type KeyBinding, type KeyName, type KeyScope } from './key-map.js';
import { activeScopes } from './match.js';

/** One key as the footer or the help overlay shows it. */
export interface HelpRow {
  readonly id: CommandId;
  readonly label: string;
  readonly hint: string;
  readonly description: string;
  readonly scope: KeyScope;
}

export interface HelpSection {
  readonly scope: KeyScope;
  readonly title: string;
  readonly rows: readonly HelpRow[];
}

const row = (b: KeyBinding, label = b.label): HelpRow => ({ id: b.id, label, hint: b.hint, description: b.description, scope: b.scope });

// The footer's rows are cached by which commands they hold, so that the footer's selector returns the same
// array while the same keys apply (zustand 5 would otherwise re-render it forever).
const footerCache = new Map<string, readonly HelpRow[]>();

/** The keys that apply now, for the one-line footer: the scopes in dispatch order, without disabled commands. */
export function footerRows(state: CockpitState): readonly HelpRow[] {
  const bindings = activeScopes(state)
    .flatMap((scope) => bindingsIn(scope))
    .filter((b) => !b.isHiddenInFooter && b.disabledReason?.(state) === undefined);
  const key = bindings.map((b) => b.id).join(' ');
  let rows = footerCache.get(key);
  if (!rows) {
    rows = bindings.map((b) => row(b, b.footerLabel ?? b.label));
    footerCache.set(key, rows);
  }
  return rows;
}

const KEY_WORDS: Readonly<Record<string, string>> = {
  up: '↑',
  down: '↓',
  left: '←',
  right: '→',
  pageup: 'PgUp',
  pagedown: 'PgDn',
  home: 'Home',
  end: 'End',
  return: 'Enter',
  escape: 'Esc',
  tab: 'Tab',
  'shift-tab': 'Shift-Tab',
  backspace: 'Backspace',
  delete: 'Delete',
  space: 'Space',
  text: 'any text',
};

/** Key names as people read them: `down` -> `↓`, `return` -> `Enter`. */
export function displayKeys(keys: readonly KeyName[]): string[] {
  const words = keys.map((k) => KEY_WORDS[k] ?? k);
  // `Y` and `N` are only there for Caps Lock; listing them would suggest a difference.
  return words.filter((w, i) => !(/^[A-Z]$/.test(w) && words.includes(w.toLowerCase())) && words.indexOf(w) === i);
}

const SCOPE_ORDER: readonly KeyScope[] = ['global', 'checklist', 'ci', 'rollout', 'watcher', 'candidate', 'confirm', 'skip', 'take-over', 'log', 'help'];

/** Every key, by scope, for the `?` overlay. */
export const HELP_SECTIONS: readonly HelpSection[] = SCOPE_ORDER.map((scope) => ({
  scope,
  title: SCOPE_TITLES[scope],
  rows: bindingsIn(scope).map((b) => row(b, displayKeys(b.keys).join(' '))),
})).filter((section) => section.rows.length > 0);

// A watcher never sees a skip reason or the candidate list: it moves its own view, opens a log tail, reads
// this help, quits, and may take the release over (its one question and reason). Every other action key is
// refused in a read-only cockpit, so none is listed.
const WATCHER_SCOPES: readonly KeyScope[] = ['global', 'ci', 'watcher', 'confirm', 'take-over', 'log', 'help'];
/** A watcher's own scopes: a driving cockpit's help leaves them out. */
const WATCHER_ONLY: readonly KeyScope[] = ['watcher', 'take-over'];
/** Actions in a scope a watcher otherwise uses. */
const WATCHER_REFUSED: ReadonlySet<CommandId> = new Set(['job.restart']);
const WATCHER_HELP_SECTIONS: readonly HelpSection[] = HELP_SECTIONS.filter((section) => WATCHER_SCOPES.includes(section.scope)).map((section) => ({
  ...section,
  rows: section.rows.filter((r) => !WATCHER_REFUSED.has(r.id)),
}));

const DRIVING_HELP_SECTIONS: readonly HelpSection[] = HELP_SECTIONS.filter((section) => !WATCHER_ONLY.includes(section.scope));

/** The `?` overlay's sections for a cockpit in `mode`: a mirror lists only what a watcher can do. */
export function helpSectionsFor(mode: Mode): readonly HelpSection[] {
  if (mode === 'mirror') return WATCHER_HELP_SECTIONS;
  // A cockpit read-only because another drives is asked nothing at all.
  if (mode === 'read-only') return WATCHER_HELP_SECTIONS.filter((section) => section.scope !== 'confirm' && !WATCHER_ONLY.includes(section.scope));
  return DRIVING_HELP_SECTIONS;
}

export const KEYS_BLOCK_START = '<!-- keys:start -->';
export const KEYS_BLOCK_END = '<!-- keys:end -->';

/** The README's key table, generated from the same table that drives the router, footer and help. */
export function keyTableMarkdown(): string {
  const lines = ['| Keys | Where | What it does |', '| --- | --- | --- |'];
  for (const section of HELP_SECTIONS) {
    for (const binding of KEY_BINDINGS.filter((b) => b.scope === section.scope)) {
      const keys = displayKeys(binding.keys)
        .map((k) => `\`${k}\``)
        .join(' ');
      lines.push(`| ${keys} | ${section.title} | ${binding.description} |`);
    }
  }
  return lines.join('\n');
}

/**
 * README text with the block between the markers replaced by the current key table, or undefined when the
 * README has no (well-formed) marker block.
 */
export function replaceKeysBlock(readme: string): string | undefined {
  const start = readme.indexOf(KEYS_BLOCK_START);
  const end = readme.indexOf(KEYS_BLOCK_END);
  if (start === -1 || end === -1 || end < start) return undefined;
  return `${readme.slice(0, start + KEYS_BLOCK_START.length)}\n${keyTableMarkdown()}\n${readme.slice(end)}`;
}
