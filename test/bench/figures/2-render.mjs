// Figure 2, render cost vs fleet size: store update -> frame written, with the Rollout pane on screen, for 10,
// 1,000 and 10,000 customer PPCs. Each size renders in a process of its own (lib/render-probe.mjs); they take
// turns, one update at a time, so the machine's load falls on every size alike. The pane shows a window of
// the fleet, so its cost must not grow with the fleet: 10,000 within 1.2x of 10. At 80x24 the pane shows 14
// rows: 10 PPCs leave it part empty, so 20 PPCs (the pane full, "6 more") are measured too, to tell the cost of a
// full screen from the cost of a big fleet.
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { ROOT } from '../lib/paths.mjs';
import { median, ms, percentile, ratio } from '../lib/stats.mjs';

const UPDATES = Number(process.env.BENCH_RENDER_UPDATES ?? 120);
const WARM_UP = 20;
const SIZES = [10, 20, 1_000, 10_000];
// Ink draws at most 12 frames a second: updates to one screen further apart than 1/12 s are each drawn at once.
const TURN_MS = 45;

function startProbe(size) {
  const env = { ...process.env, NODE_ENV: 'production' };
  delete env.CI; // Ink writes only the last frame when it believes it runs in CI
  const child = fork(fileURLToPath(new URL('../lib/render-probe.mjs', import.meta.url)), [String(size)], { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
  // Ink shows the cursor again on exit by writing to stderr: kept off the bench's own output unless it says more.
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const next = () =>
    new Promise((resolve, reject) => {
      const onExit = (code) => reject(new Error(`the ${size}-PPC renderer exited ${code}: ${stderr.trim()}`));
      child.once('exit', onExit);
      child.once('message', (m) => {
        child.off('exit', onExit);
        if (m.error) reject(new Error(m.error));
        else resolve(m);
      });
    });
  return { size, child, next };
}

export async function measure(ctx) {
  const probes = SIZES.map(startProbe);
  try {
    await Promise.all(probes.map((p) => p.next()));
    const latencies = new Map(SIZES.map((s) => [s, []]));
    ctx.log(`${SIZES.join(', ')} PPCs in turn: ${WARM_UP} + ${UPDATES} updates each`);
    for (let i = 0; i < WARM_UP + UPDATES; i += 1) {
      // Each round starts with another size, so none always follows the same neighbour's garbage collection.
      for (const probe of [...probes.slice(i % probes.length), ...probes.slice(0, i % probes.length)]) {
        const answer = probe.next();
        probe.child.send('update');
        const { latency } = await answer;
        if (i >= WARM_UP) latencies.get(probe.size).push(latency);
        await new Promise((resolve) => setTimeout(resolve, TURN_MS));
      }
    }
    const describe = (size) => `${ms(median(latencies.get(size)))} (p95 ${ms(percentile(latencies.get(size), 95))})`;
    const growth = median(latencies.get(10_000)) / median(latencies.get(10));
    const fleetOnly = median(latencies.get(10_000)) / median(latencies.get(20));
    return [
      {
        figure: '2. render: update -> frame, 10 / 20 / 1,000 / 10,000 PPCs',
        measured: `median ${SIZES.map(describe).join(' / ')}`,
        target: '',
        met: null,
      },
      {
        figure: '2. render: 10,000 PPCs vs 10',
        measured: `${ratio(growth)} (medians, n=${UPDATES} each)`,
        target: '<= 1.2x',
        met: growth <= 1.2,
      },
      {
        figure: '2. render: 10,000 PPCs vs 20 (both fill the pane)',
        measured: `${ratio(fleetOnly)} (medians)`,
        target: '',
        met: null,
      },
    ];
  } finally {
    for (const probe of probes) if (probe.child.exitCode === null) probe.child.send('stop');
  }
}
