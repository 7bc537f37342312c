import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseJournal } from '../../src/journal/parse.js';
import { ROOT, journalEvents, releaseFiles, startCockpit, startSimProcess, until, type Cockpit, type SimProcess } from '../helpers/release-process.js';
import { startTmux, type TmuxSession } from '../helpers/tmux.js';

// The on-call secondary carries the release on from another machine: a primary (`cockpit run --mirror`) and a
// watcher (`cockpit watch`) in two state directories and two terminals; the primary is killed mid-rollout and
// its state directory removed, as when its laptop goes away; the secondary's watcher takes the release over (T,
// y, a typed reason: `cockpit run --take-over` in the same terminal), opens at the rollout from the watcher's
// replica of the journal and finishes it, nothing sent twice (the world's counters). A second watcher, quitting,
// says where its replica is and how to carry on from it.

const PRIMARY = { GITHUB_TOKEN: 'fake-primary-token-take-over', TRAVIS_TOKEN: 'travis_primaryMustNeverBeJournalled' };
// `sim-LOGIN` acts as LOGIN in the demo world: the secondary is eli-r.
const SECONDARY = { GITHUB_TOKEN: 'sim-eli-r', TRAVIS_TOKEN: 'travis_secondaryMustNeverBeJournalled' };
const done = (n: number) => (screen: string) => screen.includes(`Checklist · ${n}/9 done`);

let dir: string;
let sim: SimProcess;
const sessions: TmuxSession[] = [];

beforeAll(async () => {
  if (!existsSync(join(ROOT, 'dist', 'modes', 'watch.js'))) throw new Error('dist/ is missing: run `npm run build` first');
  dir = mkdtempSync(join(tmpdir(), 'cockpit-take-over-'));
  sim = await startSimProcess(dir, { seed: 12, speed: 8 });
});

