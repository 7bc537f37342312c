// A whole weekly release through the `strict` demo world (every /_sim/rules rule on: optional checks that fail or
// stay queued, protection that needs admin, an unprotected production, a late push after CI...), driven in a real
// terminal, with one more push to the PR's branch while the merge question is open.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { journalEvents, startCockpit, startSimProcess, until, type Cockpit, type SimProcess } from '../helpers/release-process.js';

const done = (n: number) => (screen: string) => screen.includes(`Checklist · ${n}/9 done`);

let dir: string;
let sim: SimProcess;
let cockpit: Cockpit | undefined;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cockpit-strict-'));
  sim = await startSimProcess(dir, { seed: 11, speed: 4, scenario: 'strict' });
});

afterAll(async () => {
  await cockpit?.kill();
  sim?.stop();
  rmSync(dir, { recursive: true, force: true });
});

it('completes with one merge request, the tested head merged, and every customer triggered once', async () => {
  const state = join(dir, 'state');
  cockpit = await startCockpit(sim, state);
  const c = cockpit;
  await c.waitFor((s) => s.includes('ahead of production'), 'the environments and the diff', 60_000);
  await c.send('Enter');
  await c.waitFor((s) => s.includes('y / n'), 'the review confirmation');
  await c.send('y');
  await c.waitFor((s) => s.includes('latest green:'), 'the latest green candidate', 60_000);
  await c.send('Enter');
  await c.waitFor((s) => s.includes('[latest green]'), 'the candidate list');
  await c.send('Enter');
  await c.waitFor(done(2), 'the candidate chosen');
  await c.send('Enter');
  await c.waitFor((s) => s.includes('y / n'), 'the open-PR confirmation');
  await c.send('y');
  await c.waitFor(done(3), 'the PR opened', 30_000);

  // Someone pushes to the PR's branch a moment after its first CI passed (rule latePush), and production has a
  // hotfix the candidate lacks: the PR is behind. The cockpit offers to update its branch; every new head is
  // tested again before the merge step says it can merge.
  type SimState = { pulls: { number: number; head: string; headSha: string }[]; branches: Record<string, { sha: string; message?: string }> };
  const world = async () => (await sim.state()) as unknown as SimState;
  await until(async () => {
    const w = await world();
    const pull = w.pulls.at(-1);
    return pull !== undefined && Object.values(w.branches).some((b) => b.message === 'Tweak the invoice rounding');
  }, 'the late push to the PR branch', 300_000);
  for (;;) {
    const seen = await c.waitFor((s) => s.includes('can merge') || s.includes('behind production'), 'the merge step saying what GitHub says', 300_000);
    if (seen.includes('can merge')) break;
    await c.send('Enter');
    await c.waitFor((s) => s.includes('y / n'), 'the branch update confirmation');
    await c.send('y');
    await c.waitFor((s) => !s.includes('behind production'), 'the branch updated', 60_000);
  }
  expect((await sim.stats()).branchUpdates).toBe(1);

  // One more push while the merge question is open: the question is withdrawn, nothing is merged.
  await c.send('Enter');
  await c.waitFor((s) => s.includes('Merge PR #') && s.includes('y / n'), 'the merge confirmation');
  const branch = (await world()).pulls.at(-1)?.head ?? '';
  const pushed = (await (await fetch(`${sim.url}/_sim/push`, { method: 'POST', body: JSON.stringify({ branch, message: 'Last-minute copy change', user: 'jchen' }) })).json()) as { sha: string };
  const screen = await c.waitFor((s) => !s.includes('y / n') && s.includes(`to ${pushed.sha.slice(0, 7)}`), 'the question withdrawn, naming the new head', 30_000);
  expect(screen).toContain('moved from');
  await c.send('y');
  expect((await sim.stats()).merges).toBe(0);

  await c.waitFor((s) => done(4)(s) && s.includes(`head ${pushed.sha.slice(0, 7)}`), "the last head's CI green", 300_000);
  await c.waitFor((s) => s.includes('can merge'), 'GitHub saying the PR can merge', 60_000);
  await c.send('Enter');
  await c.waitFor((s) => s.includes('Merge PR #') && s.includes(pushed.sha.slice(0, 7)) && s.includes('y / n'), 'the merge confirmation for the tested head', 30_000);
  await c.send('y');
  await c.waitFor((s) => /merged as [0-9a-f]{7}/.test(s), 'the merge', 60_000);
  await c.waitFor(done(7), 'production deployed and verified', 240_000);

  await c.send('Enter');
  await c.waitFor((s) => s.includes('Update 12 customer PPCs'), 'the PPC update confirmation');
  await c.send('y');
  await c.waitFor((s) => /PPC \S+ failed/.test(s), 'the PPC that fails its first update', 240_000);
  await c.send('r');
  await c.waitFor((s) => s.includes('Retry updating'), 'the retry confirmation');
  await c.send('y');
  await c.waitFor(done(9), 'release complete', 300_000);

  const stats = await sim.stats();
  expect(stats.merges).toBe(1);
  expect(stats.branchUpdates).toBe(1);
  expect(stats.requests['PUT /github/repos/:owner/:repo/pulls/:number/merge']).toBe(1);
  expect(Object.values(stats.ppcTriggers)).toHaveLength(12);
  expect(Object.values(stats.ppcTriggers).every((n) => n === 1)).toBe(true);
  const merge = journalEvents(state).find((e) => e.type === 'intent' && e.action === 'merge-pr');
  expect(merge).toMatchObject({ sha: pushed.sha });
}, 900_000);
