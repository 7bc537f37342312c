import { describe, expect, it } from 'vitest';
import type { CiState } from '../../src/domain/ci.js';
import type { Commit } from '../../src/domain/commit.js';
import { candidateRows, latestGreen } from '../../src/domain/candidate.js';

const commit = (n: number): Commit => ({
  sha: String(n).repeat(40).slice(0, 40),
  message: `change ${n}`,
  author: 'dev',
  date: '2026-03-03T10:00:00Z',
});
/** Newest first: c1 is the head. */
const c = [commit(1), commit(2), commit(3), commit(4)];
const ciOf = (...states: (CiState | undefined)[]): Map<string, CiState> =>
  new Map(states.flatMap((s, i) => (s === undefined ? [] : [[c[i]!.sha, s] as [string, CiState]])));

describe('latestGreen', () => {
  it.each<[string, Commit[], Map<string, CiState>, Commit | undefined]>([
    ['the head when it is green', c, ciOf('success', 'success'), c[0]],
    ['the commit before a red head', c, ciOf('failure', 'success', 'success'), c[1]],
    ['the commit before a pending head', c, ciOf('pending', 'success'), c[1]],
    ['an older commit past red and unknown ones', c, ciOf('failure', undefined, 'none', 'success'), c[3]],
    ['nothing when all are red', c, ciOf('failure', 'failure', 'failure', 'failure'), undefined],
    ['nothing when all are pending or unknown', c, ciOf('pending', 'none'), undefined],
    ['nothing for an empty branch', [], new Map(), undefined],
  ])('picks %s', (_label, commits, ci, expected) => {
    expect(latestGreen(commits, ci)).toBe(expected);
  });
});

describe('candidateRows', () => {
  it('marks the head and the latest green, and defaults a missing verdict to none', () => {
    const rows = candidateRows(c, ciOf('failure', 'success', undefined, 'success'));
    expect(rows.map((r) => [r.commit.sha.slice(0, 1), r.ci, r.isHead, r.isLatestGreen])).toEqual([
      ['1', 'failure', true, false],
      ['2', 'success', false, true],
      ['3', 'none', false, false],
      ['4', 'success', false, false],
    ]);
  });

  it.each<[string, Map<string, CiState>]>([
    ['all red', ciOf('failure', 'failure', 'failure', 'failure')],
    ['nothing known', new Map()],
  ])('marks no latest green when %s', (_label, ci) => {
    expect(candidateRows(c, ci).filter((r) => r.isLatestGreen)).toEqual([]);
  });

  it('gives no rows for no commits', () => {
    expect(candidateRows([], new Map())).toEqual([]);
  });
});