afterAll(async () => {
  for (const s of sessions) await s.kill();
  sim?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function cockpitIn(state: string, env: Record<string, string>, args: string): Promise<Cockpit> {
  const cockpit = await startCockpit(sim, state, env, args);
  sessions.push(cockpit);
  return cockpit;
}

const replicaLines = (state: string): number => {
  const files = releaseFiles(state);
  return files ? readFileSync(files.journal, 'utf8').split('\n').filter((l) => l !== '').length : 0;
};

describe('the secondary takes the release over from another machine', () => {
  it('from the replica its watcher kept, at the rollout, every customer triggered once', async () => {
    const primaryState = join(dir, 'primary');
    const secondaryState = join(dir, 'secondary');
    mkdirSync(secondaryState, { recursive: true });
    const stderr = join(dir, 'primary.err');

    // The primary serves its mirror; the watch command it prints passes the token in the environment.
    const primary = await cockpitIn(primaryState, PRIMARY, `--mirror 127.0.0.1:0 2>${stderr}`);
    await until(() => existsSync(stderr) && readFileSync(stderr, 'utf8').includes('cockpit watch'), 'the primary to print the watch command');
    const match = /COCKPIT_MIRROR_TOKEN=(\S+) cockpit watch (http:\/\/127\.0\.0\.1:\d+)\n/.exec(readFileSync(stderr, 'utf8'));
    if (!match) throw new Error(`no watch command printed:\n${readFileSync(stderr, 'utf8')}`);
    const [, token = '', url = ''] = match;
    // The terminal wraps the line where it likes: compared without the white space.
    const words = (text: string) => text.replace(/\s+/g, '');
    const watch = (state: string, env: Record<string, string>, config = '') =>
      startTmux(`node bin/cockpit.js watch ${url}${config}; echo EXIT=$?; sleep 120`, { columns: 80, rows: 24, cwd: ROOT, env: { COCKPIT_STATE_DIR: state, COCKPIT_MIRROR_TOKEN: token, COCKPIT_NOTIFY: 'off', ...env } });
    // The secondary's watcher, with the config and tokens its take-over runs with.
    const secondary = await watch(secondaryState, SECONDARY, ` --config ${sim.config}`);
    sessions.push(secondary);
    const otherState = join(dir, 'other');
    mkdirSync(otherState, { recursive: true });
    // A watcher with no config anywhere (its own empty config directory): nothing for a take-over to run with.
    const watcher = await watch(otherState, { XDG_CONFIG_HOME: join(dir, 'no-config') });
    sessions.push(watcher);
    await secondary.waitFor((s) => s.includes('MIRROR'), 'the secondary watching');
    // The header's "journal N" may be cut off at 80 columns once every source is read: the replica on disk says it.
    await until(() => replicaLines(secondaryState) > 0, 'the secondary keeping the journal');
    // While the primary is heard from, its lease is live: the take-over is refused, nothing asked.
    await secondary.send('T');
    await secondary.waitFor((s) => s.includes('no take-over while dana-w'), 'the take-over refused while the primary is alive');
    await until(() => replicaLines(otherState) > 0, 'the other watcher keeping the journal');
    await watcher.send('T');
    await watcher.waitFor((s) => words(s).includes(words('no take-over from here: cockpit run needs a config')), 'the take-over refused without a config');

    // The primary drives to the customer rollout.
    await primary.waitFor((s) => /staging is \d+ commits\s+ahead/.test(s), 'the staging -> production diff');
    await primary.send('Enter');
    await primary.waitFor((s) => s.includes('y / n'), 'the review confirmation');
    await primary.send('y');
    await primary.waitFor((s) => s.includes('latest green:'), 'the choose step');
    await primary.send('Enter');
    await primary.waitFor((s) => s.includes('[latest green]'), 'the candidate list');
    await primary.send('Enter');
    await primary.waitFor(done(2), 'the candidate chosen');
    await primary.send('Enter');
    await primary.waitFor((s) => s.includes('y / n'), 'the open-PR confirmation');
    await primary.send('y');
    await primary.waitFor(done(4), 'the PR build green', 60_000);
    await primary.waitFor((s) => s.includes('can merge'), 'GitHub saying the PR can merge', 30_000);
    await primary.send('Enter');
    await primary.waitFor((s) => s.includes('Merge PR #'), 'the merge confirmation');
    await primary.send('y');
    await primary.waitFor(done(7), 'production deployed and verified', 60_000);
    await primary.send('Enter');
    await primary.waitFor((s) => s.includes('Update 12 customer PPCs'), 'the PPC update confirmation');
    await primary.send('y');
    // Two requests accepted and none on its way: a request whose answer was never journalled is looked up for
    // minutes after a take-over (unknown, never "not sent"), which the kill-and-resume tests cover.
    const accepted = (state: string) => {
      const events = journalEvents(state);
      const intents = events.filter((e) => e.type === 'intent' && e.action === 'trigger-ppcs').map((e) => (e.type === 'intent' ? e.id : ''));
      const answered = new Set(events.filter((e) => e.type === 'outcome' && e.ok && e.requestId !== undefined).map((e) => (e.type === 'outcome' ? e.id : '')));
      return intents.every((id) => answered.has(id)) ? intents.length : 0;
    };
    await until(() => accepted(primaryState) >= 2, 'two update requests accepted, none on its way', 60_000);

    // The replica has every line the primary's disk has, as the primary's machine goes away.
    await until(() => replicaLines(secondaryState) === replicaLines(primaryState), "the replica to catch up with the primary's journal");
    await primary.kill9();
    rmSync(primaryState, { recursive: true, force: true });
    let screen = await watcher.waitFor((s) => /disconnected \d+s — reconnecting/.test(s), 'the watcher noticing the primary gone', 15_000);
    await watcher.send('q');
    screen = await watcher.waitFor((s) => s.includes('EXIT='), 'the watcher to quit');
    expect(words(screen)).toContain(words(`The release's journal is replicated in ${releaseFiles(otherState)?.journal}`));
    expect(words(screen)).toContain(words('"cockpit run --take-over" with this state directory carries the release on from it.'));
    const replicated = parseJournal(readFileSync(releaseFiles(secondaryState)!.journal, 'utf8'));
    expect(replicated.problems).toEqual([]);

    // The secondary takes over from its watcher: y/n, a reason, and the release opens at the rollout in the same
    // terminal, after a look at the world.
    await secondary.waitFor((s) => /disconnected \d+s — reconnecting/.test(s), 'the secondary noticing the primary gone', 15_000);
    // Its footer offers T once the lease beside the replica is stale (on this one host: the primary's pid is gone).
    await secondary.waitFor((s) => s.includes('T take over'), 'the take-over offered');
    await secondary.send('T');
    await secondary.waitFor((s) => s.includes('Take the release over from dana-w?'), 'the take-over question');
    await secondary.send('y');
    await secondary.waitFor((s) => s.includes('Why do you take the release over'), 'the reason asked');
    await secondary.send('dana-w laptop gone', { literal: true });
    await secondary.waitFor((s) => s.includes('Reason: dana-w laptop gone'), 'the reason typed');
    await secondary.send('Enter');
    await until(() => journalEvents(secondaryState).some((e) => e.type === 'note' && e.text.startsWith('resumed by eli-r (taken over from dana-w)')), 'the look at the world after the take-over', 30_000);
    screen = await secondary.waitFor((s) => /› [▸✖●] 8\. /.test(s) && s.includes('Took over from dana-w'), 'the take-over at the rollout');
    const driver = journalEvents(secondaryState).find((e) => e.type === 'driver' && e.tookOverFrom !== undefined);
    expect(driver).toMatchObject({ actor: 'eli-r', tookOverFrom: 'dana-w', reason: 'dana-w laptop gone', replicaOf: url });
    expect(existsSync(join(secondaryState, 'releases', `${releaseFiles(secondaryState)!.journal.replace(/^.*\//, '').replace(/\.jsonl$/, '')}.replica.json`))).toBe(false);

    // And finishes it: the customer whose first update fails is retried (a job restart, not a second trigger).
    await secondary.waitFor((s) => /PPC \S+ failed/.test(s) || /\d+ failed/.test(s), 'the PPC that fails its first update', 90_000);
    await secondary.send('r');
    await secondary.waitFor((s) => s.includes('Retry updating'), 'the retry confirmation');
    await secondary.send('y');
    await secondary.waitFor(done(9), 'release complete', 120_000);

    const stats = await sim.stats();
    expect(stats.prsCreated).toBe(1);
    expect(stats.merges).toBe(1);
    const customers = ((await sim.state()).ppcs ?? []).map((p) => p.id);
    expect(customers).toHaveLength(12);
    expect(stats.ppcTriggers).toEqual(Object.fromEntries(customers.map((id) => [id, 1])));

    // The PR says who drives now, in its one driver comment.
    const pr = (await sim.state()).pulls.find((p) => p.merged);
    const comments = (await (await fetch(`${sim.url}/github/repos/acme/service/issues/${pr?.number}/comments`)).json()) as { body: string }[];
    const drivers = comments.filter((c) => c.body.includes('<!-- release-cockpit:driver'));
    expect(drivers).toHaveLength(1);
    expect(drivers[0]?.body).toMatch(/^release-cockpit: driven by eli-r on host \S+ since \S+ \(release \S+\), taken over from dana-w: dana-w laptop gone\./);
    const journal = readFileSync(releaseFiles(secondaryState)!.journal, 'utf8');
    for (const secret of [...Object.values(PRIMARY), SECONDARY.TRAVIS_TOKEN, token]) expect(journal).not.toContain(secret);
  }, 300_000);
});
