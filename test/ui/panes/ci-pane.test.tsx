import { describe, expect, it } from 'vitest';
import { CiPane } from '../../../src/ui/panes/ci-pane.js';
import { NOW, build, freshStore, job, pull, sha } from '../../helpers/ui-fixtures.js';
import { lines, waitForFrame } from '../../helpers/ui.js';
import { renderPane } from './render-pane.js';

describe('<CiPane>', () => {
  it('says it is reading until GitHub has answered once', async () => {
    const r = await renderPane(CiPane, freshStore());
    expect(r.lastFrame()).toContain('Reading pull requests and builds');
  });

  it('says there is no promotion PR yet once GitHub has answered', async () => {
    const store = freshStore();
    store.getState().sourceHealthChanged({ health: [{ source: 'github', state: 'ok', lastOkAt: NOW }] });
    const r = await renderPane(CiPane, store);
    expect(await waitForFrame(r, 'No promotion PR yet')).not.toContain('Reading');
  });

  it('shows why Travis cannot be read', async () => {
    const store = freshStore();
    store.getState().sourceHealthChanged({ health: [{ source: 'github', state: 'ok' }] });
    store.getState().sourceHealthChanged({ health: [{ source: 'travis', state: 'down', detail: 'timed out after 10s' }] });
    const r = await renderPane(CiPane, store);
    await waitForFrame(r, '✖ travis: timed out after 10s');
  });

  it("shows which checks gate the PR's head, the optional ones as not counted, and rules it could not read", async () => {
    const store = freshStore();
    store.getState().sourceHealthChanged({ health: [{ source: 'github', state: 'ok' }] });
    const head = pull().headSha;
    store.getState().promotionRead({
      pull: pull(),
      prCi: {
        sha: head,
        state: 'success',
        gating: [{ name: 'Travis CI - Pull Request', state: 'success', required: true }],
        optional: [{ name: 'codecov/patch', state: 'failure', required: false }],
        why: "Travis CI's own checks (nothing else is required)",
        note: "GitHub would not show production's branch protection (403)",
      },
    });
    const r = await renderPane(CiPane, store, { width: 120, height: 12 });
    const frame = await waitForFrame(r, `head ${head.slice(0, 7)} · gating: Travis CI - Pull Request`);
    expect(frame).toContain('optional, not counted: codecov/patch failed');
    expect(frame).toContain("GitHub would not show production's branch protection (403); gating on Travis CI's own checks");
  });

  it("lists the PR build's jobs with their state and elapsed time, the cursor on the selected job", async () => {
    const store = freshStore();
    store.getState().sourceHealthChanged({ health: [{ source: 'github', state: 'ok' }] });
    store.getState().promotionRead({ pull: pull(), prBuild: build() });
    store.getState().moveCiCursor(1);
    const r = await renderPane(CiPane, store);
    const frame = await waitForFrame(r, 'PR build #1234');
    expect(frame).toContain('PR #42 staging → production · open · clean');
    expect(frame).toContain('✔ 1234.1 job 1  3m 00s');
    expect(frame).toContain('› ● 1234.2 integration  10m 00s');
    expect(frame).toContain('○ 1234.3 lint  created');
    expect(frame).toContain('1/3 passed');
  });

  it('shows how long a job usually takes while it is queued or running, not once it is done', async () => {
    const store = freshStore();
    store.getState().sourceHealthChanged({ health: [{ source: 'github', state: 'ok' }] });
    store.getState().promotionRead({ pull: pull(), prBuild: build(), usualJobMs: { 'job 1': 120_000, integration: 12 * 60_000, lint: 45_000 } });
    const r = await renderPane(CiPane, store);
    const frame = await waitForFrame(r, ' of ~');
    expect(frame).toContain('integration  10m 00s of ~12m 00s');
    expect(frame).toContain('lint  created (~45s)');
    expect(frame).toMatch(/job 1 {2}3m 00s\s/);
  });

  it('shows the deploy build after the PR build and keeps the selected job in view when they do not fit', async () => {
    const store = freshStore();
    store.getState().sourceHealthChanged({ health: [{ source: 'github', state: 'ok' }] });
    const many = Array.from({ length: 12 }, (_, i) => job(i + 1));
    store.getState().promotionRead({
      mergeSha: sha('d0b7'),
      pull: pull({ merged: true, state: 'closed' }),
      prBuild: build({ state: 'passed', jobs: many }),
      deployBuild: build({ id: 99, number: '1300', sha: sha('d0b7'), event: 'push', state: 'failed', jobs: [job(1, { id: 9901, number: '1300.1', name: 'deploy', state: 'failed' })] }),
    });
    store.getState().moveCiCursor(12);
    const r = await renderPane(CiPane, store, { width: 60, height: 10 });
    const frame = await waitForFrame(r, 'Deploy build #1300');
    expect(frame).toContain('› ✖ 1300.1 deploy');
    expect(frame).toMatch(/↑ \d+ above/);
    expect(lines(frame)).toHaveLength(10);
  });

  it("calls the last push build the previous deploy until the merge's own build appears", async () => {
    const store = freshStore();
    store.getState().sourceHealthChanged({ health: [{ source: 'github', state: 'ok' }] });
    const previous = build({ id: 98, number: '1299', sha: sha('01d0'), event: 'push', state: 'passed', jobs: [job(1, { id: 9801, number: '1299.1', name: 'deploy' })] });
    // An open PR's merge_commit_sha is GitHub's test merge: it must not read as merged.
    store.getState().promotionRead({ pull: pull({ mergeCommitSha: sha('7e57') }), mergeSha: sha('7e57'), prBuild: build({ state: 'passed', jobs: [job(1)] }), deployBuild: previous });
    const r = await renderPane(CiPane, store, { width: 70, height: 14 });
    const before = await waitForFrame(r, 'Previous deploy #1299');
    expect(before).not.toContain('Deploy build');
    store.getState().promotionRead({ mergeSha: sha('d0b7'), pull: pull({ merged: true, state: 'closed' }) });
    await waitForFrame(r, 'Deploy build: waiting for the push build of d0b7d0b');
    store.getState().promotionRead({ deployBuild: build({ id: 99, number: '1300', sha: sha('d0b7'), event: 'push', state: 'started', jobs: [job(1, { id: 9901, number: '1300.1', name: 'deploy', state: 'started', finishedAt: null })] }) });
    const frame = await waitForFrame(r, 'Deploy build #1300 started');
    expect(frame).not.toContain('waiting for the push build');
  });
});
