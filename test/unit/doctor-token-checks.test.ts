import { describe, expect, it } from 'vitest';
import { configSchema } from '../../src/config/schema.js';
import type { Tokens } from '../../src/config/tokens.js';
import { clockChecks, tokenChecks } from '../../src/modes/doctor-checks.js';
import type { TokenChecker } from '../../src/services/github-token-check.js';

const config = configSchema.parse({
  service: { repo: 'acme/service' },
  environments: [
    { name: 'staging', branch: 'staging', site: { url: 'https://staging.acme.example/version' } },
    { name: 'production', branch: 'production', site: { url: 'https://www.acme.example/version' } },
  ],
  components: { ppc: { project: 'github.com/acme/ppc' }, sdk: { variable: 'SDK_VERSION' } },
});
const fromEnv: Tokens = { github: 'ghp_x', githubSource: 'env', travisSource: 'none' };

/** A token as GitHub describes it: the scopes header it answers with, all reads allowed. */
const classic = (scopes: string[] | undefined): TokenChecker => ({
  identity: async () => ({ login: 'dana-w', scopes, serverDate: undefined }),
  probe: async () => ({ state: 'ok', data: {} }),
});

describe('doctor on a classic token', () => {
  it('passes one with the repo scope and lists its scopes', async () => {
    const { checks } = await tokenChecks(config, fromEnv, classic(['repo', 'read:org']), 'a'.repeat(40));
    expect(checks.filter((c) => !c.ok)).toEqual([]);
    expect(checks.map((c) => c.text)).toContain('GitHub classic token scopes: repo, read:org');
  });

  it('fails one without repo, naming the scope to tick', async () => {
    const { checks } = await tokenChecks(config, fromEnv, classic(['public_repo']), 'a'.repeat(40));
    expect(checks.filter((c) => !c.ok)).toEqual([
      { ok: false, text: 'GitHub classic token scopes: public_repo; the cockpit needs repo', fix: 'edit the token (GitHub > Settings > Developer settings > Personal access tokens) and tick "repo"', unreachable: false },
    ]);
  });

  it('says no token was found for a real GitHub, and what to do', async () => {
    const { checks } = await tokenChecks(config, { githubSource: 'none', travisSource: 'none' }, classic(undefined), undefined);
    expect(checks).toEqual([{ ok: false, text: 'GitHub token: none found', fix: 'set GITHUB_TOKEN, or log in with `gh auth login`', unreachable: false }]);
  });
});

describe('doctor on the clock', () => {
  it('fails a clock more than 30 s off GitHub\'s and names the zone the schedule uses', () => {
    const now = Date.parse('2026-03-03T12:00:00Z');
    expect(clockChecks(config, now - 95_000, now, 'Europe/Berlin')).toEqual([
      { ok: false, text: "clock: 95 s ahead of GitHub's", fix: 'turn on network time (NTP): windows and lease ages are judged by this clock', unreachable: false },
      { ok: true, text: 'time zone: the schedule is read in UTC (this machine is in Europe/Berlin)' },
    ]);
    expect(clockChecks(config, now + 3_000, now, 'UTC')[0]).toEqual({ ok: true, text: "clock: within 3 s of GitHub's" });
  });
});
