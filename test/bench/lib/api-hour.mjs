// One steady hour of the cockpit's refresh loops against the demo world, time-compressed (lib/compressed-time),
// with nothing changing in the world. Counts GitHub requests, 304s and rate-limit points from the sim (which
// sees every request, whoever sends it) and from the cockpit's own client.
// Usage: node api-hour.mjs conditional|naive WATCHERS FACTOR
//   naive: the same reads at the same intervals, but never conditional (no If-None-Match / If-Modified-Since).
//   WATCHERS: that many `cockpit watch` feed clients on a mirror of the store, in another process.
import { compressTime } from './compressed-time.mjs';

const [mode, watchers, factor] = [process.argv[2], Number(process.argv[3]), Number(process.argv[4])];
compressTime(factor);

const { fork } = await import('node:child_process');
const { fileURLToPath } = await import('node:url');
const { loadConfig } = await import('../../../dist/config/load.js');
const { WEEKLY_PLAYBOOK } = await import('../../../dist/domain/weekly-playbook.js');
const { startMirrorServer } = await import('../../../dist/mirror/server.js');
const { startPollers, TICK_MS } = await import('../../../dist/pollers/start-pollers.js');
const { ENVIRONMENTS_INTERVAL_MS } = await import('../../../dist/pollers/environments-poller.js');
const { createServices } = await import('../../../dist/services/index.js');
const { createCockpitStore } = await import('../../../dist/store/create-cockpit-store.js');
const { answer } = await import('./child.mjs');
const { startSimProcess } = await import('./sim-process.mjs');

const TOKEN = 'bench-token-0123456789';
const githubRequests = (stats) => Object.entries(stats.requests).filter(([route]) => route.includes(' /github/')).reduce((sum, [, n]) => sum + n, 0);

if (mode === 'naive') {
  const realFetch = globalThis.fetch;
  globalThis.fetch = (input, init = {}) => {
    const headers = new Headers(init.headers);
    headers.delete('if-none-match');
    headers.delete('if-modified-since');
    return realFetch(input, { ...init, headers });
  };
}

await answer(async () => {
  const sim = await startSimProcess({ scenario: 'weekly', seed: 1 });
  let pollers;
  let server;
  let crowd;
  try {
    const { config } = await loadConfig({ path: sim.configPath, cwd: process.cwd(), env: {} });
    const services = createServices(config, {});
    const store = createCockpitStore({ playbook: WEEKLY_PLAYBOOK, meta: { mode: 'driving', releaseName: 'Weekly release', roles: config.roles, repo: config.service.repo, timezone: 'UTC' } });
    let envPolls = 0;
    store.subscribe((s, prev) => {
      if (s.environments !== prev.environments && s.environments.status === 'ready') envPolls += 1;
    });
    pollers = startPollers(store, services, config, { tickMs: TICK_MS });
    if (watchers > 0) {
      server = await startMirrorServer({ store, host: '127.0.0.1', port: 0, token: TOKEN, maxWatchers: watchers + 10 });
      crowd = fork(fileURLToPath(new URL('./mirror-crowd.mjs', import.meta.url)), [server.url, String(watchers)], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
      await new Promise((resolve, reject) => {
        crowd.once('message', resolve);
        crowd.once('exit', (code) => reject(new Error(`the watchers exited ${code}`)));
      });
    }
    // Steady: every loop has read once (each answer cached with its validator) and the fleet knows its target.
    const sources = () => Object.values(store.getState().sources).every((s) => s.state !== 'unknown');
    while (!(sources() && store.getState().candidates.status === 'ready' && !pollers.busy())) await new Promise((r) => setTimeout(r, 50));
    await new Promise((r) => setTimeout(r, 100));

    // An hour is the environments loop's 120 reads (one each 30 s): the loops' cadence, not the wall clock, whose
    // compressed hour would also count each read's own (uncompressed) duration.
    const pollsPerHour = 3_600_000 / ENVIRONMENTS_INTERVAL_MS;
    // The two counts must be read with nothing on the wire, or a request sent between them counts on one side only.
    const settled = async () => {
      for (;;) {
        while (pollers.busy()) await new Promise((r) => setTimeout(r, 5));
        const client = services.github.counters();
        const stats = await sim.stats();
        if (!pollers.busy() && services.github.counters().requests === client.requests) return { client, stats };
      }
    };
    const { client: clientBefore, stats: simBefore } = await settled();
    const startPolls = envPolls;
    const started = performance.now();
    const deadline = started + (3 * 3_600_000) / factor;
    while (envPolls - startPolls < pollsPerHour && performance.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    const realMs = performance.now() - started;
    const { client: clientAfter, stats: simAfter } = await settled();
    return {
      mode,
      watchers,
      envPolls: envPolls - startPolls,
      realMs,
      github: githubRequests(simAfter) - githubRequests(simBefore),
      notModified: simAfter.notModified - simBefore.notModified,
      points: simBefore.rateLimitRemaining - simAfter.rateLimitRemaining,
      cockpitSent: clientAfter.requests - clientBefore.requests,
      feed: server?.stats().events,
    };
  } finally {
    pollers?.stop();
    crowd?.kill();
    await server?.close();
    await sim.close();
  }
});
