import { describe, expect, it } from 'vitest';
import { HOTFIX_PLAYBOOK_FOR_TEST, NIGHTLY_PLAYBOOK_FOR_TEST } from './playbook-builders.js';
import { NIGHTLY_EARLY_MS, pickPull, pullLookupOf, readsReviews } from '../../src/domain/pull-lookup.js';
import { WEEKLY_PLAYBOOK } from '../../src/domain/weekly-playbook.js';
import { pull } from './checklist-builders.js';

const at = (iso: string) => Date.parse(iso);

describe('which pull request a playbook acts on', () => {
  it('is the promotion for the weekly, the nightly job\'s since the window for the nightly, a fix\'s for the hotfix', () => {
    expect(pullLookupOf(WEEKLY_PLAYBOOK, undefined)).toEqual({ kind: 'promotion' });
    expect(pullLookupOf(NIGHTLY_PLAYBOOK_FOR_TEST, at('2026-12-01T02:00:00Z'))).toEqual({ kind: 'nightly', since: at('2026-12-01T02:00:00Z') - NIGHTLY_EARLY_MS });
    expect(pullLookupOf(HOTFIX_PLAYBOOK_FOR_TEST, undefined)).toEqual({ kind: 'hotfix' });
    expect([WEEKLY_PLAYBOOK, NIGHTLY_PLAYBOOK_FOR_TEST, HOTFIX_PLAYBOOK_FOR_TEST].map(readsReviews)).toEqual([false, false, true]);
  });

  it("finds last night's master -> staging pull request, merged or not, and not an older one", () => {
    const since = at('2026-12-01T01:00:00Z');
    const lastNight = pull({ number: 12, headRef: 'master', baseRef: 'staging', state: 'closed', merged: true, createdAt: '2026-12-01T02:00:04Z' });
    const nightBefore = pull({ number: 11, headRef: 'master', baseRef: 'staging', createdAt: '2026-11-30T02:00:04Z' });
    expect(pickPull([lastNight, nightBefore], { kind: 'nightly', since }, 'master')?.number).toBe(12);
    expect(pickPull([nightBefore], { kind: 'nightly', since }, 'master')).toBeNull();
  });

  it('takes an open pull request from its own branch as the hotfix, never a promotion', () => {
    const promotion = pull({ number: 20, headRef: 'release/2026-12-01-1a2b3c4' });
    const fromStaging = pull({ number: 21, headRef: 'staging' });
    const closedFix = pull({ number: 22, headRef: 'hotfix/old', state: 'closed' });
    const fix = pull({ number: 23, headRef: 'hotfix/negative-invoices' });
    expect(pickPull([promotion, fromStaging, closedFix, fix], { kind: 'hotfix' }, 'staging')?.number).toBe(23);
    expect(pickPull([promotion, fromStaging], { kind: 'promotion' }, 'staging')?.number).toBe(20);
  });
});
