import { describe, expect, it } from 'vitest';
import { detectNotifyTerminal, formatNotification } from '../../src/format/notify.js';

const BEL = '\u0007';
const ESC = '\u001b';

describe('detectNotifyTerminal', () => {
  it.each([
    [{ TERM_PROGRAM: 'iTerm.app' }, 'osc9'],
    [{ LC_TERMINAL: 'iTerm2', TERM_PROGRAM: 'tmux', TMUX: '/tmp/tmux-1/default,1,0' }, 'osc9'],
    [{ TERM_PROGRAM: 'WezTerm' }, 'osc777'],
    [{ TERM_PROGRAM: 'ghostty' }, 'osc777'],
    [{ TERM: 'foot' }, 'osc777'],
    [{ TERM: 'rxvt-unicode-256color' }, 'osc777'],
    [{ TERM: 'xterm-256color', VTE_VERSION: '7200' }, 'osc777'],
    [{ TERM: 'xterm-kitty', KITTY_WINDOW_ID: '1' }, 'osc99'],
    [{ TERM: 'xterm-256color' }, 'bell'],
    [{ TERM_PROGRAM: 'iTerm.app', COCKPIT_NOTIFY: 'off' }, 'off'],
  ])('%j -> %s', (env, protocol) => {
    expect(detectNotifyTerminal(env).protocol).toBe(protocol);
  });
});

describe('formatNotification', () => {
  it('rings the bell and shows an OSC 9 notification', () => {
    expect(formatNotification('success', 'CI green on PR #42', { protocol: 'osc9', isTmux: false })).toBe(`${BEL}${ESC}]9;release-cockpit: ✔ CI green on PR #42${BEL}`);
  });

  it('puts a title and a body into OSC 777', () => {
    expect(formatNotification('failure', 'PPC acme failed', { protocol: 'osc777', isTmux: false }, 'cockpit; weekly')).toBe(
      `${BEL}${ESC}]777;notify;cockpit, weekly;✖ PPC acme failed${BEL}`,
    );
  });

  it('only rings the bell on a terminal that shows no notifications, and stays silent when turned off', () => {
    expect(formatNotification('info', 'x', { protocol: 'bell', isTmux: true })).toBe(BEL);
    expect(formatNotification('info', 'x', { protocol: 'off', isTmux: false })).toBe('');
  });

  it('never lets the text end the escape early or start another one', () => {
    const out = formatNotification('failure', `job failed${BEL}${ESC}]0;pwned${BEL}`, { protocol: 'osc9', isTmux: false });
    expect(out).toBe(`${BEL}${ESC}]9;release-cockpit: ✖ job failed ]0;pwned${BEL}`);
  });

  it('wraps the escape for tmux passthrough, doubling its escapes', () => {
    const out = formatNotification('info', 'deployed', { protocol: 'osc9', isTmux: true });
    expect(out).toBe(`${BEL}${ESC}Ptmux;${ESC}${ESC}]9;release-cockpit: deployed${BEL}${ESC}\\`);
  });
});
