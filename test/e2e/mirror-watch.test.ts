import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSim, type SimHandle } from '../../src/sim/index.js';
import { recordFeed, until, type FeedRecorder } from '../helpers/mirror.js';
import { moduleLog, type ModuleLog } from '../helpers/loaded-modules.js';
import { startTmux, type TmuxSession } from '../helpers/tmux.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const COLUMNS = 80;
const ROWS = 24;
const SECRETS = { GITHUB_TOKEN: 'ghp_notInTheFeed01', TRAVIS_TOKEN: 'travis_e2eMustNeverReachTheFeedEither' };

let dir: string;
let sim: SimHandle;
let primary: TmuxSession;
const sessions: TmuxSession[] = [];
const feeds: FeedRecorder[] = [];
let url: string;
let token: string;

/** Every module of the services, pollers, engine or API clients among those a process loaded. */
const serviceModules = (log: ModuleLog): string[] => log.modules().filter((m) => /dist\/(services|pollers|engine|sim)\/|node_modules\/(got|@octokit)\//.test(m));

async function tmux(command: string, env: Record<string, string> = {}): Promise<TmuxSession> {
  const session = await startTmux(command, { columns: COLUMNS, rows: ROWS, cwd: root, env: { COCKPIT_NOTIFY: 'off', ...env } });
  sessions.push(session);
  return session;
}

function cockpit(args: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [join(root, 'bin', 'cockpit.js'), ...args], { cwd: dir, timeout: 20_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
    });
  });
}

// tmux scrolls a dead pane's screen away: each command ends with a sleep so its last screen stays readable.
const exitLine = (screen: string) => /EXIT=(\d+)/.exec(screen)?.[1];

/** `cockpit ARGS` in a terminal of its own that is expected to refuse: its exit code and what it wrote to stderr. */
async function refusal(args: string, name: string): Promise<{ code: string | undefined; stderr: string }> {
  const file = join(dir, `${name}.err`);
  const session = await tmux(`node bin/cockpit.js ${args} 2>${file}; echo EXIT=$?; sleep 120`);
  const screen = await session.waitFor((s) => exitLine(s) !== undefined, `${name} to exit`);
  return { code: exitLine(screen), stderr: readFileSync(file, 'utf8') };
}

beforeAll(async () => {
  if (!existsSync(join(root, 'dist', 'modes', 'watch.js'))) throw new Error('dist/ is missing: run `npm run build` first');
  dir = mkdtempSync(join(tmpdir(), 'cockpit-mirror-e2e-'));
  sim = await startSim({ seed: 7, speed: 2 });
  const config = join(dir, 'cockpit.yaml');
  // Room for the tmux watcher, a recorder and a crowd of a hundred more.
  writeFileSync(config, stringify({ ...sim.config, mirror: { max_watchers: 110 } }));
  const stderr = join(dir, 'primary.err');
  const primaryLog = moduleLog(dir, 'primary');
  // The primary: `cockpit run` with the services' tokens in its environment, serving its mirror on a free port.
  primary = await tmux(`node --import ${primaryLog.hook} bin/cockpit.js run --config ${config} --mirror 127.0.0.1:0 2>${stderr}`, SECRETS);
  await until(() => readFileSync(stderr, 'utf8').includes('cockpit watch'), 'the primary to print the watch command', 15_000);
  const printed = readFileSync(stderr, 'utf8');
  // The token is printed for the environment, never for argv (where anyone on the machine could read it).
  const match = /COCKPIT_MIRROR_TOKEN=(\S+) cockpit watch (http:\/\/127\.0\.0\.1:\d+)\n/.exec(printed);
  if (!match) throw new Error(`no watch command in the primary's stderr:\n${printed}`);
  [, token = '', url = ''] = match;
  expect(printed).not.toContain('--token');
  expect(serviceModules(primaryLog)).toContain('dist/services/github.js');
});

