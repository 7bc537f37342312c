/**
 * Terminal notifications for "you are needed": the bell, plus a desktop notification escape where the terminal
 * is known to show one. Pure: the caller writes the returned text to the terminal.
 */

export type NotifyKind = 'success' | 'failure' | 'info';

/**
 * - `osc9`: iTerm2 (and terminals that copied it): `ESC ] 9 ; text BEL`;
 * - `osc777`: urxvt, foot, WezTerm, Ghostty, patched VTE: `ESC ] 777 ; notify ; title ; body BEL`;
 * - `osc99`: kitty's own protocol (kitty implements neither 9 nor 777);
 * - `bell`: the bell alone; `off`: nothing at all.
 */
export type NotifyProtocol = 'osc9' | 'osc777' | 'osc99' | 'bell' | 'off';

export interface NotifyTerminal {
  readonly protocol: NotifyProtocol;
  /** Inside tmux, whose passthrough wrapper lets the escape reach the outer terminal (with `allow-passthrough on`). */
  readonly isTmux: boolean;
}

type Env = Readonly<Record<string, string | undefined>>;

const PROTOCOLS: readonly NotifyProtocol[] = ['osc9', 'osc777', 'osc99', 'bell', 'off'];

/**
 * Which notification the terminal understands, from the environment. Unknown terminals get the bell alone:
 * an unknown OSC is harmless on most terminals but prints garbage on a few. `COCKPIT_NOTIFY` overrides.
 */
export function detectNotifyTerminal(env: Env): NotifyTerminal {
  const isTmux = Boolean(env['TMUX']);
  const override = env['COCKPIT_NOTIFY'] as NotifyProtocol | undefined;
  if (override && PROTOCOLS.includes(override)) return { protocol: override, isTmux };
  const program = env['TERM_PROGRAM'] ?? '';
  const term = env['TERM'] ?? '';
  if (program === 'iTerm.app' || env['LC_TERMINAL'] === 'iTerm2') return { protocol: 'osc9', isTmux };
  if (env['KITTY_WINDOW_ID'] || term === 'xterm-kitty') return { protocol: 'osc99', isTmux };
  if (program === 'WezTerm' || program === 'ghostty' || term.startsWith('rxvt-unicode') || term.startsWith('foot')) return { protocol: 'osc777', isTmux };
  // VTE from 0.46 ignores OSC 777 silently; Fedora's patched VTE shows it.
  if (Number(env['VTE_VERSION'] ?? 0) >= 4600) return { protocol: 'osc777', isTmux };
  return { protocol: 'bell', isTmux };
}

const BEL = '\u0007';
const ESC = '\u001b';
const ST = `${ESC}\\`;

// A commit message or an error text must not be able to end the escape early or inject another one.
function clean(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ').trim().slice(0, 200);
}

const MARK: Readonly<Record<NotifyKind, string>> = { success: '✔ ', failure: '✖ ', info: '' };

function wrapTmux(sequence: string): string {
  return `${ESC}Ptmux;${sequence.split(ESC).join(ESC + ESC)}${ST}`;
}

/** The bytes that ring the bell and show `text` as a desktop notification titled `title`. */
export function formatNotification(kind: NotifyKind, text: string, terminal: NotifyTerminal, title = 'release-cockpit'): string {
  if (terminal.protocol === 'off') return '';
  const body = clean(`${MARK[kind]}${text}`);
  const heading = clean(title).replace(/;/g, ',');
  let osc: string;
  switch (terminal.protocol) {
    case 'osc9':
      osc = `${ESC}]9;${heading}: ${body}${BEL}`;
      break;
    case 'osc777':
      osc = `${ESC}]777;notify;${heading};${body}${BEL}`;
      break;
    case 'osc99':
      osc = `${ESC}]99;i=1:d=0;${heading}${ST}${ESC}]99;i=1:d=1:p=body;${body}${ST}`;
      break;
    case 'bell':
      return BEL;
  }
  return BEL + (terminal.isTmux ? wrapTmux(osc) : osc);
}
