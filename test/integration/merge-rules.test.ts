// GitHub's merge rules through the real clients against the demo world: the merge method the repository allows,
// and each mergeable_state the merge step acts on (behind, dirty, blocked, unstable, draft).
import { afterEach, describe, expect, it } from 'vitest';
import { selectReleaseView } from '../../src/store/selectors.js';
import type { Config } from '../../src/config/schema.js';
import { gateCondition } from '../../src/domain/gates.js';
import { mergeReadiness } from '../../src/domain/merge-readiness.js';
import type { StepDefinition } from '../../src/domain/playbook.js';
import { WEEKLY_PLAYBOOK } from '../../src/domain/weekly-playbook.js';
import { createEngine } from '../../src/engine/engine.js';
import type { EngineRecord } from '../../src/journal/events.js';
import { actionFor } from '../../src/keys/step-rules.js';
import { readMergeFacts } from '../../src/pollers/read-merge-facts.js';
import { createServices, type Services } from '../../src/services/index.js';
import { startSim, type SimHandle } from '../../src/sim/index.js';
import { openPull } from '../../src/sim/world/github-ops.js';
import type { CockpitStoreApi } from '../../src/store/create-cockpit-store.js';
import { advanceSim, injectFault } from '../helpers/sim.js';
import { freshStore, jumpTo, statusOf } from '../unit/checklist-builders.js';
import { factsOf, hits, sourceErrorOf } from './services-support.js';

const MERGE_ROUTE = 'PUT /github/repos/:owner/:repo/pulls/:number/merge';
const UPDATE_ROUTE = 'PUT /github/repos/:owner/:repo/pulls/:number/update-branch';
const running: SimHandle[] = [];
const step = (type: string): StepDefinition => {
  const found = WEEKLY_PLAYBOOK.steps.find((s) => s.type === type);
  if (!found) throw new Error(`the weekly playbook has no ${type} step`);
  return found;
};

afterEach(async () => {
  for (const sim of running.splice(0)) await sim.close();
});

async function world(scenario: string, rules: Record<string, boolean> = {}, speed = 100): Promise<SimHandle> {
  const sim = await startSim({ scenario, seed: 21, speed });
  running.push(sim);
  Object.assign(sim.world.rules, rules);
  return sim;
}

/** A fresh client per write: the throttle spaces one client's writes 3 s apart, which is not under test here. */
const services = (sim: SimHandle, config: Config = sim.config, timeoutMs?: number): Services => createServices(config, {}, timeoutMs === undefined ? {} : { timeoutMs });

/** The release branch at staging's green commit and its pull request into production, once GitHub computed it. */
async function releasePull(sim: SimHandle, afterMs = 5_000) {
  const facts = factsOf(sim);
  await services(sim).github.createBranch('release/merge-rules', facts.stagingGreen);
  const opened = await services(sim).github.createPull({ head: 'release/merge-rules', base: 'production', title: 'Release', body: '' });
  await advanceSim(sim, afterMs);
  return services(sim).github.getPull(opened.number);
}

function engineOn(sim: SimHandle, store: CockpitStoreApi, config: Config = sim.config, written: EngineRecord[] = [], timeoutMs?: number) {
  const journal = { record: (e: EngineRecord) => (written.push(e), e.type === 'intent' ? (e.id ?? `i${written.length}`) : e.id) };
  return createEngine({ store, services: services(sim, config, timeoutMs), config, now: Date.now, notify: () => undefined, journal });
}

