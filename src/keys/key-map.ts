import type { CockpitState } from '../store/state.js';
import { confirmYesBlocker, takeOverBlocker } from './take-over.js';
import { jobRestartBlocker, logBlocker, performBlocker, ppcRetryBlocker, ppcSkipBlocker, retryBlocker, skipBlocker, stepLogBlocker } from './step-rules.js';

/**
 * Where a binding applies. A dialog scope (confirm, skip, candidate, help, log) is modal: while that dialog is
 * open only its bindings apply. Otherwise the focused pane's scope applies first, then `global`.
 */
export type KeyScope = 'global' | 'checklist' | 'ci' | 'rollout' | 'watcher' | 'confirm' | 'skip' | 'take-over' | 'candidate' | 'help' | 'log';

export type CommandId =
  | 'nav.down'
  | 'nav.up'
  | 'nav.pageDown'
  | 'nav.pageUp'
  | 'nav.first'
  | 'nav.last'
  | 'focus.next'
  | 'focus.prev'
  | 'help.open'
  | 'app.quit'
  | 'step.perform'
  | 'step.skip'
  | 'step.retry'
  | 'step.log'
  | 'log.open'
  | 'job.restart'
  | 'ppc.retry'
  | 'ppc.skip'
  | 'confirm.yes'
  | 'confirm.no'
  | 'skip.type'
  | 'skip.erase'
  | 'skip.submit'
  | 'skip.cancel'
  | 'watch.takeOver'
  | 'takeOver.type'
  | 'takeOver.erase'
  | 'takeOver.submit'
  | 'takeOver.cancel'
  | 'candidate.move'
  | 'candidate.choose'
  | 'candidate.cancel'
  | 'help.close'
  | 'log.close';

/**
 * Key names as `keyName` (match.ts) produces them: `up`, `down`, `left`, `right`, `pageup`, `pagedown`, `home`,
 * `end`, `return`, `escape`, `tab`, `shift-tab`, `backspace`, `delete`, `space`, `ctrl-x`, a single printable
 * character (`j`, `?`, `G`), or `text`: any printable input (the skip dialog's reason).
 */
export type KeyName = string;

export interface KeyBinding {
  readonly id: CommandId;
  readonly keys: readonly KeyName[];
  /** How the footer and the help show the keys, e.g. "j/↓". */
  readonly label: string;
  /** The label in the footer when it differs (one footer entry can stand for a pair of bindings). */
  readonly footerLabel?: string;
  /** One or two words for the footer, e.g. "move". */
  readonly hint: string;
  /** A full sentence for the help overlay and README. */
  readonly description: string;
  readonly scope: KeyScope;
  /** Why the command cannot run now; the router shows it as a notice instead of running the command. */
  readonly disabledReason?: (state: CockpitState) => string | undefined;
  /** Handled by the focused widget (ink-select-input) itself: listed in the footer and help, never routed. */
  readonly isWidgetKey?: boolean;
  /** Left out of the footer (which has one line); the help overlay and README always list it. */
  readonly isHiddenInFooter?: boolean;
}

