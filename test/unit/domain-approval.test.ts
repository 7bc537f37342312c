import { describe, expect, it } from 'vitest';
import { approvalOf } from '../../src/domain/approval.js';
import type { Review } from '../../src/domain/pull.js';

const HEAD = 'a'.repeat(40);
const OLDER = 'b'.repeat(40);
let id = 0;
const review = (user: string, state: Review['state'], commitId: string | null = HEAD): Review => ({ id: ++id, user, state, submittedAt: '2026-12-01T10:00:00Z', commitId });

describe('approvalOf', () => {
  it("approves with an approver's approval of the head, whoever else commented", () => {
    const verdict = approvalOf([review('bob', 'APPROVED'), review('maria-s', 'COMMENTED'), review('maria-s', 'APPROVED')], ['maria-s'], HEAD);
    expect(verdict).toMatchObject({ kind: 'approved', by: 'maria-s', sha: HEAD });
  });

  it('does not count an approval by someone who is not an approver', () => {
    expect(approvalOf([review('bob', 'APPROVED')], ['maria-s'], HEAD)).toEqual({ kind: 'waiting' });
  });

  it('compares logins as GitHub does, without case', () => {
    expect(approvalOf([review('Maria-S', 'APPROVED')], ['maria-s'], HEAD)).toMatchObject({ kind: 'approved', by: 'Maria-S' });
  });

  it('does not let an approval of an earlier head cover a later push, and says whose it was', () => {
    expect(approvalOf([review('maria-s', 'APPROVED', OLDER)], ['maria-s'], HEAD)).toEqual({ kind: 'waiting', stale: { by: 'maria-s', sha: OLDER } });
  });

  it("takes each approver's latest decision: a dismissal or a change request after an approval undoes it", () => {
    expect(approvalOf([review('maria-s', 'APPROVED'), review('maria-s', 'DISMISSED')], ['maria-s'], HEAD)).toEqual({ kind: 'waiting' });
    expect(approvalOf([review('maria-s', 'CHANGES_REQUESTED'), review('maria-s', 'APPROVED')], ['maria-s'], HEAD)).toMatchObject({ kind: 'approved' });
  });

  it("blocks on any approver's change request, even when another approved", () => {
    expect(approvalOf([review('maria-s', 'APPROVED'), review('carol', 'CHANGES_REQUESTED')], ['maria-s', 'carol'], HEAD)).toEqual({ kind: 'changes-requested', by: 'carol' });
  });

  it('says so when nobody may approve', () => {
    expect(approvalOf([review('maria-s', 'APPROVED')], [], HEAD)).toEqual({ kind: 'no-approvers' });
  });
});
