import { describe, expect, it } from 'vitest';
import type { CheckRunSignal, StatusSignal } from '../../src/domain/ci.js';
import { judgeHead, pullRequestGate, pushGate, travisBuildOf } from '../../src/domain/required-checks.js';

const SHA = 'c0ffee0000000000000000000000000000000000';
const run = (name: string, status: string, conclusion: string | null, app = 'travis-ci', extra: Partial<CheckRunSignal> = {}): CheckRunSignal => ({ name, status, conclusion, app, ...extra });
const status = (context: string, state: string, url?: string): StatusSignal => ({ context, state, ...(url ? { url } : {}) });
const travisPr = (conclusion: string | null) => run('Travis CI - Pull Request', conclusion ? 'completed' : 'in_progress', conclusion, 'travis-ci', { externalId: '4711', appId: 67 });
const bots = [run('Lint bot', 'queued', null, 'lint-bot'), status('codecov/patch', 'failure')] as const;

describe('which checks gate', () => {
  it("without branch rules or config, counts only Travis's own pull-request check: a failing or queued bot is shown, never counted", () => {
    const gate = pullRequestGate({ checks: [], from: [] }, [], 'production');
    const verdict = judgeHead({ sha: SHA, checkRuns: [travisPr('success'), bots[0]], statuses: [bots[1]] }, gate);
    expect(verdict.state).toBe('success');
    expect(verdict.gating.map((l) => l.name)).toEqual(['Travis CI - Pull Request']);
    expect(verdict.optional.map((l) => [l.name, l.state])).toEqual([
      ['Lint bot', 'pending'],
      ['codecov/patch', 'failure'],
    ]);
  });

  it('makes a check GitHub requires gate even when it is not Travis, and waits while it has not reported', () => {
    const gate = pullRequestGate({ checks: [{ name: 'codecov/patch' }], from: ['branch protection'] }, [], 'production');
    expect(gate).toMatchObject({ kind: 'named', from: "production's branch protection" });
    expect(judgeHead({ sha: SHA, checkRuns: [travisPr('success')], statuses: [bots[1]] }, gate).state).toBe('failure');
    const none = judgeHead({ sha: SHA, checkRuns: [travisPr('success')], statuses: [] }, gate);
    expect(none.state).toBe('none');
    expect(none.gating).toEqual([{ name: 'codecov/patch', state: 'missing', required: true }]);
  });

  it('adds ci.required to what GitHub requires, by event, and matches the app when the config names one', () => {
    const configured = [{ name: 'Lint bot', app: 'lint-bot', on: ['pull_request' as const] }];
    const gate = pullRequestGate({ checks: [{ name: 'Travis CI - Pull Request', appId: 67 }], from: ['rulesets'] }, configured, 'staging');
    expect(gate).toMatchObject({ kind: 'named', from: "staging's rulesets and ci.required" });
    expect(judgeHead({ sha: SHA, checkRuns: [travisPr('success'), bots[0]], statuses: [] }, gate).state).toBe('pending');
    // The same name from another app does not satisfy it.
    const impostor = run('Lint bot', 'completed', 'success', 'someone-else');
    expect(judgeHead({ sha: SHA, checkRuns: [travisPr('success'), impostor], statuses: [] }, gate).state).toBe('pending');
    expect(pushGate(configured)).toEqual({ kind: 'provider', provider: 'travis', event: 'push' });
  });

  it('keeps a check of the wrong app id out of a rule that names its app', () => {
    const gate = pullRequestGate({ checks: [{ name: 'Travis CI - Pull Request', appId: 67 }], from: ['branch protection'] }, [], 'production');
    const forged = run('Travis CI - Pull Request', 'completed', 'success', 'forger', { appId: 999 });
    expect(judgeHead({ sha: SHA, checkRuns: [forged], statuses: [] }, gate).state).toBe('none');
  });

  it('falls back to the provider when the rules could not be read, and says so', () => {
    const gate = pullRequestGate({ checks: [], from: [], unreadable: "GitHub would not show production's branch protection (403 Resource not accessible)" }, [], 'production');
    expect(gate).toEqual({ kind: 'provider', provider: 'travis', event: 'pull_request', note: "GitHub would not show production's branch protection (403 Resource not accessible)" });
  });

  it('judges a branch commit by the push check and its legacy status, not the pull-request one', () => {
    const gate = pushGate([]);
    expect(judgeHead({ sha: SHA, checkRuns: [], statuses: [status('continuous-integration/travis-ci/push', 'success'), bots[1]] }, gate).state).toBe('success');
    expect(judgeHead({ sha: SHA, checkRuns: [travisPr('success')], statuses: [] }, gate).state).toBe('none');
  });

  it('treats a status GitHub did not document as unknown: not green, not failed', () => {
    const verdict = judgeHead({ sha: SHA, checkRuns: [run('Travis CI - Pull Request', 'stalled', null)], statuses: [] }, pullRequestGate(undefined, [], 'production'));
    expect(verdict.state).toBe('pending');
    expect(verdict.gating[0]?.state).toBe('unknown');
  });

  it("ties the head to its Travis build through the check run's external id, or a legacy status's build URL", () => {
    expect(travisBuildOf({ sha: SHA, checkRuns: [travisPr(null)], statuses: [] }, 'pull_request')).toBe(4711);
    expect(travisBuildOf({ sha: SHA, checkRuns: [], statuses: [status('continuous-integration/travis-ci/pr', 'pending', 'https://app.travis-ci.com/github/acme/service/builds/88')] }, 'pull_request')).toBe(88);
    expect(travisBuildOf({ sha: SHA, checkRuns: [travisPr(null)], statuses: [] }, 'push')).toBeUndefined();
  });
});