export const KEY_BINDINGS: readonly KeyBinding[] = [
  { id: 'nav.down', keys: ['down', 'j'], label: 'j/↓', footerLabel: '↑↓/jk', hint: 'move', description: 'Move down in the focused pane', scope: 'global' },
  { id: 'nav.up', keys: ['up', 'k'], label: 'k/↑', hint: 'move', description: 'Move up in the focused pane', scope: 'global', isHiddenInFooter: true },
  { id: 'nav.pageDown', keys: ['pagedown'], label: 'PgDn', hint: 'page down', description: 'Move down a page (the rollout list has a row per PPC)', scope: 'global', isHiddenInFooter: true },
  { id: 'nav.pageUp', keys: ['pageup'], label: 'PgUp', hint: 'page up', description: 'Move up a page', scope: 'global', isHiddenInFooter: true },
  { id: 'nav.first', keys: ['home', 'g'], label: 'g/Home', hint: 'first', description: 'Go to the first row', scope: 'global', isHiddenInFooter: true },
  { id: 'nav.last', keys: ['end', 'G'], label: 'G/End', hint: 'last', description: 'Go to the last row', scope: 'global', isHiddenInFooter: true },
  { id: 'focus.next', keys: ['tab'], label: 'Tab', hint: 'pane', description: 'Focus the next pane', scope: 'global' },
  { id: 'focus.prev', keys: ['shift-tab'], label: 'Shift-Tab', hint: 'previous pane', description: 'Focus the previous pane', scope: 'global', isHiddenInFooter: true },
  { id: 'help.open', keys: ['?'], label: '?', hint: 'help', description: 'Show every key', scope: 'global' },
  { id: 'app.quit', keys: ['q'], label: 'q', hint: 'quit', description: 'Quit (asks first while the cockpit is in the middle of something)', scope: 'global' },

  {
    id: 'step.perform',
    keys: ['return'],
    label: 'Enter',
    hint: 'do step',
    description: 'Do or acknowledge the selected step; anything that changes GitHub, Travis or a PPC asks y/n first',
    scope: 'checklist',
    disabledReason: performBlocker,
  },
  { id: 'step.skip', keys: ['s'], label: 's', hint: 'skip', description: 'Skip the current step; asks for a reason, which is recorded', scope: 'checklist', disabledReason: skipBlocker },
  {
    id: 'step.retry',
    keys: ['r'],
    label: 'r',
    hint: 'retry',
    description: 'Retry the selected step when it failed (a failed CI step: restart its failed jobs on Travis, after a y/n)',
    scope: 'checklist',
    disabledReason: retryBlocker,
  },
  {
    id: 'step.log',
    keys: ['l'],
    label: 'l',
    hint: 'log',
    description: "Open the live log tail of the selected CI step's failed job (else its running one)",
    scope: 'checklist',
    disabledReason: stepLogBlocker,
    isHiddenInFooter: true,
  },

  { id: 'log.open', keys: ['l', 'return'], label: 'l', hint: 'log', description: 'Open the live log tail of the selected CI job', scope: 'ci', disabledReason: logBlocker },
  { id: 'job.restart', keys: ['r'], label: 'r', hint: 'restart job', description: 'Restart the selected CI job on Travis when it failed (asks y/n first)', scope: 'ci', disabledReason: jobRestartBlocker },

  { id: 'ppc.retry', keys: ['r'], label: 'r', hint: 'retry PPC', description: "Retry the selected PPC's update when it failed", scope: 'rollout', disabledReason: ppcRetryBlocker },
  {
    id: 'ppc.skip',
    keys: ['s'],
    label: 's',
    hint: 'skip PPC',
    description: 'Skip the selected PPC (failed or still waiting); asks for a reason, which is recorded, and the rollout goes on without it',
    scope: 'rollout',
    disabledReason: ppcSkipBlocker,
  },

  {
    id: 'watch.takeOver',
    keys: ['T'],
    label: 'T',
    hint: 'take over',
    description: "Take the release over from the primary (asks y/n, then a reason): leaves the watcher for cockpit run --take-over; refused while the primary's lease is live",
    scope: 'watcher',
    disabledReason: takeOverBlocker,
  },

  { id: 'confirm.yes', keys: ['y', 'Y'], label: 'y', hint: 'yes', description: 'Yes: do it', scope: 'confirm', disabledReason: confirmYesBlocker },
  { id: 'confirm.no', keys: ['n', 'N', 'escape'], label: 'n/Esc', hint: 'no', description: 'No: change nothing', scope: 'confirm' },

  { id: 'skip.type', keys: ['text'], label: 'type', hint: 'the reason', description: 'Type why the step is skipped', scope: 'skip' },
  { id: 'skip.erase', keys: ['backspace', 'delete'], label: 'Backspace', hint: 'erase', description: 'Erase the last character', scope: 'skip', isHiddenInFooter: true },
  { id: 'skip.submit', keys: ['return'], label: 'Enter', hint: 'skip it', description: 'Skip the step with this reason (a reason is required)', scope: 'skip' },
  { id: 'skip.cancel', keys: ['escape'], label: 'Esc', hint: 'cancel', description: 'Cancel: skip nothing', scope: 'skip' },

  { id: 'takeOver.type', keys: ['text'], label: 'type', hint: 'the reason', description: 'Type why the release is taken over', scope: 'take-over' },
  { id: 'takeOver.erase', keys: ['backspace', 'delete'], label: 'Backspace', hint: 'erase', description: 'Erase the last character', scope: 'take-over', isHiddenInFooter: true },
  { id: 'takeOver.submit', keys: ['return'], label: 'Enter', hint: 'take over', description: 'Take the release over with this reason (a reason is required; it is recorded and said on the PR)', scope: 'take-over' },
  { id: 'takeOver.cancel', keys: ['escape'], label: 'Esc', hint: 'cancel', description: 'Cancel: go on watching', scope: 'take-over' },

  { id: 'candidate.move', keys: ['up', 'down', 'j', 'k'], label: '↑/↓', hint: 'move', description: 'Move through the recent commits', scope: 'candidate', isWidgetKey: true },
  {
    id: 'candidate.choose',
    keys: ['return'],
    label: 'Enter',
    hint: 'choose',
    description: 'Choose the highlighted commit; one whose CI is not green asks y/n first',
    scope: 'candidate',
    isWidgetKey: true,
  },
  { id: 'candidate.cancel', keys: ['escape'], label: 'Esc', hint: 'close', description: 'Close the list without choosing', scope: 'candidate' },

  { id: 'help.close', keys: ['escape', '?', 'q'], label: 'Esc', hint: 'close', description: 'Close the help', scope: 'help' },
  { id: 'log.close', keys: ['escape', 'q', 'l'], label: 'Esc', hint: 'close', description: 'Close the log', scope: 'log' },
];

/** How the help overlay and README name each scope. */
export const SCOPE_TITLES: Readonly<Record<KeyScope, string>> = {
  global: 'Anywhere',
  checklist: 'Checklist pane',
  ci: 'CI pane',
  rollout: 'Rollout pane',
  watcher: 'Watching (cockpit watch)',
  'take-over': 'Typing a take-over reason',
  confirm: 'A y/n question',
  skip: 'Typing a skip reason',
  candidate: 'Choosing the candidate',
  help: 'Help',
  log: 'Log tail',
};

const BY_ID = new Map(KEY_BINDINGS.map((b) => [b.id, b]));

export function bindingFor(id: CommandId): KeyBinding {
  const binding = BY_ID.get(id);
  if (!binding) throw new Error(`no key binding "${id}"`);
  return binding;
}

/** The bindings of one scope, in table order. */
export function bindingsIn(scope: KeyScope): readonly KeyBinding[] {
  return KEY_BINDINGS.filter((b) => b.scope === scope);
}
