import { describe, expect, it } from 'vitest';
import type { Build, Job } from '../../src/domain/ci.js';
import { usualJobDurations } from '../../src/domain/ci-history.js';

const T0 = Date.parse('2026-11-24T14:00:00Z');

function job(name: string, seconds: number | undefined, state: Job['state'] = 'passed'): Job {
  return {
    id: Math.floor(Math.random() * 1e9),
    number: '1.1',
    name,
    state,
    allowFailure: false,
    startedAt: new Date(T0).toISOString(),
    finishedAt: seconds === undefined ? null : new Date(T0 + seconds * 1000).toISOString(),
  };
}

function build(jobs: Job[]): Build {
  return { id: 1, number: '1', state: 'passed', event: 'push', branch: 'production', sha: 'a'.repeat(40), message: 'm', pullRequestNumber: null, startedAt: null, finishedAt: null, updatedAt: null, jobs };
}

describe('usualJobDurations', () => {
  it('takes the median of passed runs per job name', () => {
    const usual = usualJobDurations([build([job('lint', 60), job('unit tests', 200)]), build([job('lint', 120)]), build([job('lint', 90), job('unit tests', 300)])]);
    expect(usual).toEqual({ lint: 90_000, 'unit tests': 250_000 });
  });

  it('ignores failed, canceled and unfinished runs', () => {
    const usual = usualJobDurations([build([job('lint', 5, 'failed'), job('lint', undefined, 'started'), job('lint', 3, 'canceled'), job('lint', 100)])]);
    expect(usual).toEqual({ lint: 100_000 });
  });

  it('knows nothing without history', () => {
    expect(usualJobDurations([])).toEqual({});
  });
});
