import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.js';
import { summarizeConfig, waveSizes } from '../../src/config/summary.js';
import type { Config } from '../../src/config/schema.js';
import type { Tokens } from '../../src/config/tokens.js';

const read = (name: string): Config => parseConfig(readFileSync(new URL(`../fixtures/configs/${name}`, import.meta.url), 'utf8'), name);
const valid = read('valid.yaml');
const demo = read('sim-like.yaml');
const found: Tokens = { github: 'ghp_SecretGithub000', githubSource: 'gh', travis: 'travis-secret-111', travisSource: 'env' };
const none: Tokens = { githubSource: 'none', travisSource: 'none' };

describe('summarizeConfig', () => {
  it('gives the whole release setup on one screen', () => {
    expect(summarizeConfig(valid, { path: '/home/alice/acme/cockpit.yaml', tokens: found })).toBe(
      [
        'config OK: /home/alice/acme/cockpit.yaml',
        '  service       acme/service, GitHub API https://api.github.com',
        '  CI            travis, API https://api.travis-ci.com',
        '  environments  testing    <- master      https://testing.acme.example/version',
        '                staging    <- staging     https://staging.acme.example/version',
        '                production <- production  https://www.acme.example/version',
        '  components    PPC  github.com/acme/ppc in Gopkg.lock',
        '                SDK  SDK_VERSION in .travis.yml',
        '  schedule      Europe/Berlin: nightly 02:00, weekly tuesday 14:00',
        '  roles         primary alice, secondary bob',
        '  merge         the first the repository allows of merge, squash, rebase',
        '  hotfix        approvers carol, dave',
        '  customers     5 PPCs, 1 with a maintenance window',
        '                updates via acme/ppc-updates@master, 5 per request',
        '  rollout       canary (2), rest (3); 4 at a time',
        '  tokens        GitHub  from gh auth token',
        '                Travis  from TRAVIS_TOKEN',
        '',
      ].join('\n'),
    );
  });

  it('shows the configured merge method', () => {
    expect(summarizeConfig({ ...valid, merge: { method: 'squash' } }, { path: 'c.yaml', tokens: found })).toContain('\n  merge         squash (merge.method), if the repository allows it\n');
  });

  it('never shows a token', () => {
    const text = summarizeConfig(valid, { path: 'cockpit.yaml', tokens: found });
    expect(text).not.toContain('ghp_SecretGithub000');
    expect(text).not.toContain('travis-secret-111');
  });

  it('says which token is missing for a remote API, and that the demo world needs none', () => {
    expect(summarizeConfig(valid, { path: 'c.yaml', tokens: none })).toContain(
      '  tokens        GitHub  missing; set GITHUB_TOKEN or run gh auth login\n                Travis  missing; set TRAVIS_TOKEN\n',
    );
    expect(summarizeConfig(demo, { path: 'c.yaml', tokens: none })).toContain('GitHub  none (not needed: the API is on this machine)');
  });

  it('fits 80 columns: long site URLs go on their own lines, long paths lose their start', () => {
    const path = `/very/long/${'nested/'.repeat(20)}cockpit.yaml`;
    const text = summarizeConfig(demo, { path, tokens: none });
    for (const line of text.split('\n')) expect([...line].length).toBeLessThanOrEqual(80);
    expect(text).toContain('  environments  testing    <- master\n                  http://127.0.0.1:4010/sites/testing/version\n');
    expect(text).toMatch(/^config OK: ….*nested\/cockpit\.yaml$/m);
  });

  it('counts customers that no wave takes', () => {
    const config: Config = { ...valid, rollout: { concurrency: 2, waves: [{ name: 'canary', customers: ['globex'] }] } };
    expect(summarizeConfig(config, { path: 'c.yaml', tokens: none })).toContain('  rollout       canary (1); 2 at a time; 4 customers in no wave\n');
  });

  it('says so when there is nothing to roll out, or one wave of everyone', () => {
    expect(summarizeConfig(demo, { path: 'c.yaml', tokens: none })).toContain('  rollout       nothing to roll out\n');
    const noWaves: Config = { ...valid, rollout: { concurrency: 8, waves: [] } };
    expect(summarizeConfig(noWaves, { path: 'c.yaml', tokens: none })).toContain('  rollout       one wave of all 5, 8 at a time\n');
  });
});

describe('waveSizes', () => {
  it('gives a wave without a list everyone not named before it', () => {
    expect(waveSizes(valid)).toEqual([
      { name: 'canary', size: 2 },
      { name: 'rest', size: 3 },
    ]);
  });
});
