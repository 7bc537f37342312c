import { describe, expect, it } from 'vitest';
import { formatReport } from '../../src/journal/report-md.js';
import type { UnstampedEvent } from '../../src/journal/events.js';
import { replay } from '../../src/journal/replay.js';
import { CANDIDATE, MERGE, RELEASE, TARGET, at, journal, step, throughVerify } from '../helpers/journal-fixtures.js';
import { HOTFIX_PLAYBOOK_FOR_TEST } from './playbook-builders.js';

const ROLLOUT = [
  [19, step('update-ppcs', 'running', 18)],
  [19, { type: 'rollout', target: TARGET }],
  [19, { type: 'ppc', customer: 'initech', state: 'done' }],
  [20, { type: 'intent', id: 't1', action: 'trigger-ppcs', repo: 'acme/ppc-fleet', branch: 'master', customers: ['acme', 'stark'], target: TARGET, message: 'm1' }],
  [20, { type: 'outcome', id: 't1', ok: true, requestId: 205 }],
  [26, { type: 'ppc', customer: 'acme', state: 'done' }],
  [26, { type: 'ppc', customer: 'stark', state: 'failed', detail: 'update job 890.2 failed' }],
  [30, { type: 'intent', id: 'r1', action: 'restart-job', customer: 'stark', jobId: 8902, buildId: 890 }, 'eli-r'],
  [30, { type: 'outcome', id: 'r1', ok: true }, 'eli-r'],
  [34, { type: 'ppc', customer: 'stark', state: 'done' }, 'eli-r'],
  [34, { type: 'ppc', customer: 'globex', state: 'skipped', detail: 'skipped: in a maintenance freeze | until Monday' }, 'eli-r'],
  [35, step('update-ppcs', 'done', 18, { finished: 35, outcome: 'all 4 PPCs at 909c6a9; 1 skipped' }), 'eli-r'],
  [35, step('release-complete', 'done', 35, { finished: 35, outcome: 'every step done' }), 'eli-r'],
] as const;

const complete = () =>
  replay(
    journal(
      ...throughVerify(),
      [12, { type: 'build', role: 'pr', id: 4397, number: '4397', state: 'passed', sha: CANDIDATE, url: 'https://travis/4397', startedAt: new Date(at(4)).toISOString(), finishedAt: new Date(at(10)).toISOString() }],
      [25, { type: 'driver', host: 'desk-2', pid: 9, resumed: true, tookOverFrom: 'dana-w' }, 'eli-r'],
      ...ROLLOUT,
    ),
  )!;

