import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTmux } from '../helpers/tmux.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
let home: string;

beforeAll(() => {
  home = mkdtempSync(join(tmpdir(), 'cockpit-color-'));
});
afterAll(() => rmSync(home, { recursive: true, force: true }));

/** SGR foreground colours: 30-37, 90-97 and 38;5/38;2 (bold and inverse are not colour). */
const COLOUR = /\x1b\[(?:[0-9;]*;)?(?:3[0-7]|9[0-7]|38;[25])(?:;[0-9;]*)?m/;

/** The demo cockpit's first full screen, as the terminal got it, under the given environment. */
async function firstScreen(env: Record<string, string>): Promise<string> {
  const tmux = await startTmux('node bin/cockpit.js demo --fresh --speed 2', { columns: 100, rows: 30, cwd: root, env: { HOME: home, COCKPIT_NOTIFY: 'off', TERM: 'xterm-256color', ...env } });
  try {
    await tmux.waitFor((s) => s.includes('ahead of production'), 'the demo cockpit drawing its environments');
    return await tmux.styledScreen();
  } finally {
    await tmux.kill();
  }
}

describe('NO_COLOR and FORCE_COLOR', () => {
  it('draws in colour by default and without colour under NO_COLOR, unless FORCE_COLOR asks for it by name', async () => {
    expect(await firstScreen({})).toMatch(COLOUR);
    const plain = await firstScreen({ NO_COLOR: '1' });
    expect(plain).toContain('ahead of production');
    expect(plain).not.toMatch(COLOUR);
    expect(await firstScreen({ NO_COLOR: '1', FORCE_COLOR: '1' })).toMatch(COLOUR);
  }, 90_000);
});
