import { describe, expect, it } from 'vitest';
import { chosenEnvironments, initDecisions, initQuestions, ladderQuestions, type InitFindings } from '../../src/domain/init-questions.js';

const acme: InitFindings = {
  defaultBranch: 'master',
  branches: ['master', 'staging', 'production'],
  ppcProjects: ['github.com/acme/ppc', 'github.com/pkg/errors'],
  sdkVariables: ['SDK_VERSION', 'GO111MODULE'],
  filesAt: 'production',
};
const ids = (f: InitFindings) => initQuestions(f).map((q) => q.id);

describe('what init asks', () => {
  it('asks no branch when the branches name the environments, and only the schedule when the pins are clear', () => {
    expect(ladderQuestions(acme.branches, acme.defaultBranch)).toEqual([]);
    expect(ids(acme)).toEqual(['timezone', 'weekly-day', 'weekly-time', 'nightly']);
  });

  it('asks each environment its branch when no branch names it, the guess preselected even when no branch has that name', () => {
    const qs = ladderQuestions(['main', 'deploy-a', 'deploy-b'], 'main');
    expect(qs.map((q) => [q.id, q.defaultValue])).toEqual([['env:testing', 'main'], ['env:staging', 'staging'], ['env:production', 'production']]);
    expect(qs[1]?.choices.map((c) => c.label)).toEqual(['staging (no such branch yet)', 'main', 'deploy-a', 'deploy-b']);
    expect(chosenEnvironments(['main', 'deploy-a', 'deploy-b'], 'main', { 'env:staging': 'deploy-a', 'env:production': 'deploy-b' })).toEqual([
      { name: 'testing', branch: 'main' },
      { name: 'staging', branch: 'deploy-a' },
      { name: 'production', branch: 'deploy-b' },
    ]);
  });

  it('asks which variable is the SDK when none or several name it, and which project is the PPC when none or several do', () => {
    const unclear = { ...acme, sdkVariables: ['SDK_VERSION', 'SDK_TAG', 'GOFLAGS'], ppcProjects: ['github.com/acme/core', 'github.com/pkg/errors'] };
    const qs = initQuestions(unclear);
    const sdk = qs.find((q) => q.id === 'sdk');
    expect(sdk).toMatchObject({ defaultValue: 'SDK_VERSION', why: 'Several variables name the SDK: SDK_VERSION, SDK_TAG.' });
    expect(sdk?.choices.map((c) => c.value)).toEqual(['SDK_VERSION', 'SDK_TAG', 'GOFLAGS']);
    expect(qs.find((q) => q.id === 'ppc')).toMatchObject({ defaultValue: 'github.com/acme/core', why: 'No Gopkg.lock project is named like a PPC.' });
    // No SDK variable at all: the default is offered first, marked as not in the file.
    expect(initQuestions({ ...acme, sdkVariables: ['GOFLAGS'] }).find((q) => q.id === 'sdk')?.choices[0]).toEqual({ label: 'SDK_VERSION (not in .travis.yml)', value: 'SDK_VERSION' });
    // Nothing to choose from: nothing asked (the default is listed instead).
    expect(ids({ ...acme, sdkVariables: [], ppcProjects: [] })).toEqual(['timezone', 'weekly-day', 'weekly-time', 'nightly']);
  });

  it("offers this machine's time zone beside UTC, UTC preselected; every default is one of its choices", () => {
    const qs = initQuestions({ ...acme, localZone: 'Europe/Paris' });
    expect(qs[0]?.choices.slice(0, 2)).toEqual([{ label: 'Europe/Paris (this machine)', value: 'Europe/Paris' }, { label: 'UTC', value: 'UTC' }]);
    for (const q of qs) expect(q.choices.map((c) => c.value)).toContain(q.defaultValue);
  });
});

describe('what the answers decide', () => {
  it('takes the answers, and lists no default when a person answered', () => {
    const d = initDecisions(acme, { 'weekly-day': 'thursday', timezone: 'Europe/Berlin' }, true);
    expect(d.schedule).toEqual({ timezone: 'Europe/Berlin', nightly: '02:00', weekly: { day: 'thursday', time: '14:00' } });
    expect(d).toMatchObject({ ppcProject: 'github.com/acme/ppc', sdkVariable: 'SDK_VERSION', defaults: [] });
  });

  it('lists each default no one chose, in the words the file and the terminal use', () => {
    expect(initDecisions(acme, {}, false).defaults).toEqual(['schedule: UTC, nightly 02:00, weekly tuesday 14:00']);
    const bare = initDecisions({ ...acme, branches: ['main'], defaultBranch: 'main', ppcProjects: [], sdkVariables: [], filesAt: 'production' }, {}, false);
    expect(bare.defaults).toEqual([
      'environments testing/staging/production on main, staging, production: the branches did not say',
      'components.ppc.project github.com/OWNER/ppc: no Gopkg.lock project named like a PPC at production',
      'components.sdk.variable SDK_VERSION: no SDK variable in .travis.yml at production',
      'schedule: UTC, nightly 02:00, weekly tuesday 14:00',
    ]);
  });
});
