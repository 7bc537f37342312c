// `cockpit status` never says "green and idle" when it is not: the real binary against a demo world in another
// process, each case a fault or a change made through the world's own controls.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AcmeFacts } from '../../src/sim/index.js';
import { ROOT, startSimProcess, type SimProcess } from '../helpers/release-process.js';

const BIN = join(ROOT, 'bin', 'cockpit.js');
let dir: string;
let sim: SimProcess;
let facts: AcmeFacts;
/** The sim's config with the schedule in Tokyo (no daylight saving, nine hours off UTC). */
let tokyo: string;

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

function cockpit(args: readonly string[]): Promise<Run> {
  const env = { PATH: dirname(process.execPath), HOME: dir };
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { cwd: dir, env, timeout: 25_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
    });
  });
}

const short = (sha: string): string => sha.slice(0, 7);
const firstLine = (run: Run): string => run.stdout.split('\n')[0] ?? '';
/** The verdict's reasons: the "- " lines under the first, joined back where the 80 columns wrapped them. */
const reasons = (run: Run): string[] => {
  const lines = run.stdout.split('\n\n')[0]?.split('\n').slice(1) ?? [];
  return lines.reduce<string[]>((out, line) => (line.startsWith('- ') ? [...out, line.slice(2)] : [...out.slice(0, -1), `${out.at(-1) ?? ''} ${line.trim()}`]), []);
};
const clearFaults = () => fetch(`${sim.url}/_sim/faults`, { method: 'DELETE' });

beforeAll(async () => {
  if (!existsSync(join(ROOT, 'dist', 'modes', 'status.js'))) throw new Error('dist/ is missing: run `npm run build` first');
  dir = mkdtempSync(join(tmpdir(), 'cockpit-status-honesty-'));
  // Slow enough that a build the world schedules 1.5 s (sim time) after a push is not there within the test.
  sim = await startSimProcess(dir, { seed: 1, speed: 0.01 });
  facts = (await sim.state()).facts as unknown as AcmeFacts;
  tokyo = join(dir, 'tokyo.yaml');
  writeFileSync(tokyo, readFileSync(sim.config, 'utf8').replace(/timezone: UTC/, 'timezone: Asia/Tokyo'));
});

afterEach(async () => {
  await clearFaults();
});

afterAll(() => {
  sim?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('cockpit status is never green when it is not', () => {
  it('a red staging head whose site serves the green commit before it needs a human (1), and still names that candidate', async () => {
    const run = await cockpit(['status', '--config', sim.config]);
    expect(run.stderr).toBe('');
    expect(firstLine(run)).toBe('acme/service: needs a human (exit 1)');
    expect(run.code).toBe(1);
    expect(reasons(run)).toEqual([expect.stringMatching(new RegExp(`^staging push build #\\d+ of head ${short(facts.stagingHead)} failed; latest green candidate ${short(facts.stagingGreen)}$`))]);
    expect(run.stdout).toContain(`site serves ${short(facts.stagingGreen)} (NOT the head)`);
    expect(run.stdout).toContain(`latest green  ${short(facts.stagingGreen)} `);
    const doc = JSON.parse((await cockpit(['status', '--json', '--config', sim.config])).stdout) as { verdict: string; exit_code: number };
    expect(doc).toMatchObject({ verdict: 'needs_human', exit_code: 1 });
  });

  it('every GitHub read rate-limited: exit 3, what could not be read, and when the limit resets in the configured zone', async () => {
    await sim.fault({ target: 'github', kind: 'rate-limit', retryAfterSeconds: 1800 });
    // The world's own answer says when the limit resets.
    const answer = await fetch(`${sim.url}/github/repos/acme/service`);
    expect(answer.status).toBe(403);
    const reset = Number(answer.headers.get('x-ratelimit-reset')) * 1000;
    // Each answer counts its 30 minutes from its own time: the cockpit's come a moment later, maybe in the next minute.
    const format = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Tokyo', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    const clock = `(?:${format.format(reset)}|${format.format(reset + 60_000)})`;

    const run = await cockpit(['status', '--config', tokyo]);
    expect(run.stderr).toBe('');
    expect(firstLine(run)).toBe('acme/service: incomplete: a source could not be reached (exit 3)');
    expect(run.code).toBe(3);
    const [said, ...others] = reasons(run);
    expect(others).toEqual([]);
    expect(said).toMatch(/^GitHub not read \(rate limited\): the environments' heads, CI and pins; the staging commits production lacks and their CI; the promotion pull request;/);
    expect(said).toMatch(new RegExp(`the limit resets at \\w{3} ${clock} \\S+ \\(in (29|30)m`));
    expect(run.stdout).not.toMatch(/green and idle/);

    const doc = JSON.parse((await cockpit(['status', '--json', '--config', tokyo])).stdout) as { verdict: string; exit_code: number; reasons: string[] };
    expect(doc).toMatchObject({ verdict: 'unreachable', exit_code: 3 });
    expect(doc.reasons[0]).toMatch(/^GitHub not read \(rate limited\)/);
  });

  it('Travis rate-limited while GitHub answers: the push builds are not read, so exit 3', async () => {
    await sim.fault({ target: 'travis', kind: 'rate-limit' });
    const run = await cockpit(['status', '--config', sim.config]);
    expect(run.code).toBe(3);
    expect(reasons(run)).toEqual(["Travis CI not read (rate limited): staging's push build; production's push build"]);
  });

  it('a customer PPC not answering: what it runs is not known, so exit 3 naming it', async () => {
    await sim.fault({ target: 'ppcs', kind: '5xx', path: `/ppcs/${facts.canary}/` });
    const run = await cockpit(['status', '--config', sim.config]);
    expect(run.code).toBe(3);
    expect(reasons(run)).toEqual([`customer PPCs not read: what one runs (${facts.canary} not answering)`]);
  });

  it('a push to staging: the latest push build is the old head\'s, and the new head has no CI yet, so in progress (8)', async () => {
    const pushed = await fetch(`${sim.url}/_sim/push`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ branch: 'staging', message: 'Tune the webhook retry' }) });
    expect(pushed.status).toBe(201);
    const { sha } = (await pushed.json()) as { sha: string };
    const run = await cockpit(['status', '--config', sim.config]);
    expect(firstLine(run)).toBe('acme/service: in progress (exit 8)');
    expect(run.code).toBe(8);
    expect(reasons(run)).toEqual([expect.stringMatching(new RegExp(`^staging head ${short(sha)} has no CI result yet \\(the latest push build #\\d+ is of ${short(facts.stagingHead)}\\)$`))]);
  });
});
