import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { parseConfig } from '../../src/config/load.js';
import { isLoopbackUrl, requireTokens, resolveTokens } from '../../src/config/tokens.js';
import type { Config } from '../../src/config/schema.js';
import { UsageError } from '../../src/exit-codes.js';

const remote = parseConfig(readFileSync(new URL('../fixtures/configs/valid.yaml', import.meta.url), 'utf8'), 'valid.yaml');
const demo = parseConfig(readFileSync(new URL('../fixtures/configs/sim-like.yaml', import.meta.url), 'utf8'), 'sim-like.yaml');
const enterprise: Config = { ...remote, github: { api_url: 'https://ghe.acme.example/api/v3' } };

describe('resolveTokens', () => {
  it('takes GITHUB_TOKEN and TRAVIS_TOKEN from the environment without asking gh', async () => {
    const ghCli = vi.fn(async () => 'from-gh');
    const tokens = await resolveTokens(remote, { GITHUB_TOKEN: 'gh-env', TRAVIS_TOKEN: 'travis-env' }, { ghCli });
    expect(tokens).toEqual({ github: 'gh-env', githubSource: 'env', travis: 'travis-env', travisSource: 'env' });
    expect(ghCli).not.toHaveBeenCalled();
  });

  it("falls back to gh's stored login for the API's host", async () => {
    const ghCli = vi.fn(async () => 'from-gh');
    expect(await resolveTokens(remote, {}, { ghCli })).toEqual({ github: 'from-gh', githubSource: 'gh', travisSource: 'none' });
    expect(ghCli).toHaveBeenCalledWith('github.com');
    await resolveTokens(enterprise, {}, { ghCli });
    expect(ghCli).toHaveBeenLastCalledWith('ghe.acme.example');
  });

  it('treats an empty GITHUB_TOKEN as unset', async () => {
    const tokens = await resolveTokens(remote, { GITHUB_TOKEN: '  ', TRAVIS_TOKEN: '' }, { ghCli: async () => 'from-gh' });
    expect(tokens.githubSource).toBe('gh');
    expect(tokens.travisSource).toBe('none');
  });

  it('finds none, quietly, when gh is absent or fails', async () => {
    expect(await resolveTokens(remote, {}, { ghCli: async () => undefined })).toEqual({ githubSource: 'none', travisSource: 'none' });
    expect(await resolveTokens(remote, {}, { ghCli: () => Promise.reject(new Error('gh: not found')) })).toEqual({ githubSource: 'none', travisSource: 'none' });
  });

  it('does not ask gh for the demo world', async () => {
    const ghCli = vi.fn(async () => 'from-gh');
    expect(await resolveTokens(demo, {}, { ghCli })).toEqual({ githubSource: 'none', travisSource: 'none' });
    expect(ghCli).not.toHaveBeenCalled();
  });
});

describe('requireTokens', () => {
  it('needs no tokens when the APIs are on loopback', () => {
    expect(() => requireTokens(demo, { githubSource: 'none', travisSource: 'none' })).not.toThrow();
  });

  it('names GITHUB_TOKEN when a remote GitHub has no token', () => {
    const call = (): void => requireTokens(remote, { githubSource: 'none', travis: 't', travisSource: 'env' });
    expect(call).toThrow(UsageError);
    expect(call).toThrow(/GITHUB_TOKEN for https:\/\/api\.github\.com: set it, or log in with `gh auth login`/);
    expect(call).not.toThrow(/TRAVIS_TOKEN/);
  });

  it('names both variables when both are missing, and passes once they are found', () => {
    expect(() => requireTokens(remote, { githubSource: 'none', travisSource: 'none' })).toThrow(/GITHUB_TOKEN[\s\S]*TRAVIS_TOKEN/);
    expect(() => requireTokens(remote, { github: 'g', githubSource: 'gh', travis: 't', travisSource: 'env' })).not.toThrow();
  });
});

describe('isLoopbackUrl', () => {
  it.each([
    ['http://127.0.0.1:4010/github', true],
    ['http://127.8.9.10/', true],
    ['http://localhost:80/', true],
    ['http://[::1]:4010/', true],
    ['https://api.github.com', false],
    ['http://128.0.0.1/', false],
    ['http://127.0.0.1.example.com/', false],
    ['not a url', false],
  ])('%s -> %s', (url, expected) => {
    expect(isLoopbackUrl(url)).toBe(expected);
  });
});
