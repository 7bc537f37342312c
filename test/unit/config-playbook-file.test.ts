import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.js';
import { loadPlaybook, parsePlaybook } from '../../src/config/playbook-file.js';
import type { Config } from '../../src/config/schema.js';
import { UsageError } from '../../src/exit-codes.js';

const config = parseConfig(readFileSync(new URL('../fixtures/configs/valid.yaml', import.meta.url), 'utf8'), 'valid.yaml');
const fixture = new URL('../fixtures/playbooks/weekly-with-sign-off.yaml', import.meta.url).pathname;

function problem(text: string, with_: Config = config): string {
  try {
    parsePlaybook(text, 'team.yaml', with_);
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }
  throw new Error('the playbook was accepted');
}

const steps = (...types: string[]) => types.map((t) => `  - type: ${t}`).join('\n');

describe('a team playbook file', () => {
  it('becomes a playbook of the built-in steps and its own manual ones, with the words it gives', async () => {
    const playbook = await loadPlaybook(fixture, config, '/');
    expect(playbook).toMatchObject({ name: 'Weekly release with a sign-off', id: 'weekly-release-with-a-sign-off', label: 'Weekly release with a sign-off', from: 'staging', to: 'production' });
    expect(playbook.steps.map((s) => `${s.id}:${s.kind}`)).toEqual([
      'review-changes:manual',
      'tell-support-the-release-starts:manual',
      'choose-candidate:choose',
      'open-promotion-pr:action',
      'wait-pr-ci:gate',
      'qa-sign-off:manual',
      'merge-promotion-pr:action',
      'wait-deploy:gate',
      'verify-environment:gate',
      'update-ppcs:action',
      'release-complete:gate',
    ]);
    expect(playbook.steps[1]).toMatchObject({ type: 'manual', who: 'secondary', description: 'Post in #support that production is about to change.' });
    expect(playbook.steps[8]).toMatchObject({ title: 'Check production by hand too', who: 'cockpit' });
    expect(playbook.steps[7]?.title).toBe('Wait for the production deploy');
  });

  it('defaults to the top two environments', () => {
    const playbook = parsePlaybook(`name: Ours\nsteps:\n${steps('find-hotfix-pr', 'merge-promotion-pr')}\n`, 'team.yaml', config);
    expect([playbook.from, playbook.to]).toEqual(['staging', 'production']);
  });

  it.each([
    ['an unknown step type, with a guess', `name: Ours\nsteps:\n${steps('review-changes', 'wait-pr-cii')}\n`, 'steps[1].type (line 4): expected one of review-changes, choose-candidate, open-promotion-pr, find-nightly-pr, find-hotfix-pr, await-approval, wait-pr-ci, merge-promotion-pr, wait-deploy, verify-environment, update-ppcs, wait-ppcs, wait-until, release-complete, manual, found "wait-pr-cii"; did you mean "wait-pr-ci"?'],
    ['a misspelt key', `name: Ours\nsteps:\n  - type: manual\n    titel: Tell support\n`, 'steps[0].titel (line 4): unknown key; expected one of type, id, title, who, description, until'],
    ['no steps', 'name: Ours\nsteps: []\n', 'steps (line 2): expected at least 1 item, found 0 items'],
    ['no name', `steps:\n${steps('review-changes')}\n`, 'name (line 1): missing; expected a string'],
    ['an environment the config lacks', `name: Ours\nto: prodution\nsteps:\n${steps('review-changes')}\n`, 'to (line 2): no environment named "prodution" in the config; expected one of testing, staging, production; did you mean "production"?'],
    ['environments the wrong way round', `name: Ours\nfrom: production\nto: staging\nsteps:\n${steps('review-changes')}\n`, 'to (line 3): "staging" is not above "production" in the config\'s environments (testing, staging, production); a playbook moves a change up'],
    ['a manual step without a title', 'name: Ours\nsteps:\n  - type: manual\n    id: sign-off\n', 'steps[0].title (line 3): missing; a manual step needs a title that says what to do'],
    ['a merge with no pull request before it', `name: Ours\nsteps:\n${steps('review-changes', 'merge-promotion-pr')}\n`, 'steps[1].type (line 4): "merge-promotion-pr" needs a step that finds or opens the pull request before it (open-promotion-pr, find-nightly-pr, find-hotfix-pr)'],
    ['the deploy before the merge', `name: Ours\nsteps:\n${steps('find-hotfix-pr', 'wait-deploy', 'merge-promotion-pr')}\n`, 'steps[1].type (line 4): "wait-deploy" needs the merge before it (merge-promotion-pr): the deploy is the merge\'s push build'],
    ['opening a PR with no candidate', `name: Ours\nsteps:\n${steps('open-promotion-pr')}\n`, 'steps[0].type (line 3): "open-promotion-pr" needs a candidate chosen before it (choose-candidate)'],
    ['a built-in step twice', `name: Ours\nsteps:\n${steps('find-hotfix-pr', 'wait-pr-ci', 'wait-pr-ci')}\n`, 'steps[2].type (line 5): "wait-pr-ci" is already steps[1]; each built-in step appears once'],
    ['two ways to the pull request', `name: Ours\nsteps:\n${steps('find-hotfix-pr', 'find-nightly-pr')}\n`, 'steps[1].type (line 4): "find-nightly-pr" and "find-hotfix-pr" (steps[0]) both bring a pull request; a playbook follows one'],
    ['release complete before the end', `name: Ours\nsteps:\n${steps('review-changes', 'release-complete', 'find-hotfix-pr')}\n`, 'steps[1].type (line 4): "release-complete" must be the last step: it waits for every other one'],
    ['two steps with one id', 'name: Ours\nsteps:\n  - type: manual\n    title: Sign off\n  - type: manual\n    title: Sign off\n', 'steps[1].id (line 5): the id "sign-off" is taken by steps[0]; every step needs its own id'],
    ['a built-in playbook\'s name', `name: Weekly production release\nsteps:\n${steps('review-changes')}\n`, 'name (line 1): "Weekly production release" reads as the built-in weekly playbook\'s name (its releases are called YYYY-MM-DD-weekly); give this one its own, so its releases are not mistaken for that one\'s'],
    ['a built-in playbook\'s id in capitals', `name: WEEKLY\nsteps:\n${steps('review-changes')}\n`, 'name (line 1): "WEEKLY" reads as the built-in weekly playbook\'s name (its releases are called YYYY-MM-DD-weekly); give this one its own, so its releases are not mistaken for that one\'s'],
    ['"<id> release"', `name: Nightly release\nsteps:\n${steps('review-changes')}\n`, 'name (line 1): "Nightly release" reads as the built-in nightly playbook\'s name (its releases are called YYYY-MM-DD-nightly); give this one its own, so its releases are not mistaken for that one\'s'],
    ['a second release\'s id', `name: hotfix 2\nsteps:\n${steps('review-changes')}\n`, 'name (line 1): "hotfix 2" reads as the built-in hotfix playbook\'s name (its releases are called YYYY-MM-DD-hotfix); give this one its own, so its releases are not mistaken for that one\'s'],
    ['a bad id', 'name: Ours\nsteps:\n  - type: manual\n    id: Sign Off\n    title: Sign off\n', 'steps[0].id (line 4): expected a lower-case id like "tell-support", found "Sign Off"'],
  ])('names the field and line of %s', (_what, text, message) => {
    const said = problem(text);
    expect(said.split('\n')).toEqual(['team.yaml: 1 problem in the playbook:', `  - ${message}`]);
  });

  it('says every problem at once, in the order of the file', () => {
    const said = problem(`name: Ours\nto: prod\nsteps:\n  - type: manual\n${steps('merge-promotion-pr', 'bogus')}\n`);
    expect(said.split('\n').slice(1).map((l) => l.replace(/:.*$/, ''))).toEqual(['  - to (line 2)', '  - steps[0].title (line 4)', '  - steps[1].type (line 5)', '  - steps[2].type (line 6)']);
  });

  it('points at the YAML syntax error with a caret', () => {
    expect(problem('name: Ours\nsteps:\n  - type: manual\n   title: x\n').split('\n')[0]).toMatch(/^team\.yaml:4:\d+: not valid YAML/);
  });

  it('needs hotfix approvers for an approval step', () => {
    const none = { ...config, hotfix: { approvers: [] } };
    expect(problem(`name: Ours\nsteps:\n${steps('find-hotfix-pr', 'await-approval')}\n`, none)).toContain('steps[1].type (line 4): "await-approval" needs someone who may approve: hotfix.approvers in the config is empty');
  });
});

