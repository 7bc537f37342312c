import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { startForwardProxy, startTlsFront, type ForwardProxy } from '../helpers/forward-proxy.js';
import { useSim } from '../helpers/sim.js';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const bin = join(repo, 'bin', 'cockpit.js');
const sim = useSim();
let dir: string;
let proxy: ForwardProxy;
const fixtures = fileURLToPath(new URL('../fixtures/tls/', import.meta.url));
const caFile = join(fixtures, 'localhost-cert.pem');
let front: { port: number; close(): Promise<void> };
/** What the same glance says straight at the demo world on loopback: what every proxied glance must say too. */
let direct: { code: number; first: string };

// Names no resolver knows: the glance reaches each source only if its client asked the proxy.
const HOSTS = { github: 'github.cockpit.test', travis: 'travis.cockpit.test', sites: 'sites.cockpit.test' } as const;

// The hosts are not loopback, so the cockpit asks for tokens; the demo world takes any.
const TOKENS = { GITHUB_TOKEN: 'any-token', TRAVIS_TOKEN: 'any-token' };

function cockpit(args: readonly string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, ...args], { cwd: dir, env: { PATH: dirname(process.execPath), HOME: dir, ...TOKENS, ...env }, timeout: 25_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
    });
  });
}

/**
 * The sim's config with each source behind its own unresolvable name (or left on 127.0.0.1). GitHub and Travis
 * go through the TLS front, since a token never goes in clear text to a host that is not this machine.
 */
function writeConfig(name: string, hostFor: (source: keyof typeof HOSTS) => string): string {
  const origin = new URL(sim().url);
  const at = (source: keyof typeof HOSTS) => {
    const host = hostFor(source);
    return host !== '127.0.0.1' && source !== 'sites' ? `https://${host}:${front.port}` : `http://${host}:${origin.port}`;
  };
  const text = stringify(sim().config)
    .replaceAll(`${sim().url}/github`, `${at('github')}/github`)
    .replaceAll(`${sim().url}/travis`, `${at('travis')}/travis`)
    .replaceAll(sim().url, at('sites'));
  const file = join(dir, `${name}.yaml`);
  writeFileSync(file, text);
  return file;
}

beforeAll(async () => {
  if (!existsSync(join(repo, 'dist', 'bundle', 'cli.js'))) throw new Error('dist/ is missing: run `npm run build` first');
  dir = mkdtempSync(join(tmpdir(), 'cockpit-proxy-'));
  const port = new URL(sim().url).port;
  proxy = await startForwardProxy(Object.fromEntries(Object.values(HOSTS).map((h) => [h, '127.0.0.1'])));
  expect(port).not.toBe('');
  front = await startTlsFront(Number(port), { key: readFileSync(join(fixtures, 'localhost-key.pem'), 'utf8'), cert: readFileSync(caFile, 'utf8') });
  const run = await cockpit(['status', '--config', writeConfig('direct', () => '127.0.0.1')], {});
  direct = { code: run.code, first: run.stdout.split('\n')[0] ?? '' };
  expect(direct.first).toMatch(/^acme\/service: /);
});

afterAll(async () => {
  await front?.close();
  await proxy?.close();
  rmSync(dir, { recursive: true, force: true });
});

const hostsSeen = (from: number): Set<string> => new Set(proxy.seen.slice(from).map((r) => r.host.replace(/:\d+$/, '')));

describe('cockpit status behind an HTTP proxy', () => {
  it('reaches GitHub (Octokit), Travis and the sites (got) only through HTTPS_PROXY/HTTP_PROXY', async () => {
    const config = writeConfig('proxied', (source) => HOSTS[source]);
    const from = proxy.seen.length;
    const run = await cockpit(['status', '--config', config], { HTTP_PROXY: proxy.url, HTTPS_PROXY: proxy.url, NODE_EXTRA_CA_CERTS: caFile });
    expect(run.stderr).toBe('');
    expect(run.stdout.split('\n')[0]).toBe(direct.first);
    expect(run.code).toBe(direct.code);
    expect([...hostsSeen(from)].sort()).toEqual(Object.values(HOSTS).sort());
  });

  it('without the proxy variables the same config cannot reach a source: the names resolve only through the proxy', async () => {
    const config = writeConfig('unproxied', (source) => HOSTS[source]);
    const from = proxy.seen.length;
    const run = await cockpit(['status', '--config', config], { NODE_EXTRA_CA_CERTS: caFile });
    expect(run.code).toBe(3);
    expect(run.stdout + run.stderr).toMatch(/unreachable|cannot connect|ENOTFOUND/);
    expect(proxy.seen.length).toBe(from);
  });

  it('NO_PROXY sends the hosts it names direct, and the rest through the proxy', async () => {
    const config = writeConfig('bypass', (source) => HOSTS[source]);
    const from = proxy.seen.length;
    // Lower-case variables, as curl and most tools read them; the sites' host named in no_proxy goes direct,
    // where no resolver knows it.
    const run = await cockpit(['status', '--config', config], { http_proxy: proxy.url, https_proxy: proxy.url, no_proxy: `localhost,${HOSTS.sites}`, NODE_EXTRA_CA_CERTS: caFile });
    expect([...hostsSeen(from)].sort()).toEqual([HOSTS.github, HOSTS.travis].sort());
    // The sites' host (the customer PPCs' too) went direct, where nothing resolves it: a site that does not answer
    // is shown down, and customer PPCs that could not be read make the glance incomplete (3), never green.
    expect(run.stdout).toContain('site DOWN');
    expect(run.code).toBe(3);
  });

  it('never sends loopback through the proxy: the demo world works behind one without NO_PROXY', async () => {
    const config = writeConfig('loopback', () => '127.0.0.1');
    const from = proxy.seen.length;
    const run = await cockpit(['status', '--config', config], { HTTP_PROXY: proxy.url, HTTPS_PROXY: proxy.url });
    expect(run.stdout.split('\n')[0]).toBe(direct.first);
    expect(proxy.seen.length).toBe(from);
  });
});

describe('NODE_EXTRA_CA_CERTS', () => {
  it('lets Octokit and got trust a company CA, through the proxy\'s tunnel', async () => {
    const config = writeConfig('tls', (source) => HOSTS[source]);
    const from = proxy.seen.length;
    const run = await cockpit(['status', '--config', config], { HTTPS_PROXY: proxy.url, HTTP_PROXY: proxy.url, NODE_EXTRA_CA_CERTS: caFile });
    expect(run.stdout.split('\n')[0]).toBe(direct.first);
    expect(run.code).toBe(direct.code);
    expect(proxy.seen.slice(from).filter((r) => r.host === `${HOSTS.github}:${front.port}` || r.host === `${HOSTS.travis}:${front.port}`).length).toBeGreaterThan(0);
  });

  it('without it the same glance refuses the certificate and says GitHub and Travis could not be reached', async () => {
    const config = writeConfig('tls-untrusted', (source) => HOSTS[source]);
    const run = await cockpit(['status', '--config', config], { HTTPS_PROXY: proxy.url, HTTP_PROXY: proxy.url });
    expect(run.code).toBe(3);
    expect(run.stdout).toMatch(/github unreachable|GitHub not read/);
    expect(run.stdout).toMatch(/travis unreachable|Travis CI not read/);
  });
});
