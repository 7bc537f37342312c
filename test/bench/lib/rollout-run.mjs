// Runs one benchmarked cockpit (rollout-cockpit.mjs) in a child process against a world, and hands back what
// it reported. Progress lines go to `log`.
import { fork } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const COCKPIT = fileURLToPath(new URL('./rollout-cockpit.mjs', import.meta.url));

/** BENCH_PROFILE=DIR: the cockpit and the world each write a CPU profile there (to find where a figure's time goes). */
export function profileArgs(name) {
  const dir = process.env.BENCH_PROFILE;
  return dir ? ['--cpu-prof', `--cpu-prof-dir=${dir}`, `--cpu-prof-name=${name}-${Date.now()}.cpuprofile`] : [];
}

export async function runCockpit(options, { log, execArgv = [], onStart } = {}) {
  const stateDir = await mkdtemp(join(tmpdir(), 'cockpit-bench-'));
  const child = fork(COCKPIT, [], {
    execArgv: [...execArgv, ...profileArgs('cockpit')],
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    // As bin/cockpit.js runs it: React's production build.
    env: { ...process.env, NODE_ENV: 'production', COCKPIT_NOTIFY: 'off' },
  });
  // Ink restores the cursor on stderr at exit; anything else there is the cockpit complaining, and is passed on.
  child.stderr.setEncoding('utf8').on('data', (text) => {
    const said = text.replace(/\u001b\[[0-9;?]*[A-Za-z]/g, '').trim();
    if (said) log?.(`cockpit stderr: ${said}`);
  });
  try {
    onStart?.(child);
    return await new Promise((resolve, reject) => {
      child.on('message', (m) => {
        if (m.type === 'log') log?.(m.line);
        else if (m.type === 'result') resolve(m.result);
        else if (m.type === 'error') reject(new Error(`the benchmarked cockpit failed: ${m.error}`));
      });
      child.once('exit', (code, signal) => reject(new Error(`the benchmarked cockpit exited (${signal ?? code}) before it reported`)));
      child.send({ ...options, stateDir });
    });
  } finally {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
    await rm(stateDir, { recursive: true, force: true });
  }
}

/** The fleet repo's update requests since `sinceSim`, each with when Travis accepted it and when its last job ended. */
export async function updateRounds(world, repo, sinceSim) {
  const slug = encodeURIComponent(repo);
  const { requests } = await world.get(`/travis/repo/${slug}/requests?limit=100`);
  const rounds = [];
  for (const r of requests) {
    const accepted = Date.parse(r.created_at);
    const buildId = r.builds?.[0]?.id;
    if (accepted < sinceSim || buildId === undefined) continue;
    // A finished build's updated_at is its last job's end, to the millisecond.
    const build = await world.get(`/travis/build/${buildId}`);
    rounds.push({ id: r.id, customers: r.config?.env?.jobs?.length ?? 0, accepted, ended: Date.parse(build.updated_at), state: build.state });
  }
  return rounds.sort((a, b) => a.accepted - b.accepted);
}

/** How long at least one of `intervals` was under way: the world's own busy time. */
export function busyTime(intervals) {
  let total = 0;
  let until = -Infinity;
  for (const { accepted, ended } of [...intervals].sort((a, b) => a.accepted - b.accepted)) {
    const from = Math.max(accepted, until);
    if (ended > from) total += ended - from;
    until = Math.max(until, ended);
  }
  return total;
}