afterAll(async () => {
  for (const feed of feeds) feed.close();
  for (const session of sessions) await session.kill();
  await sim?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('cockpit watch against a real primary (two terminals, 80x24)', () => {
  it('shows the primary stepping through the release, live, and cannot change it', async () => {
    const feed = await recordFeed(url, token);
    feeds.push(feed);
    const watcherLog = moduleLog(dir, 'watcher');
    const watcher = await tmux(`node --import ${watcherLog.hook} bin/cockpit.js watch ${url}; echo EXIT=$?; sleep 120`, { COCKPIT_MIRROR_TOKEN: token });

    // tmux may show a frame half drawn: wait for its last line (the footer) as well as the data.
    let screen = await watcher.waitFor((s) => s.includes('ahead of production') && s.includes('q quit'), "the watcher's whole frame with the primary's environments");
    expect(screen.split('\n')[0]).toContain(' MIRROR  dana-w driving');
    expect(screen).toContain('↑↓/jk move  Tab pane  ? help  q quit');
    await primary.waitFor((s) => s.includes('ahead of production'), 'the primary ready');

    // The primary asks to review; the watcher sees the question, then the step done.
    await primary.send('Enter');
    await watcher.waitFor((s) => s.includes('dana-w is asked: Mark "Review what changes" as done? (y/n)'), "the primary's question on the watcher");
    await primary.send('y');
    await watcher.waitFor((s) => s.includes('Checklist · 1/9 done') && /› ▸ 2\. Choose the release candi/.test(s), 'the review step done on the watcher, its cursor on the next step');

    // Whatever the watcher presses, the release does not move.
    await watcher.send(['Enter', 'y', 's', 'r']);
    await watcher.waitFor((s) => s.includes('read-only'), 'the watcher told it is read-only');
    await primary.send('j');
    await watcher.waitFor((s) => /› ○ 3\. Open the promotion pull/.test(s), "the primary's cursor on the watcher");
    expect(await primary.screen()).toContain('Checklist · 1/9 done');
    expect(feed.state()?.checklist.steps[1]?.status).toBe('active');

    // The watcher's own view: its panes and help, while it mirrors.
    await watcher.send('Tab');
    await watcher.waitFor((s) => s.includes('┏━ Environments'), "the watcher's own focus");
    await primary.send('k');
    await watcher.waitFor((s) => /› ▸ 2\. Choose/.test(s), 'the cursor following the primary back');

    // A hundred more watchers at once all get the next change.
    const crowd = await Promise.all(Array.from({ length: 100 }, () => recordFeed(url, token)));
    feeds.push(...crowd);
    expect(crowd.every((c) => c.status === 200)).toBe(true);
    await primary.send('j');
    await Promise.all(crowd.map((c) => c.waitFor((s) => s.checklist.cursor === 2, 'the change at one of 100 watchers')));
    await watcher.waitFor((s) => /› ○ 3\. Open the promotion pull/.test(s), 'the tmux watcher too');
    for (const c of crowd) c.close();

    // The glance from the same mirror, and a watcher with the wrong token.
    const tokenFile = join(dir, 'mirror-token');
    writeFileSync(tokenFile, `${token}\n`, { mode: 0o600 });
    const glance = await cockpit(['status', '--from', url, '--token-file', tokenFile]);
    expect(glance.stderr).toBe('');
    expect(glance.stdout.split('\n')[0]).toMatch(/^acme\/service: /);
    const intruder = await refusal(`watch ${url} --token not-the-token-${'x'.repeat(10)}`, 'intruder');
    expect(intruder.stderr).toBe(`cockpit: the mirror at ${url} refused the token (HTTP 401): check --token or COCKPIT_MIRROR_TOKEN\n`);
    expect(intruder.code).toBe('2');

    // It never loaded a service, a poller, the engine or an API client: watchers cost the services nothing.
    expect(watcherLog.modules()).toContain('dist/modes/watch.js');
    expect(serviceModules(watcherLog)).toEqual([]);

    // The primary quits: the watcher says how old its view is and keeps trying.
    await primary.send('q');
    screen = await watcher.waitFor((s) => /disconnected \d+s — reconnecting/.test(s), 'the watcher noticing', 15_000);
    expect(screen.split('\n')[0]).toContain('MIRROR');
    await watcher.send('q');
    screen = await watcher.waitFor((s) => exitLine(s) !== undefined, 'the watcher to quit');
    expect(exitLine(screen)).toBe('0');

    // Nothing in the whole feed was a token.
    const raw = feed.raw();
    expect(raw).toContain('event: snapshot');
    for (const secret of [token, SECRETS.GITHUB_TOKEN, SECRETS.TRAVIS_TOKEN]) expect(raw).not.toContain(secret);
  }, 120_000);
});

describe('cockpit watch refusing to start', () => {
  it('exits 2 for a wrong token, 3 for a mirror nobody serves, 2 for a feed of another version, each with one line', async () => {
    const server: Server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(`event: snapshot\nid: 1\ndata: {"v":99,"seq":1,"state":{}}\n\n`);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const future = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const [refused, other] = await Promise.all([refusal(`watch http://127.0.0.1:9 --token ${'t'.repeat(20)}`, 'refused'), refusal(`watch ${future} --token ${'t'.repeat(20)}`, 'other')]);
      expect(refused).toEqual({ code: '3', stderr: 'cockpit: cannot reach the mirror at http://127.0.0.1:9: connection refused\n' });
      expect(other).toEqual({ code: '2', stderr: 'cockpit: the mirror speaks feed version 99 and this cockpit speaks version 1: run the same release-cockpit version on both ends\n' });
    } finally {
      server.closeAllConnections();
      server.close();
    }
    // Without a terminal it points at the glance instead.
    const piped = await cockpit(['watch', future, '--token', 't'.repeat(20)]);
    expect(piped.code).toBe(2);
    expect(piped.stderr).toBe(`cockpit: cockpit watch needs an interactive terminal (stdin and stdout must be a TTY); for a quick glance use "cockpit status --from ${future}"\n`);
  }, 60_000);
});