describe('the merge method', () => {
  it('reads a squash-only repository, merges by squash, and production deploys and serves the squash commit', async () => {
    const sim = await world('weekly', { squashOnly: true });
    const reader = services(sim).github;
    expect(await reader.getMergeMethods()).toEqual({ merge: false, squash: true, rebase: false });
    // A conditional GET, as every read: the second look is a 304 that spends no rate limit.
    const unchanged = sim.stats().notModified;
    expect(await reader.getMergeMethods()).toEqual({ merge: false, squash: true, rebase: false });
    expect(sim.stats().notModified).toBe(unchanged + 1);
    const pull = await releasePull(sim);
    await advanceSim(sim, 15 * 60_000);

    // The old fixed merge_method: GitHub's 405, in its words.
    const refused = await sourceErrorOf(() => services(sim).github.mergePull(pull.number, { sha: pull.headSha, method: 'merge' }));
    expect(refused.error).toMatchObject({ kind: 'conflict', status: 405 });
    expect(refused.error.message).toContain('Merge commits are not allowed on this repository.');

    const store = freshStore(Date.now());
    store.getState().promotionRead({ pull: await services(sim).github.getPull(pull.number), candidateSha: factsOf(sim).stagingGreen });
    jumpTo(store, 'merge-promotion-pr', Date.now());
    const written: EngineRecord[] = [];
    await engineOn(sim, store, sim.config, written).perform({ type: 'merge-pr', number: pull.number, sha: pull.headSha });
    const mergeSha = store.getState().promotion.mergeSha ?? '';
    expect(statusOf(store, 'merge-promotion-pr')).toBe('done');
    expect(written[0]).toMatchObject({ type: 'intent', action: 'merge-pr', method: 'squash' });
    expect(hits(sim, MERGE_ROUTE)).toBe(2);
    // A squash commit: production's new head has production's old head as its only parent, not the candidate.
    const squash = sim.world.git.commits.get(mergeSha);
    expect(squash?.parents).toEqual([factsOf(sim).productionHead]);
    expect(mergeSha).not.toBe(factsOf(sim).stagingGreen);

    // Deploy and verify follow the merge sha: its push build runs and the site ends up serving it.
    await advanceSim(sim, 30 * 60_000);
    const deployBuild = (await services(sim).travis.listBuilds({ repo: sim.config.service.repo, branches: ['production'], events: ['push'], limit: 1 }))[0];
    expect(deployBuild).toMatchObject({ sha: mergeSha, state: 'passed' });
    store.getState().promotionRead({ deployBuild: deployBuild ?? null });
    const deploy = sim.config.environments.find((e) => e.name === 'production');
    const served = await (await fetch(deploy?.site.url ?? '')).json();
    expect(JSON.stringify(served)).toContain(mergeSha);
    expect(gateCondition(step('wait-deploy'), selectReleaseView(store.getState())).isMet).toBe(true);
  });

  it('refuses a configured method the repository forbids in one line, before anything is sent', async () => {
    const sim = await world('weekly', { squashOnly: true });
    const pull = await releasePull(sim);
    await advanceSim(sim, 15 * 60_000);
    const config: Config = { ...sim.config, merge: { method: 'rebase' } };
    const store = freshStore(Date.now());
    const clean = await services(sim).github.getPull(pull.number);
    expect(clean.mergeableState).toBe('clean');
    store.getState().promotionRead({ pull: clean });
    jumpTo(store, 'merge-promotion-pr', Date.now());
    const written: EngineRecord[] = [];
    await engineOn(sim, store, config, written).perform({ type: 'merge-pr', number: pull.number, sha: pull.headSha });

    const reason = store.getState().checklist.steps.find((s) => s.id === 'merge-promotion-pr')?.reason;
    expect(reason).toBe('Nothing sent: merge.method in the config is "rebase", but acme/service allows only squash merges: set merge.method to "squash" or change the repository\'s settings');
    expect(hits(sim, MERGE_ROUTE)).toBe(0);
    expect(written).toEqual([]);
    // The merge step's line says the same before the user even presses Enter.
    const facts = await readMergeFacts(services(sim, config).github, config, clean);
    expect(mergeReadiness(clean, facts).text).toBe(reason?.replace('Nothing sent: ', ''));
  });
});

