import type { CockpitState, Dialog, PaneId } from '../store/state.js';
import { KEY_BINDINGS, type KeyBinding, type KeyName, type KeyScope } from './key-map.js';

/**
 * The parts of Ink's `Key` the router reads. Declared here so that matching is testable without Ink;
 * Ink's own `Key` satisfies it.
 */
export interface KeyPress {
  readonly upArrow?: boolean;
  readonly downArrow?: boolean;
  readonly leftArrow?: boolean;
  readonly rightArrow?: boolean;
  readonly pageUp?: boolean;
  readonly pageDown?: boolean;
  readonly home?: boolean;
  readonly end?: boolean;
  readonly return?: boolean;
  readonly escape?: boolean;
  readonly ctrl?: boolean;
  readonly shift?: boolean;
  readonly tab?: boolean;
  readonly backspace?: boolean;
  readonly delete?: boolean;
  readonly meta?: boolean;
}

// Ink reports a lone Escape with meta = true too, so named keys are checked before modifiers.
const NAMED: ReadonlyArray<readonly [keyof KeyPress, KeyName]> = [
  ['upArrow', 'up'],
  ['downArrow', 'down'],
  ['leftArrow', 'left'],
  ['rightArrow', 'right'],
  ['pageUp', 'pageup'],
  ['pageDown', 'pagedown'],
  ['home', 'home'],
  ['end', 'end'],
  ['return', 'return'],
  ['escape', 'escape'],
  ['backspace', 'backspace'],
  // Most terminals send DEL (0x7f) for Backspace, which Ink 6 reports as `delete`.
  ['delete', 'delete'],
];

/** The one name of a key press (`j`, `down`, `shift-tab`, `ctrl-c`), or undefined for text longer than one key. */
export function keyName(input: string, key: KeyPress): KeyName | undefined {
  if (key.tab) return key.shift ? 'shift-tab' : 'tab';
  for (const [flag, name] of NAMED) if (key[flag]) return name;
  if (key.ctrl) return `ctrl-${input.toLowerCase()}`;
  if (key.meta) return `meta-${input}`;
  if (input === ' ') return 'space';
  return [...input].length === 1 ? input : undefined;
}

const SINGLE_KEYS: Readonly<Record<string, KeyPress>> = { '\r': { return: true }, '\n': { return: true }, '\t': { tab: true }, '\u007f': { delete: true }, '\b': { backspace: true } };

function hasNamedKey(key: KeyPress): boolean {
  return NAMED.some(([flag]) => key[flag]) || Boolean(key.tab || key.ctrl || key.meta);
}

/**
 * The key presses in one chunk of input. Ink separates escape sequences but hands over plain text as it
 * arrived, so keys typed faster than a read (or sent by tmux, or pasted) come as one string: "jj\r" is
 * j, j, Enter. A single key comes back as it is.
 */
export function splitKeys(input: string, key: KeyPress): ReadonlyArray<readonly [string, KeyPress]> {
  const chars = [...input];
  if (chars.length <= 1 || hasNamedKey(key)) return [[input, key]];
  return chars.map((ch) => [ch, SINGLE_KEYS[ch] ?? (/^\p{Lu}$/u.test(ch) ? { shift: true } : {})] as const);
}

// Control characters never count as text: a stray escape sequence must not end up in a skip reason.
const PRINTABLE = /^[^\p{Cc}]+$/u;

/** True when the press is text someone typed (or pasted), not a command key. */
export function isText(input: string, key: KeyPress): boolean {
  if (key.ctrl || key.meta || key.tab || key.return || key.escape || key.backspace || key.delete) return false;
  if (key.upArrow || key.downArrow || key.leftArrow || key.rightArrow || key.pageUp || key.pageDown || key.home || key.end) return false;
  return input.length > 0 && PRINTABLE.test(input);
}

const DIALOG_SCOPES: Readonly<Record<Dialog['kind'], KeyScope>> = { confirm: 'confirm', skip: 'skip', 'take-over': 'take-over', candidate: 'candidate', help: 'help', log: 'log' };
const PANE_SCOPES: Readonly<Partial<Record<PaneId, KeyScope>>> = { checklist: 'checklist', ci: 'ci', rollout: 'rollout' };

/**
 * The scopes that see a key now, in dispatch order: an open dialog alone (dialogs are modal), else the focused
 * pane, then a watcher's own keys (cockpit watch only), then global.
 */
export function activeScopes(state: Pick<CockpitState, 'ui' | 'meta'>): readonly KeyScope[] {
  const { dialog, focus } = state.ui;
  if (dialog) return [DIALOG_SCOPES[dialog.kind]];
  const pane = PANE_SCOPES[focus];
  const rest: readonly KeyScope[] = state.meta.mode === 'mirror' ? ['watcher', 'global'] : ['global'];
  return pane ? [pane, ...rest] : rest;
}

/**
 * The binding a key press triggers in `scopes` (first scope first), or undefined. Keys that the focused widget
 * handles itself (ink-select-input's arrows and Enter) match nothing here, so the two never both act.
 */
export function matchBinding(input: string, key: KeyPress, scopes: readonly KeyScope[]): KeyBinding | undefined {
  const name = keyName(input, key);
  const text = isText(input, key);
  for (const scope of scopes) {
    for (const binding of KEY_BINDINGS) {
      if (binding.scope !== scope) continue;
      const hit = (name !== undefined && binding.keys.includes(name)) || (text && binding.keys.includes('text'));
      if (hit) return binding.isWidgetKey ? undefined : binding;
    }
  }
  return undefined;
}
