import { describe, expect, it } from 'vitest';
import { chooseMergeMethod } from '../../src/domain/merge-method.js';
import { mergeReadiness, notPassing, type MergeFacts } from '../../src/domain/merge-readiness.js';
import { CANDIDATE, OLD, pull } from './checklist-builders.js';

const REPO = 'acme/service';
const at = (overrides: Partial<MergeFacts> = {}): MergeFacts => ({ headSha: CANDIDATE, ...overrides });
const commit = (sha: string, message: string) => ({ sha, message, author: 'priya-n', date: '2026-01-01T00:00:00Z' });

describe('chooseMergeMethod', () => {
  it('takes the first method the repository allows when the config names none', () => {
    expect(chooseMergeMethod(undefined, { merge: true, squash: true, rebase: true }, REPO)).toEqual({ ok: true, method: 'merge', why: 'allowed' });
    expect(chooseMergeMethod(undefined, { merge: false, squash: true, rebase: false }, REPO)).toEqual({ ok: true, method: 'squash', why: 'allowed' });
    expect(chooseMergeMethod(undefined, { merge: false, squash: false, rebase: true }, REPO)).toEqual({ ok: true, method: 'rebase', why: 'allowed' });
  });

  it('takes the configured method the repository allows, and refuses one it forbids naming the field and the fix', () => {
    expect(chooseMergeMethod('rebase', { merge: true, squash: true, rebase: true }, REPO)).toEqual({ ok: true, method: 'rebase', why: 'configured' });
    expect(chooseMergeMethod('merge', { merge: false, squash: true, rebase: true }, REPO)).toEqual({
      ok: false,
      error: 'merge.method in the config is "merge", but acme/service allows only squash merges and rebase merges: set merge.method to "squash" or "rebase" or change the repository\'s settings',
    });
  });

  it('keeps to the configured method, or a merge commit, when GitHub does not say (a token that may not push)', () => {
    expect(chooseMergeMethod('squash', {}, REPO)).toEqual({ ok: true, method: 'squash', why: 'configured' });
    expect(chooseMergeMethod(undefined, undefined, REPO)).toEqual({ ok: true, method: 'merge', why: 'not said' });
  });

  it('says so when the repository allows no method at all', () => {
    expect(chooseMergeMethod(undefined, { merge: false, squash: false, rebase: false }, REPO)).toMatchObject({ ok: false, error: expect.stringMatching(/^acme\/service allows no merge method/) });
  });
});

describe('mergeReadiness', () => {
  it('waits while GitHub computes, whatever else is known', () => {
    expect(mergeReadiness(pull({ mergeable: null, mergeableState: 'unknown' }), at())).toEqual({ kind: 'wait', text: 'GitHub is still checking whether PR #42 can merge' });
    expect(mergeReadiness(pull({ mergeable: true, mergeableState: 'unknown' }), undefined).kind).toBe('wait');
  });

  it('offers the branch update when behind, naming the newest commit the base has and how many', () => {
    const facts = at({ missing: { behindBy: 2, commits: [commit('f00dfeed'.repeat(5), 'Hotfix: cap discounts\n\nbody'), commit('beef'.repeat(10), 'older')] } });
    expect(mergeReadiness(pull({ mergeableState: 'behind' }), facts)).toEqual({
      kind: 'behind',
      text: 'PR #42 is 2 commits behind production: it lacks f00dfee "Hotfix: cap discounts" and 1 more; press Enter to update its branch (merge production into staging); CI then runs again on the new head',
    });
  });

  it('names the files of a conflict and offers no merge', () => {
    const text = mergeReadiness(pull({ mergeable: false, mergeableState: 'dirty' }), at({ bothChanged: ['.travis.yml', 'Gopkg.lock'] })).text;
    expect(text).toBe('PR #42 conflicts with production in .travis.yml, Gopkg.lock (changed on both sides): resolve it on staging (CI then runs again); the cockpit offers no merge');
  });

  it('says what blocks: the checks not passing, changes requested, or that GitHub does not say', () => {
    const blocked = pull({ mergeableState: 'blocked' });
    const checks = notPassing({
      sha: CANDIDATE,
      checkRuns: [
        { name: 'Travis CI - Pull Request', status: 'in_progress', conclusion: null },
        { name: 'lint', status: 'completed', conclusion: 'skipped' },
        { name: 'codecov/patch', status: 'completed', conclusion: 'failure' },
      ],
      statuses: [{ context: 'ci/legacy', state: 'success' }],
    });
    const reviews = [{ id: 1, user: 'maria-s', state: 'CHANGES_REQUESTED' as const, submittedAt: null, commitId: CANDIDATE }];
    expect(mergeReadiness(blocked, at({ notPassing: checks, reviews })).text).toBe(
      'GitHub blocks merging PR #42: checks not passing on 1a2b3c4: Travis CI - Pull Request (pending), codecov/patch (failing); changes requested by maria-s',
    );
    expect(mergeReadiness(blocked, undefined)).toEqual({ kind: 'refused', text: 'GitHub blocks merging PR #42: a branch rule is not met (required reviews or checks GitHub does not name here)' });
  });

  it('allows an unstable merge and names the failing optional checks', () => {
    const facts = at({ method: { ok: true, method: 'squash', why: 'allowed' }, notPassing: [{ name: 'codecov/patch', state: 'failing' }] });
    expect(mergeReadiness(pull({ mergeableState: 'unstable' }), facts)).toEqual({ kind: 'ready', text: 'PR #42 can merge by squash (unstable: optional checks failing: codecov/patch)', optionalFailing: ['codecov/patch'] });
  });

  it('refuses a draft, and a clean pull whose configured method the repository forbids', () => {
    expect(mergeReadiness(pull({ mergeableState: 'draft' }), undefined)).toEqual({ kind: 'refused', text: 'PR #42 is a draft: mark it ready for review on GitHub before it can merge' });
    expect(mergeReadiness(pull(), at({ method: { ok: false, error: 'merge.method says no' } }))).toEqual({ kind: 'refused', text: 'merge.method says no' });
  });

  it('ignores facts read for another head: they say nothing about this one', () => {
    const old = { headSha: OLD, bothChanged: ['README.md'] };
    expect(mergeReadiness(pull({ mergeable: false, mergeableState: 'dirty' }), old).text).toBe('PR #42 conflicts with production: resolve it on staging (CI then runs again); the cockpit offers no merge');
  });
});
