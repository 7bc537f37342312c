import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTmux, type TmuxSession } from '../helpers/tmux.js';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../..', import.meta.url));
const COLUMNS = 80;
const ROWS = 24;

/** Ink clears the whole screen when a frame reaches the terminal's height: the last row must stay free. */
function expectFitsTerminal(screen: string, rows: number, columns: number): void {
  const lines = screen.split('\n');
  expect(lines.length).toBeLessThanOrEqual(rows - 1);
  for (const line of lines) expect([...line].length).toBeLessThanOrEqual(columns);
}

const done = (n: number) => (screen: string) => screen.includes(`Checklist · ${n}/9 done`);

describe('cockpit demo in a real terminal (80x24)', () => {
  let tmux: TmuxSession;

  beforeAll(async () => {
    tmux = await startTmux('node bin/cockpit.js demo --seed 7 --speed 2', { columns: COLUMNS, rows: ROWS, cwd: root, env: { COCKPIT_NOTIFY: 'off' } });
  });

  afterAll(async () => {
    await tmux?.kill();
  });

  it('drives a whole weekly release to "release complete" with the keyboard alone', async () => {
    let screen = await tmux.waitFor((s) => s.includes('ahead of production'), 'the environments and the staging -> production diff');
    expect(screen).toContain('DEMO');
    expect(screen).toContain('1. Review what changes');
    expectFitsTerminal(screen, ROWS, COLUMNS);

    // Review: a manual step, acknowledged with Enter and confirmed with y.
    await tmux.send('Enter');
    await tmux.waitFor((s) => s.includes('y / n'), 'the review confirmation');
    await tmux.send('y');
    await tmux.waitFor(done(1), 'the review step done');

    // Choose: once staging's commits are read, the list opens with the latest green commit preselected, not the red head.
    await tmux.waitFor((s) => s.includes('latest green:'), "the choose step naming the latest green commit");
    await tmux.send('Enter');
    screen = await tmux.waitFor((s) => s.includes('[latest green]'), 'the candidate list');
    expect(screen).toMatch(/RED.*\[head\]/);
    expect(screen).toMatch(/❯ ✔ [0-9a-f]{7} \[latest green\]/);
    await tmux.send('Enter');
    screen = await tmux.waitFor(done(2), 'the candidate chosen');
    const candidate = /Candidate: ([0-9a-f]{7})/.exec(screen)?.[1];
    expect(candidate).toBeDefined();

    // Open the promotion PR: asks first, then opens it through a release branch at the candidate.
    await tmux.send('Enter');
    screen = await tmux.waitFor((s) => s.includes('y / n'), 'the open-PR confirmation');
    expect(screen).toContain(`for ${candidate}`);
    await tmux.send('y');
    screen = await tmux.waitFor((s) => /PR #\d+ opened/.test(s), 'the PR opened');
    expect(screen).toContain(`release/`);

    // Resize in the middle of the release: the layout follows and the frame still fits.
    await tmux.resize(120, 36);
    screen = await tmux.waitFor((s) => s.split('\n').some((line) => line.length > COLUMNS), 'the wider layout');
    expectFitsTerminal(screen, 36, 120);
    await tmux.resize(COLUMNS, ROWS);
    screen = await tmux.waitFor((s) => s.split('\n').every((line) => line.length <= COLUMNS) && s.includes('Checklist'), 'the 80x24 layout again');
    expectFitsTerminal(screen, ROWS, COLUMNS);

    // The PR's CI passes on its own; merging asks first.
    await tmux.waitFor(done(4), 'the PR build green', 60_000);
    // As a person would: merge once the step says GitHub agrees (its mergeable_state can lag the checks).
    await tmux.waitFor((s) => s.includes('can merge'), 'GitHub saying the PR can merge', 30_000);
    await tmux.send('Enter');
    await tmux.waitFor((s) => s.includes('Merge PR #'), 'the merge confirmation');
    await tmux.send('y');
    await tmux.waitFor((s) => /merged as [0-9a-f]{7}/.test(s), 'the merge');

    // The push build deploys production, and production is verified to serve the release.
    await tmux.waitFor(done(7), 'production deployed and verified', 90_000);

    // Update the customer PPCs; one fails its first try and is retried with r.
    await tmux.send('Enter');
    await tmux.waitFor((s) => s.includes('Update 12 customer PPCs'), 'the PPC update confirmation');
    await tmux.send('y');
    screen = await tmux.waitFor((s) => /PPC \S+ failed/.test(s), 'the PPC that fails its first update', 90_000);
    await tmux.send('r');
    await tmux.waitFor((s) => s.includes('Retry updating'), 'the retry confirmation');
    await tmux.send('y');

    screen = await tmux.waitFor(done(9), 'release complete', 120_000);
    expect(screen).toMatch(/12 of 12|12 done/);
    expectFitsTerminal(screen, ROWS, COLUMNS);
    // The last word of the release is where to read it back, not the rollout's last wave.
    await tmux.waitFor((s) => s.includes('Release complete; its report as Markdown: cockpit report'), 'the report hint');

    // Quitting when nothing is in flight needs no confirmation.
    await tmux.send('q');
    await tmux.waitFor(() => true, 'exit');
    const deadline = Date.now() + 10_000;
    while ((await tmux.isAlive()) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await tmux.isAlive()).toBe(false);

    // On the way out the whole command is printed (tmux wraps it at 80 columns), and it prints this release.
    const printed = (await tmux.screen()).split('\n').join('');
    const command = /Its report as Markdown: cockpit report (\S+?\.jsonl)/.exec(printed);
    expect(command, printed).not.toBeNull();
    const { stdout } = await run(process.execPath, ['bin/cockpit.js', 'report', command?.[1] ?? ''], { cwd: root });
    expect(stdout).toContain('**complete**');
    expect(stdout).toContain('12 done');
  }, 420_000);
});
