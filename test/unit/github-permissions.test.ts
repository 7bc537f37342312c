import { describe, expect, it } from 'vitest';
import { neededPermission, permissionProblem } from '../../src/services/github-permissions.js';

describe('what a refused GitHub call needed, in the words of the token settings page', () => {
  it('names a fine-grained permission and its level', () => {
    expect(neededPermission({ 'x-accepted-github-permissions': 'checks=read' })).toBe('Checks: read');
    expect(neededPermission({ 'x-accepted-github-permissions': 'statuses=read' })).toBe('Commit statuses: read');
  });

  it('joins the permissions of one set with "and" and the alternative sets with "or"', () => {
    expect(neededPermission({ 'x-accepted-github-permissions': 'repository_projects=write; organization_projects=admin' })).toBe('Repository projects: write or Organization projects: admin');
    expect(neededPermission({ 'x-accepted-github-permissions': 'contents=read,pull_requests=write' })).toBe('Contents: read and Pull requests: write');
  });

  it('falls back to a classic token\'s accepted scopes, and to nothing when neither header says', () => {
    expect(neededPermission({ 'x-accepted-oauth-scopes': 'repo, public_repo' })).toBe('scope repo or public_repo');
    expect(neededPermission({ 'x-accepted-github-permissions': ' ' })).toBeUndefined();
    expect(neededPermission({})).toBeUndefined();
  });

  it('finds the refusal inside a longer error message', () => {
    expect(permissionProblem('GitHub: reading CI of abc1234 failed: no permission: needs Checks: read')).toBe('no permission: needs Checks: read');
    expect(permissionProblem('GitHub: reading CI of abc1234 failed: forbidden (HTTP 403)')).toBeUndefined();
  });
});