describe('a base that moved (behind)', () => {
  it('names the hotfix production has, updates the branch only at the head it saw, and the new head builds again', async () => {
    const sim = await world('strict');
    const pull = await releasePull(sim);
    expect(pull.mergeableState).toBe('behind');
    const facts = await readMergeFacts(services(sim).github, sim.config, pull);
    expect(facts?.missing?.behindBy).toBe(2);
    expect(facts?.missing?.commits.map((c) => c.message.split('\n')[0])).toContain('Hotfix: stop double-charging retried card payments');
    const store = freshStore(Date.now());
    store.getState().promotionRead({ pull, ...(facts ? { merge: facts } : {}) });
    jumpTo(store, 'merge-promotion-pr', Date.now());
    const line = gateCondition(step('merge-promotion-pr'), selectReleaseView(store.getState())).text;
    expect(line).toMatch(new RegExp(`^PR #${pull.number} is 2 commits behind production: it lacks [0-9a-f]{7} "Merge pull request #299 from acme/hotfix/double-charge" and 1 more; press Enter to update its branch`));

    // GitHub refuses the merge of an out-of-date head; Enter offers the update instead.
    const outOfDate = await sourceErrorOf(() => services(sim).github.mergePull(pull.number, { sha: pull.headSha, method: 'squash' }));
    expect(outOfDate.error).toMatchObject({ kind: 'conflict', status: 409 });
    expect(outOfDate.error.message).toMatch(/out of date/);
    expect(actionFor(step('merge-promotion-pr'), store.getState())).toEqual({ type: 'update-branch', number: pull.number, sha: pull.headSha });

    // expected_head_sha: an update for a head that is not the PR's is refused, with GitHub's words.
    const wrong = await sourceErrorOf(() => services(sim).github.updateBranch(pull.number, factsOf(sim).stagingHead));
    expect(wrong.error).toMatchObject({ kind: 'conflict', status: 422 });
    expect(wrong.error.message).toContain('expected head sha didn’t match current head ref.');
    expect(sim.stats().branchUpdates).toBe(0);

    const written: EngineRecord[] = [];
    await engineOn(sim, store, sim.config, written).perform({ type: 'update-branch', number: pull.number, sha: pull.headSha });
    expect(store.getState().ui.notice).toMatchObject({ tone: 'success', text: expect.stringContaining('Updating pull request branch.') });
    expect(written.map((e) => e.type)).toEqual(['intent', 'outcome']);
    expect(written[1]).toMatchObject({ ok: true, number: pull.number });
    expect(sim.stats().branchUpdates).toBe(1);

    const updated = await services(sim).github.getPull(pull.number);
    expect(updated.headSha).not.toBe(pull.headSha);
    expect((await services(sim).github.compare('production', updated.headSha)).behindBy).toBe(0);
    // The new head has a PR build of its own coming, and the old head's green verdict merges nothing.
    expect(sim.world.builds.filter((b) => b.pullRequest?.number === pull.number && b.headSha === updated.headSha)).toHaveLength(1);
    const stale = await sourceErrorOf(() => services(sim).github.mergePull(pull.number, { sha: pull.headSha, method: 'squash' }));
    expect(stale.error).toMatchObject({ kind: 'conflict', status: 409 });
    expect(stale.error.message).toMatch(/head moved/);
    await advanceSim(sim, 5_000);
    expect((await services(sim).github.getPull(pull.number)).mergeableState).not.toBe('behind');
  });

  it('looks a lost update answer up instead of sending it again', async () => {
    const sim = await world('weekly', { requireUpToDate: true });
    await fetch(`${sim.url}/_sim/push`, { method: 'POST', body: JSON.stringify({ branch: 'production', message: 'Hotfix straight to production' }) });
    const pull = await releasePull(sim);
    expect(pull.mergeableState).toBe('behind');
    await injectFault(sim.url, { target: 'github', kind: 'lost', method: 'PUT', path: `/repos/acme/service/pulls/${pull.number}/update-branch`, count: 1 });

    const store = freshStore(Date.now());
    store.getState().promotionRead({ pull });
    const written: EngineRecord[] = [];
    await engineOn(sim, store, sim.config, written).perform({ type: 'update-branch', number: pull.number, sha: pull.headSha });
    expect(hits(sim, UPDATE_ROUTE)).toBe(1);
    expect(sim.stats().branchUpdates).toBe(1);
    expect(written[1]).toMatchObject({ type: 'outcome', ok: true, reconciled: true });
    expect(store.getState().ui.notice?.text).toMatch(/answer .* was lost, but its head moved to [0-9a-f]{7}: the update happened/);
  });

  it('leaves an update whose answer never came and whose effect is not seen as unknown, never as not sent', async () => {
    const sim = await world('weekly', { requireUpToDate: true });
    await fetch(`${sim.url}/_sim/push`, { method: 'POST', body: JSON.stringify({ branch: 'production', message: 'Hotfix straight to production' }) });
    const pull = await releasePull(sim);
    // The request is held and never reaches the world: no effect, and no answer within the client's second.
    await injectFault(sim.url, { target: 'github', kind: 'timeout', method: 'PUT', path: `/repos/acme/service/pulls/${pull.number}/update-branch`, count: 1 });
    const store = freshStore(Date.now());
    store.getState().promotionRead({ pull });
    const written: EngineRecord[] = [];
    await engineOn(sim, store, sim.config, written, 1_000).perform({ type: 'update-branch', number: pull.number, sha: pull.headSha });
    expect(written[1]).toMatchObject({ type: 'outcome', ok: false, error: expect.stringMatching(/^no answer/) });
    expect(written[1]).not.toHaveProperty('notSent');
    expect(store.getState().ui.notice).toMatchObject({ tone: 'warning', text: expect.stringContaining('it may yet move') });
    expect(sim.stats().branchUpdates).toBe(0);
    // Nothing was sent again by itself; the user's next Enter sends one update, still pinned to the head it saw.
    await engineOn(sim, store, sim.config, written).perform({ type: 'update-branch', number: pull.number, sha: pull.headSha });
    expect(sim.stats().branchUpdates).toBe(1);
  }, 20_000);
});

