import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ROOT, startSimProcess, type SimProcess } from '../helpers/release-process.js';
import { startTmux, type TmuxSession } from '../helpers/tmux.js';

// `cockpit init` in a real terminal against the demo world (a `cockpit sim` process): its questions answered
// with the keyboard, one of them not with its default.

let dir: string;
let sim: SimProcess;
const sessions: TmuxSession[] = [];

beforeAll(async () => {
  if (!existsSync(join(ROOT, 'dist', 'bundle', 'cli.js'))) throw new Error('dist/ is missing: run `npm run build` first');
  dir = mkdtempSync(join(tmpdir(), 'cockpit-init-tty-'));
  sim = await startSimProcess(dir, { seed: 5, speed: 1 });
});

afterAll(async () => {
  for (const s of sessions) await s.kill();
  sim?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** init in an 80x24 terminal; the shell prints its exit code after it, since the pane outlives it. */
async function init(out: string): Promise<TmuxSession> {
  const command = `node bin/cockpit.js init --repo acme/service --api-url ${sim.url}/github --out ${out}; echo "exit code $?"`;
  const session = await startTmux(`sh -c '${command}'`, { columns: 80, rows: 24, cwd: ROOT, env: { GITHUB_TOKEN: 'sim-alice' } });
  sessions.push(session);
  return session;
}

describe('cockpit init in a terminal', () => {
  it('asks what the repository does not say, each default preselected, and writes the answer chosen', async () => {
    const out = join(dir, 'asked.yaml');
    const tmux = await init(out);
    let screen = await tmux.waitFor((s) => s.includes('Which time zone is the schedule in?'), 'the first question');
    expect(screen).toMatch(/❯ UTC/);
    await tmux.send('Enter');
    screen = await tmux.waitFor((s) => s.includes('Which day is the weekly release?'), 'the weekly day');
    expect(screen).toMatch(/❯ tuesday/);
    // Not the default: the day after.
    await tmux.send('Down');
    await tmux.waitFor((s) => /❯ wednesday/.test(s), 'wednesday selected');
    await tmux.send('Enter');
    await tmux.waitFor((s) => s.includes('At what time does the weekly release start?'), 'the weekly time');
    await tmux.send('Enter');
    await tmux.waitFor((s) => s.includes('At what time is the nightly promotion?'), 'the nightly time');
    await tmux.send('Enter');
    screen = await tmux.waitFor((s) => s.includes('exit code'), 'init to finish');
    expect(screen).toContain('exit code 0');
    expect(screen).toContain(`wrote ${out} for acme/service`);
    // Answered, so not listed as a default to check.
    expect(screen).not.toContain('defaults taken');
    const written = parse(readFileSync(out, 'utf8')) as { schedule: unknown };
    expect(written.schedule).toEqual({ timezone: 'UTC', nightly: '02:00', weekly: { day: 'wednesday', time: '14:00' } });
  }, 60_000);

  it('writes nothing on Esc or Ctrl-C, says so in one line, and exits 2', async () => {
    for (const key of ['Escape', 'C-c']) {
      const out = join(dir, `left-${key}.yaml`);
      const tmux = await init(out);
      await tmux.waitFor((s) => s.includes('Which time zone is the schedule in?'), 'the first question');
      await tmux.send('Enter');
      await tmux.waitFor((s) => s.includes('Which day is the weekly release?'), 'the second question');
      await tmux.send(key);
      const screen = await tmux.waitFor((s) => s.includes('exit code'), `init to stop on ${key}`);
      expect(screen).toContain('cockpit: init aborted: nothing written');
      expect(screen).toContain('exit code 2');
      expect(screen).not.toMatch(/\n\s+at /);
      expect(existsSync(out)).toBe(false);
    }
  }, 60_000);
});