describe('--playbook', () => {
  it('names the three built-in playbooks, bound to the configured environments', async () => {
    expect((await loadPlaybook(undefined, config, '/')).id).toBe('weekly');
    const nightly = await loadPlaybook('nightly', config, '/');
    expect([nightly.from, nightly.to]).toEqual(['testing', 'staging']);
    const renamed = { ...config, environments: config.environments.map((e, i) => ({ ...e, name: ['dev', 'stage', 'prod'][i] ?? e.name })) };
    const hotfix = await loadPlaybook('hotfix', renamed, '/');
    expect([hotfix.from, hotfix.to]).toEqual(['stage', 'prod']);
    expect(hotfix.steps.find((s) => s.type === 'verify-environment')?.title).toBe('Verify prod');
  });

  it('refuses with one line what it cannot run', async () => {
    await expect(loadPlaybook('weekyl', config, '/')).rejects.toThrow(new UsageError('unknown playbook "weekyl"; expected weekly, nightly, hotfix or a playbook file; did you mean "weekly"?'));
    await expect(loadPlaybook('missing.yaml', config, '/tmp')).rejects.toThrow(new UsageError('the playbook file /tmp/missing.yaml does not exist'));
    await expect(loadPlaybook('hotfix', { ...config, hotfix: { approvers: [] } }, '/')).rejects.toThrow(/the hotfix playbook waits for a manager's approval, and hotfix\.approvers in the config names nobody/);
    await expect(loadPlaybook('nightly', { ...config, environments: config.environments.slice(1) }, '/')).rejects.toThrow(new UsageError('the nightly playbook needs 3 environments below each other; the config has 2'));
  });

  it('reads a file relative to the working directory', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'playbook-'));
    writeFileSync(join(dir, 'ours.yaml'), `name: Ours\nsteps:\n${steps('find-hotfix-pr', 'merge-promotion-pr')}\n`);
    expect((await loadPlaybook('ours.yaml', config, dir)).steps).toHaveLength(2);
  });
});
