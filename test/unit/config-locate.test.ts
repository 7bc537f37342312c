import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { locateConfig } from '../../src/config/locate.js';
import { UsageError } from '../../src/exit-codes.js';

let root: string;
let cwd: string;
let home: string;

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'cockpit-locate-'));
  cwd = join(root, 'project');
  home = join(root, 'home');
  mkdirSync(cwd);
  mkdirSync(join(home, '.config', 'release-cockpit'), { recursive: true });
});

afterEach(() => rmSync(root, { recursive: true, force: true }));

function put(path: string): string {
  writeFileSync(path, 'service: { repo: acme/service }\n');
  return path;
}

function errorOf(fn: () => unknown): Error {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return error as Error;
  }
  throw new Error('expected a UsageError');
}

describe('locateConfig', () => {
  it('prefers cockpit.yaml in the working directory over the user config directory', () => {
    const local = put(join(cwd, 'cockpit.yaml'));
    put(join(home, '.config', 'release-cockpit', 'cockpit.yaml'));
    expect(locateConfig({ cwd, env: {}, home })).toBe(local);
  });

  it('accepts cockpit.yml in the working directory', () => {
    const local = put(join(cwd, 'cockpit.yml'));
    expect(locateConfig({ cwd, env: {}, home })).toBe(local);
  });

  it('falls back to ~/.config/release-cockpit/cockpit.yaml', () => {
    const user = put(join(home, '.config', 'release-cockpit', 'cockpit.yaml'));
    expect(locateConfig({ cwd, env: {}, home })).toBe(user);
  });

  it('uses XDG_CONFIG_HOME instead of ~/.config when it is set', () => {
    const xdg = join(root, 'xdg');
    mkdirSync(join(xdg, 'release-cockpit'), { recursive: true });
    put(join(home, '.config', 'release-cockpit', 'cockpit.yaml'));
    const chosen = put(join(xdg, 'release-cockpit', 'cockpit.yaml'));
    expect(locateConfig({ cwd, env: { XDG_CONFIG_HOME: xdg }, home })).toBe(chosen);
  });

  it('takes --config over everything, relative to the working directory', () => {
    put(join(cwd, 'cockpit.yaml'));
    const named = put(join(cwd, 'other.yaml'));
    expect(locateConfig({ flag: 'other.yaml', cwd, env: {}, home })).toBe(named);
  });

  it('names the path when the --config file does not exist, even if a default one does', () => {
    put(join(cwd, 'cockpit.yaml'));
    const error = errorOf(() => locateConfig({ flag: 'missing.yaml', cwd, env: {}, home }));
    expect(error.message).toBe(`config file not found: ${join(cwd, 'missing.yaml')} (given with --config)`);
  });

  it('refuses a directory given as --config', () => {
    const error = errorOf(() => locateConfig({ flag: '.', cwd, env: {}, home }));
    expect(error.message).toBe(`the config file ${cwd} is a directory (given with --config)`);
  });

  it('says where it looked and how to get a config when there is none', () => {
    const error = errorOf(() => locateConfig({ cwd, env: {}, home }));
    expect(error.message).toContain(join(cwd, 'cockpit.yaml'));
    expect(error.message).toContain(join(home, '.config', 'release-cockpit', 'cockpit.yaml'));
    expect(error.message).toContain('--config FILE');
    expect(error.message).toContain('cockpit sim --config-out cockpit.yaml');
  });
});
