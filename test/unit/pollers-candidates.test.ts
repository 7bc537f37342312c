import { describe, expect, it } from 'vitest';
import type { Commit } from '../../src/domain/commit.js';
import { commitsTargetLacks } from '../../src/pollers/read-candidates.js';

const commit = (n: number): Commit => ({ sha: `${String(n).padStart(2, '0')}${'a'.repeat(38)}`, message: `change ${n}`, author: 'dana-w', date: '2026-11-20T10:00:00Z' });
/** A staging listing, newest first: c9 (head) .. c1. */
const listed = [9, 8, 7, 6, 5, 4, 3, 2, 1].map(commit);
const shas = (commits: readonly Commit[]) => commits.map((c) => c.sha.slice(0, 2));
const lacking = (...ns: number[]) => ({ aheadBy: ns.length, commits: ns.map(commit) });

describe('commitsTargetLacks', () => {
  it('stops at production head when production is an ancestor of staging', () => {
    expect(shas(commitsTargetLacks(listed, commit(6).sha, lacking(9, 8, 7)))).toEqual(['09', '08', '07']);
  });

  it('keeps only what the compare says production lacks when production is a merge commit staging never saw', () => {
    // Production merged a release branch at c7: its head is not on staging's list at all.
    const merge = 'ff'.repeat(20);
    expect(shas(commitsTargetLacks(listed, merge, lacking(9, 8)))).toEqual(['09', '08']);
  });

  it('is empty when production already has staging head', () => {
    expect(commitsTargetLacks(listed, commit(9).sha, undefined)).toEqual([]);
    expect(commitsTargetLacks(listed, 'ff'.repeat(20), lacking())).toEqual([]);
  });

  it('falls back to stopping at production head when GitHub cut the compare list short', () => {
    // 300 ahead, but the answer lists only the oldest 250: staging's newest commits are not in it.
    const cut = { aheadBy: 300, commits: [commit(1)] };
    expect(shas(commitsTargetLacks(listed, commit(4).sha, cut))).toEqual(['09', '08', '07', '06', '05']);
    expect(commitsTargetLacks(listed, 'ff'.repeat(20), cut)).toHaveLength(listed.length);
  });
});
