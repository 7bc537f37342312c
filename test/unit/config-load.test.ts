import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadConfig, parseConfig } from '../../src/config/load.js';
import { UsageError } from '../../src/exit-codes.js';

const fixtures = fileURLToPath(new URL('../fixtures/configs/', import.meta.url));
const valid = readFileSync(`${fixtures}valid.yaml`, 'utf8');

/** valid.yaml with one fragment replaced: each broken config differs from a good one by exactly one mistake. */
function mutate(from: string, to: string): string {
  expect(valid, `valid.yaml should contain ${JSON.stringify(from)}`).toContain(from);
  return valid.replace(from, to);
}

function messageFor(text: string): string {
  try {
    parseConfig(text, 'cockpit.yaml');
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }
  throw new Error('the config was accepted');
}

const one = (problem: string): string => `cockpit.yaml: 1 problem in the configuration:\n  - ${problem}`;

describe('parseConfig', () => {
  it('accepts the example config and fills in defaults', () => {
    const config = parseConfig(valid, 'cockpit.yaml');
    expect(config.service.repo).toBe('acme/service');
    expect(config.environments.map((e) => `${e.name}<-${e.branch}`)).toEqual(['testing<-master', 'staging<-staging', 'production<-production']);
    expect(config.environments[0]?.site.format).toBe('json');
    expect(config.schedule.timezone).toBe('Europe/Berlin');
    expect(config.ppcs?.customers).toHaveLength(5);
  });

  // Each row: what is broken, the edit to valid.yaml, and the exact message the user gets.
  it.each([
    ['YAML syntax error', ['repo: acme/service', 'repo: "acme/service'],
      'cockpit.yaml:3:9: not valid YAML: a quoted string is never closed (the closing quote is missing)\n      repo: "acme/service\n            ^'],
    ['YAML duplicate key', ['  nightly: "02:00"', '  nightly: "02:00"\n  nightly: "03:00"'],
      'cockpit.yaml:41:3: not valid YAML: duplicate key; this mapping already has a key of that name\n      nightly: "03:00"\n      ^'],
    ['missing service.repo', ['service:\n  repo: acme/service', 'service: {}'],
      one('service.repo (line 2): missing; expected a string')],
    ['repo not owner/name', ['repo: acme/service', 'repo: acme'],
      one('service.repo (line 3): expected "owner/name", found "acme"')],
    ['a typo in a key', ['environments:', 'environmets:'],
      one('environmets (line 14): unknown key; did you mean "environments"?')],
    ['a typo in a nested key', ['      health_url: https://staging', '      helth_url: https://staging'],
      one('environments[1].site.helth_url (line 23): unknown key; did you mean "health_url"?')],
    ['a key in the wrong place', ['roles:', 'timezone: UTC\nroles:'],
      one('timezone (line 45): unknown key here; "timezone" belongs at schedule.timezone')],
    ['an unknown key with nothing close', ['hotfix:\n', 'hotfix:\n  managers: [erin]\n'],
      one('hotfix.managers (line 50): unknown key; expected one of approvers')],
    ['wrong type', ['per_request: 5', 'per_request: "five"'],
      one('ppcs.trigger.per_request (line 56): expected a number, found "five"')],
    ['an hourly request limit below one', ['per_request: 5', 'per_request: 5\n    hourly_limit: 0'],
      one('ppcs.trigger.hourly_limit (line 57): expected at least 1, found the number 0')],
    ['a fraction where a count belongs', ['concurrency: 4', 'concurrency: 1.5'],
      one('rollout.concurrency (line 78): expected a whole number, found the number 1.5')],
    ['a merge method GitHub does not have', ['hotfix:\n', 'merge:\n  method: fast-forward\nhotfix:\n'],
      one('merge.method (line 50): expected "merge", "squash" or "rebase", found "fast-forward"')],
    ['a mapping where a list belongs', ['  approvers: [carol, dave]', '  approvers: { carol: yes }'],
      one('hotfix.approvers (line 50): expected a list, found a mapping')],
    ['bad time 25:00', ['nightly: "02:00"', 'nightly: "25:00"'],
      one('schedule.nightly (line 40): expected a 24-hour time "HH:MM", found "25:00"')],
    ['bad weekday', ['day: tuesday', 'day: tusday'],
      one('schedule.weekly.day (line 42): expected one of monday, tuesday, wednesday, thursday, friday, saturday, sunday, found "tusday"; did you mean "tuesday"?')],
    ['unknown time zone, close to a real one', ['Europe/Berlin', 'Europe/Berln'],
      one('schedule.timezone (line 39): unknown time zone "Europe/Berln"; did you mean "Europe/Berlin"?')],
    ['unknown time zone', ['Europe/Berlin', 'Mars/Olympus_Mons'],
      one('schedule.timezone (line 39): unknown time zone "Mars/Olympus_Mons"; expected an IANA time zone like "Europe/Berlin" or "UTC"')],
    ['duplicate environment names', ['name: staging', 'name: testing'],
      one('environments[1].name (line 19): duplicate environment name "testing"; environments[0] already uses it')],
    ['duplicate branches', ['branch: staging', 'branch: master'],
      one('environments[1].branch (line 20): duplicate branch "master"; environments[0] already uses it')],
    ['only one environment', [valid.slice(valid.indexOf('  - name: staging'), valid.indexOf('components:')), ''],
      one('environments (line 14): expected at least two environments, lowest first, found 1 item')],
    ['environment name not lower-case', ['name: production', 'name: Production'],
      one('environments[2].name (line 24): expected a lower-case name like "staging", found "Production"')],
    ['a wave naming an unknown customer', ['[globex, initech]', '[globex, initek]'],
      one('rollout.waves[0].customers[1] (line 81): unknown customer "initek"; did you mean "initech"?')],
    ['a customer in two waves', ['    - name: rest', '    - name: rest\n      customers: [globex]'],
      one('rollout.waves[1].customers[0] (line 83): customer "globex" is already in wave "canary"; a customer belongs to one wave')],
    ['duplicate wave names', ['    - name: rest', '    - name: canary'],
      one('rollout.waves[1].name (line 82): duplicate wave name "canary"; rollout.waves[0] already uses it')],
    ['a catch-all wave before the last', ['    - name: canary\n', '    - name: first\n    - name: canary\n'],
      one('rollout.waves[0] (line 80): wave "first" lists no customers, so it takes all the rest; it must be the last wave')],
    ['duplicate customer ids', ['- id: hooli', '- id: globex'],
      one('ppcs.customers[3].id (line 71): duplicate customer id "globex"; ppcs.customers[0] already uses it')],
    ['negative concurrency', ['concurrency: 4', 'concurrency: -2'],
      one('rollout.concurrency (line 78): expected at least 1, found the number -2')],
    ['site url not http', ['url: https://www.acme.example/version', 'url: ftp://www.acme.example/version'],
      one('environments[2].site.url (line 27): expected an http(s) URL, found "ftp://www.acme.example/version"')],
    ['only travis as CI', ['provider: travis', 'provider: circleci'],
      one('ci.provider (line 9): only "travis" is supported, found "circleci"')],
  ])('%s', (_what, [from, to], expected) => {
    expect(messageFor(mutate(from as string, to as string))).toBe(expected);
  });

  it('refuses a token in the file without ever showing its value', () => {
    const secret = 'ghp_NeverPrinted0123';
    const message = messageFor(mutate('  api_url: https://api.github.com', `  api_url: https://api.github.com\n  token: ${secret}`));
    expect(message).toBe(one('github.token (line 7): tokens are never read from the config file; set GITHUB_TOKEN (or log in with gh) and TRAVIS_TOKEN instead'));
    expect(message).not.toContain(secret);
  });

  it.each([['Password'], ['travis_api_key'], ['client_secret'], ['auth']])('refuses a secret-looking key "%s" anywhere', (key) => {
    const message = messageFor(mutate('    - id: hooli\n', `    - id: hooli\n      ${key}: hunter2\n`));
    expect(message).toContain(`ppcs.customers[3].${key} (line 72): tokens are never read from the config file`);
    expect(message).not.toContain('hunter2');
  });

  it('refuses credentials inside a URL without showing them', () => {
    const message = messageFor(mutate('url: https://testing.acme.example/version', 'url: https://deploy:hunter2@testing.acme.example/version'));
    expect(message).toBe(one('environments[0].site.url (line 18): credentials in URLs are never read from the config file; remove the "user:password@" part'));
    expect(message).not.toContain('hunter2');
  });

  it('does not echo a token-shaped value put under an ordinary key', () => {
    const message = messageFor(mutate('  api_url: https://api.github.com', '  api_url: ghp_NeverPrinted0123'));
    expect(message).toBe(one('github.api_url (line 6): expected an http(s) URL, found a string that looks like a token (not shown)'));
  });

  it.each([
    ['an empty file', '', 'cockpit.yaml: the file is empty; expected a mapping with at least service, environments and components'],
    ['a list instead of a mapping', '- a\n- b\n', one('(top level) (line 1): expected a mapping, found a list of 2 items')],
  ])('%s', (_what, text, expected) => {
    expect(messageFor(text)).toBe(expected);
  });

  it('lists at most 20 problems of a file that is not a cockpit config at all', () => {
    const text = Array.from({ length: 30 }, (_, i) => `unrelated_${i}: ${i}`).join('\n');
    const lines = messageFor(text).split('\n');
    expect(lines[0]).toBe('cockpit.yaml: 33 problems in the configuration:');
    expect(lines).toHaveLength(22);
    expect(lines[21]).toBe('  ... and 13 more');
  });
});