describe('what GitHub says blocks a merge', () => {
  it('names the file both sides changed for a conflict (dirty), and refuses the update and the merge', async () => {
    const sim = await world('weekly', { mergeConflicts: true });
    const pull = await releasePull(sim);
    const edit = { '.travis.yml': 'language: go\n# production pinned its own SDK\n' };
    await fetch(`${sim.url}/_sim/push`, { method: 'POST', body: JSON.stringify({ branch: 'production', message: 'Pin the SDK on production', files: edit }) });
    await advanceSim(sim, 5_000);
    const dirty = await services(sim).github.getPull(pull.number);
    expect(dirty).toMatchObject({ mergeable: false, mergeableState: 'dirty' });
    const facts = await readMergeFacts(services(sim).github, sim.config, dirty);
    expect(facts?.bothChanged).toContain('.travis.yml');
    expect(mergeReadiness(dirty, facts)).toEqual({ kind: 'refused', text: expect.stringMatching(/^PR #\d+ conflicts with production in (.*, )?\.travis\.yml.* \(changed on both sides\): resolve it on release\/merge-rules/) });

    const update = await sourceErrorOf(() => services(sim).github.updateBranch(dirty.number, dirty.headSha));
    expect(update.error.message).toContain('merge conflict between base and head');
    const merge = await sourceErrorOf(() => services(sim).github.mergePull(dirty.number, { sha: dirty.headSha }));
    expect(merge.error).toMatchObject({ kind: 'conflict', status: 405 });
    expect(sim.stats()).toMatchObject({ merges: 0, branchUpdates: 0 });
  });

  it('names the checks not passing and the missing review while blocked, and the failing optional check while unstable', async () => {
    // At speed 1, three sim seconds after opening: the PR build exists and has not finished.
    const sim = await world('weekly', {}, 1);
    const blocked = await releasePull(sim, 3_000);
    expect(blocked.mergeableState).toBe('blocked');
    const facts = await readMergeFacts(services(sim).github, sim.config, blocked);
    expect(mergeReadiness(blocked, facts).text).toBe(
      `GitHub blocks merging PR #${blocked.number}: checks not passing on ${blocked.headSha.slice(0, 7)}: Travis CI - Pull Request (pending); no approving review of ${blocked.headSha.slice(0, 7)} (if the branch requires one)`,
    );

    // master is not protected: a failing PR build leaves the merge allowed, "unstable", and the check is named.
    sim.world.scripted.push({ event: 'pull_request', branch: 'master', task: 'lint', attempts: Number.MAX_SAFE_INTEGER });
    await services(sim).github.createBranch('feature/unstable', factsOf(sim).masterHead);
    await fetch(`${sim.url}/_sim/push`, { method: 'POST', body: JSON.stringify({ branch: 'feature/unstable', message: 'Try a thing' }) });
    const opened = await services(sim).github.createPull({ head: 'feature/unstable', base: 'master', title: 'Try a thing', body: '' });
    await advanceSim(sim, 30 * 60_000);
    const unstable = await services(sim).github.getPull(opened.number);
    expect(unstable.mergeableState).toBe('unstable');
    const readiness = mergeReadiness(unstable, await readMergeFacts(services(sim).github, sim.config, unstable));
    expect(readiness).toEqual({ kind: 'ready', text: `PR #${opened.number} can merge by merge (unstable: optional checks failing: Travis CI - Pull Request)`, optionalFailing: ['Travis CI - Pull Request'] });
  });

  it('says a draft cannot merge', async () => {
    const sim = await world('weekly');
    await services(sim).github.createBranch('release/draft', factsOf(sim).stagingGreen);
    const draft = openPull(sim.world, { title: 'Draft release', head: 'release/draft', base: 'production', draft: true, user: 'dana-w' }, sim.clock.now());
    await advanceSim(sim, 5_000);
    const read = await services(sim).github.getPull(draft.number);
    expect(read.mergeableState).toBe('draft');
    expect(mergeReadiness(read, undefined)).toEqual({ kind: 'refused', text: `PR #${draft.number} is a draft: mark it ready for review on GitHub before it can merge` });
  });
});
