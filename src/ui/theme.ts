import type { CiState, TravisState } from '../domain/ci.js';
import type { StepStatus } from '../domain/playbook.js';
import type { PpcState } from '../domain/ppc.js';
import type { SourceHealth } from '../domain/source.js';

/** What a row means, independent of what it is: every glyph and color comes from here. */
/** `active` is "your turn": the step waiting for the user. */
export type Tone = 'ok' | 'fail' | 'running' | 'pending' | 'skipped' | 'warn' | 'active';

/** Single-column glyphs only: a double-width glyph would push a truncated line past its pane. */
export const GLYPH: Readonly<Record<Tone, string>> = {
  ok: '✔',
  fail: '✖',
  running: '●',
  pending: '○',
  skipped: '⤼',
  warn: '▲',
  // Not ▶: terminals disagree on its width (emoji presentation), ▸ is always one column.
  active: '▸',
};

export const TONE_COLOR: Readonly<Record<Tone, string>> = {
  ok: 'green',
  fail: 'red',
  running: 'yellow',
  pending: 'gray',
  skipped: 'gray',
  warn: 'yellow',
  active: 'cyan',
};

/** Border and title of the pane that has the keyboard. */
export const FOCUS_COLOR = 'cyan';
/** Borders of the other panes, hints and secondary text. */
export const MUTED_COLOR = 'gray';
/** The selected row in a list. */
export const SELECTED_COLOR = 'cyan';

export const NOTICE_COLOR: Readonly<Record<'info' | 'success' | 'warning' | 'error', string | undefined>> = {
  info: undefined,
  success: 'green',
  warning: 'yellow',
  error: 'red',
};

export function travisTone(state: TravisState): Tone {
  switch (state) {
    case 'passed':
      return 'ok';
    case 'failed':
    case 'errored':
      return 'fail';
    case 'canceled':
      return 'skipped';
    case 'started':
      return 'running';
    default:
      return 'pending';
  }
}

export function ciTone(ci: CiState): Tone {
  switch (ci) {
    case 'success':
      return 'ok';
    case 'failure':
      return 'fail';
    case 'pending':
      return 'running';
    default:
      return 'pending';
  }
}

export function stepTone(status: StepStatus): Tone {
  switch (status) {
    case 'done':
      return 'ok';
    case 'failed':
      return 'fail';
    case 'running':
      return 'running';
    case 'active':
      return 'active';
    case 'skipped':
      return 'skipped';
    default:
      return 'pending';
  }
}

export function ppcTone(state: PpcState): Tone {
  switch (state) {
    case 'done':
      return 'ok';
    case 'failed':
      return 'fail';
    case 'updating':
    case 'verifying':
      return 'running';
    case 'skipped':
      return 'skipped';
    default:
      return 'pending';
  }
}

export function healthTone(state: SourceHealth['state']): Tone {
  switch (state) {
    case 'ok':
      return 'ok';
    case 'degraded':
      return 'warn';
    case 'down':
      return 'fail';
    default:
      return 'pending';
  }
}