describe('loadConfig', () => {
  it('reads the named file and returns its absolute path', async () => {
    const { config, path } = await loadConfig({ path: 'test/fixtures/configs/valid.yaml', cwd: fileURLToPath(new URL('../..', import.meta.url)), env: {} });
    expect(path).toBe(`${fixtures}valid.yaml`);
    expect(config.rollout.waves.map((w) => w.name)).toEqual(['canary', 'rest']);
  });

  it('lists every problem of a file in one error, in line order, naming the file', async () => {
    const file = `${fixtures}broken/several-problems.yaml`;
    const error = await loadConfig({ path: file, cwd: '/', env: {} }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UsageError);
    const message = (error as Error).message;
    expect(message).toBe(
      [
        `${file}: 6 problems in the configuration:`,
        '  - service.repo (line 3): expected "owner/name", found "acme"',
        '  - github.token (line 5): tokens are never read from the config file; set GITHUB_TOKEN (or log in with gh) and TRAVIS_TOKEN instead',
        '  - environmets (line 6): unknown key; did you mean "environments"?',
        '  - schedule.timezone (line 14): unknown time zone "Mars/Olympus_Mons"; expected an IANA time zone like "Europe/Berlin" or "UTC"',
        '  - schedule.nightly (line 15): expected a 24-hour time "HH:MM", found "25:00"',
        '  - rollout.concurrency (line 17): expected at least 1, found the number 0',
      ].join('\n'),
    );
    expect(message).not.toContain('ghp_DoNotPrintThisValue');
  });
});