describe('the release report', () => {
  it('says what was released, how long it took, and who drove it', () => {
    const md = formatReport(complete(), { timeZone: 'Europe/Berlin', now: at(60) });
    expect(md).toMatch(/^# Weekly release 2026-11-24\n/);
    expect(md).toContain('Release `2026-11-24-weekly` of acme/service, staging -> production: **complete** in 35m 00s (2026-11-24 15:00 to 15:35 Europe/Berlin).');
    expect(md).toContain('Driven by dana-w on lap-7, then eli-r on desk-2 (took over from dana-w at 15:25).');
    expect(md).toContain('`cb0f495` Refactor the export worker, chosen by dana-w at 15:03.');
  });

  it('lists the components moved with a compare link, the PR and its builds with links', () => {
    const md = formatReport(complete(), { timeZone: 'UTC', now: at(60) });
    expect(md).toContain('| service | `aaaaaaa` | `cb0f495` ([compare](https://github.com/acme/service/compare/aaaaaaa1111111...cb0f4950d6d4bea62740ec6bed6d25a82087c6a9)) |');
    expect(md).toContain('| PPC revision | bfdf45f | `909c6a9` |');
    expect(md).toContain('| SDK version | 0.11.2 | 0.11.3 |');
    expect(md).toContain(`- PR [#307](https://github.com/acme/service/pull/307): release/2026-11-24-cb0f495 -> production, merged as \`${MERGE.slice(0, 7)}\` at 14:11`);
    expect(md).toContain('- PR build [#4397](https://travis/4397): passed, 6m 00s');
  });

  it('has a row per step with its outcome, who, when and how long, and the skips with their reasons', () => {
    const md = formatReport(complete(), { timeZone: 'UTC', now: at(60) });
    expect(md).toContain('| 4 | Wait for the pull request\'s CI | done: CI green: 4 of 4 jobs passed | dana-w | 14:04 | 6m 00s |');
    expect(md).toContain('| 8 | Update the customer PPCs | done: all 4 PPCs at 909c6a9; 1 skipped | eli-r | 14:18 | 17m 00s |');
    expect(md.match(/^\| \d+ \|/gm)).toHaveLength(9);
  });

  it('gives each PPC its outcome, how many requests and restarts it took, and why one was skipped', () => {
    const md = formatReport(complete(), { timeZone: 'UTC', now: at(60) });
    expect(md).toContain('3 done, 1 skipped (target `909c6a9`); 1 update request to Travis.');
    expect(md).toContain('| initech | done | already at the target |  |');
    expect(md).toContain('| stark | done | 1 request, 1 job restart |  |');
    expect(md).toContain('| globex | skipped |  | skipped: in a maintenance freeze \\| until Monday |');
  });

  it('says where a release still in progress stands, and warns about a damaged journal', () => {
    const open = replay(journal(...throughVerify().slice(0, 18)))!;
    const md = formatReport(open, { timeZone: 'UTC', now: at(45), warnings: ['line 40 was cut off (the cockpit stopped while writing it) and is ignored'] });
    expect(md).toContain('**in progress** at step 5, "Merge the promotion pull request" (running); started 2026-11-24 14:00 UTC, 45m 00s so far.');
    expect(md).toContain('- Warning: line 40 was cut off');
    expect(md).toContain('| 6 | Wait for the production deploy | pending |  |  |  |');
    expect(md).not.toContain('## Customer PPCs');
  });
});

describe('the report of a hotfix', () => {
  const HOTFIX_HEAD = '54d8c2f7e1d3c92d78224a4d541d5e17bc21301d';
  const hotfix = () =>
    replay(
      journal(
        [0, { ...(RELEASE as Extract<UnstampedEvent, { type: 'release' }>), id: '2026-11-26-hotfix', name: 'Hotfix 2026-11-26', playbook: { name: HOTFIX_PLAYBOOK_FOR_TEST.name, from: 'staging', to: 'production', steps: HOTFIX_PLAYBOOK_FOR_TEST.steps.map((s) => ({ id: s.id, title: s.title, type: s.type })) } }],
        [0, { type: 'pull', number: 310, url: 'https://github.com/acme/service/pull/310', head: 'hotfix/negative-invoices', base: 'production', headSha: HOTFIX_HEAD }],
        [1, step('find-hotfix-pr', 'done', 0, { finished: 1, outcome: 'PR #310 hotfix/negative-invoices -> production (open)' })],
        [2, { type: 'intent', id: 'c1', action: 'restart-ci-job', jobId: 99, buildId: 9, job: '4400.3 integration tests' }],
        [2, { type: 'outcome', id: 'c1', ok: true }],
        [9, { type: 'approval', number: 310, by: 'maria-s', sha: HOTFIX_HEAD, reviewId: 7, submittedAt: new Date(at(8)).toISOString() }],
        [9, step('await-approval', 'done', 1, { finished: 9, outcome: 'approved by maria-s at 54d8c2f' })],
      ),
    )!;

  it('says it went into production from its own branch, who approved it and which job was restarted, and chose no candidate', () => {
    const md = formatReport(hotfix(), { timeZone: 'UTC', now: at(10) });
    expect(md).toContain('Release `2026-11-26-hotfix` of acme/service, a hotfix into production: **in progress** at step 3');
    expect(md).toContain('- Approved by maria-s at 14:08 (a review of `54d8c2f`)');
    expect(md).toContain('- CI job 4400.3 integration tests restarted by dana-w at 14:02');
    expect(md).not.toContain('## Candidate');
  });
});
