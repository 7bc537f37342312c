// The nightly check and the hotfix, each driven to its end in a real terminal: the real binary, the demo's
// own world process, keys sent through tmux.
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { startTmux, type TmuxSession } from '../helpers/tmux.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
let tmux: TmuxSession | undefined;

afterEach(async () => {
  await tmux?.kill();
  tmux = undefined;
});

function expectFits(screen: string, columns: number, rows: number): void {
  const lines = screen.split('\n');
  expect(lines.length).toBeLessThanOrEqual(rows - 1);
  for (const line of lines) expect([...line].length).toBeLessThanOrEqual(columns);
}

async function quits(session: TmuxSession): Promise<void> {
  await session.send('q');
  const deadline = Date.now() + 10_000;
  while ((await session.isAlive()) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
  expect(await session.isAlive()).toBe(false);
}

describe('cockpit demo with the other playbooks', () => {
  it("checks last night's promotion at 80x24: reads the failed job's log, restarts it, merges, and sees staging deployed", async () => {
    tmux = await startTmux('node bin/cockpit.js demo --scenario nightly --seed 4 --speed 4 --fresh', { columns: 80, rows: 24, cwd: root, env: { COCKPIT_NOTIFY: 'off' } });
    const t = tmux;
    // The step's reason wraps in the 80-column checklist: "✖ job 4397.3 integration / tests failed".
    let screen = await t.waitFor((s) => s.includes('✖ job') && s.includes('tests failed'), 'the failed job of the nightly pull request', 30_000);
    expect(screen).toContain('Nightly check');
    expect(screen).toContain("✔ 1. Find last night's pull r");
    expectFits(screen, 80, 24);

    await t.send('l');
    screen = await t.waitFor((s) => s.includes('Log · job') && s.includes('FAIL'), "the failed job's log");
    await t.send('Escape');
    await t.send('r');
    await t.waitFor((s) => s.includes('Restart job') && s.includes('y / n'), 'the restart question');
    await t.send('y');
    await t.waitFor((s) => s.includes('Checklist · 2/6 done'), 'the CI green after the restart', 60_000);

    await t.send('Enter');
    await t.waitFor((s) => s.includes('Merge PR #') && s.includes('into staging'), 'the merge question');
    await t.send('y');
    screen = await t.waitFor((s) => s.includes('Checklist · 6/6 done'), 'staging deployed and verified', 90_000);
    expect(screen).toContain('Staging is up to date');
    expectFits(screen, 80, 24);
    await quits(t);
  }, 240_000);

  it("runs a hotfix at 200x50: waits for the manager's approval, then merges it into production", async () => {
    tmux = await startTmux('node bin/cockpit.js demo --scenario hotfix --seed 4 --speed 2 --fresh', { columns: 200, rows: 50, cwd: root, env: { COCKPIT_NOTIFY: 'off' } });
    const t = tmux;
    let screen = await t.waitFor((s) => s.includes('waiting for maria-s to approve PR #'), 'the approval wait', 30_000);
    expect(screen).toContain('hotfix/negative-invoices');
    // Every pane at once in a wide terminal.
    for (const pane of ['Checklist', 'Environments', 'CI', 'Rollout']) expect(screen).toContain(pane);
    expectFits(screen, 200, 50);

    await t.waitFor((s) => s.includes('Checklist · 3/7 done'), 'the approval and the green CI', 60_000);
    await t.send('Enter');
    await t.waitFor((s) => s.includes('(approved by maria-s)? Its merge deploys production.'), 'the merge question naming the approver');
    await t.send('y');
    screen = await t.waitFor((s) => s.includes('Checklist · 7/7 done'), 'production deployed and verified', 90_000);
    expect(screen).toContain('Hotfix complete');
    await quits(t);
  }, 240_000);
});
