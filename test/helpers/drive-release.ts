import type { TmuxSession } from './tmux.js';

// The weekly release driven with the keyboard as a person would, for e2e tests whose subject is not the driving.

export const checklistDone = (n: number) => (screen: string) => screen.includes(`Checklist · ${n}/9 done`);

/**
 * From the first screen to production deployed and verified (7 of 9 done): review, choose the latest green
 * candidate, open the promotion PR, wait for its CI, merge it, wait for the deploy. Returns the candidate's short sha.
 */
export async function driveToProduction(tmux: TmuxSession): Promise<string> {
  await tmux.waitFor((s) => /staging is \d+ commits\s+ahead/.test(s), 'the staging -> production diff', 30_000);
  await tmux.send('Enter');
  await tmux.waitFor((s) => s.includes('y / n'), 'the review confirmation');
  await tmux.send('y');
  await tmux.waitFor(checklistDone(1), 'the review step done');
  await tmux.waitFor((s) => s.includes('latest green:'), 'the choose step naming the latest green commit');
  await tmux.send('Enter');
  await tmux.waitFor((s) => s.includes('[latest green]'), 'the candidate list');
  await tmux.send('Enter');
  const screen = await tmux.waitFor(checklistDone(2), 'the candidate chosen');
  const candidate = /Candidate: ([0-9a-f]{7})/.exec(screen)?.[1] ?? '';
  await tmux.send('Enter');
  await tmux.waitFor((s) => s.includes('y / n'), 'the open-PR confirmation');
  await tmux.send('y');
  await tmux.waitFor((s) => /PR #\d+ opened/.test(s), 'the PR opened');
  await tmux.waitFor(checklistDone(4), 'the PR build green', 60_000);
  // Merge once the step says GitHub agrees: its mergeable_state can lag the checks.
  await tmux.waitFor((s) => s.includes('can merge'), 'GitHub saying the PR can merge', 30_000);
  await tmux.send('Enter');
  await tmux.waitFor((s) => s.includes('Merge PR #'), 'the merge confirmation');
  await tmux.send('y');
  await tmux.waitFor((s) => /merged as [0-9a-f]{7}/.test(s), 'the merge');
  await tmux.waitFor(checklistDone(7), 'production deployed and verified', 90_000);
  return candidate;
}
