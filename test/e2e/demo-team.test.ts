// `cockpit demo --config FILE` in a real terminal: the cockpit opens on the team's own environments, not acme's.
import { fileURLToPath } from 'node:url';
import { afterAll, expect, it } from 'vitest';
import { startTmux, type TmuxSession } from '../helpers/tmux.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
let tmux: TmuxSession | undefined;
afterAll(async () => {
  await tmux?.kill();
});

it("opens on the team's environments and pins with no token, and the checklist names its production", async () => {
  tmux = await startTmux('node bin/cockpit.js demo --config test/fixtures/configs/team-rehearsal.yaml --seed 7 --speed 2', { columns: 100, rows: 30, cwd: root, env: { COCKPIT_NOTIFY: 'off', GITHUB_TOKEN: '', TRAVIS_TOKEN: '' } });
  const screen = await tmux.waitFor((s) => s.includes('ahead of prod'), 'the stage -> prod diff');
  expect(screen).toContain('DEMO');
  expect(screen).toMatch(/\bdev\b/);
  expect(screen).toMatch(/\bstage\b/);
  expect(screen).not.toMatch(/\bstaging\b|\bproduction\b/);
  expect(screen).toMatch(/Verify prod|prod deploy/);
  // The pins were read from the team's lock file and SDK variable: prod's older, stage's newer.
  expect(screen).toMatch(/PPC [0-9a-f]{7} · SDK 0\.11\.2/);
  expect(screen).toMatch(/PPC [0-9a-f]{7} · SDK 0\.11\.3/);
}, 60_000);
