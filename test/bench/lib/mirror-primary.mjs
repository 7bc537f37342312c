// A primary for the mirror benchmark: the demo world, its refresh loops and store, and the mirror on a free port.
// Every `interval` ms it makes one change a watcher shows (the notice line) stamped with the wall-clock time.
import { WEEKLY_PLAYBOOK } from '../../../dist/domain/weekly-playbook.js';
import { startMirrorServer } from '../../../dist/mirror/server.js';
import { startPollers } from '../../../dist/pollers/start-pollers.js';
import { createServices } from '../../../dist/services/index.js';
import { startSim } from '../../../dist/sim/index.js';
import { createCockpitStore } from '../../../dist/store/create-cockpit-store.js';

const [changes, interval] = process.argv.slice(2).map(Number);
const sim = await startSim({ seed: 7, speed: 2 });
const config = sim.config;
const store = createCockpitStore({ playbook: WEEKLY_PLAYBOOK, meta: { mode: 'demo', releaseName: 'Weekly release', roles: config.roles, repo: config.service.repo, timezone: 'UTC' } });
const pollers = startPollers(store, createServices(config, {}), config);
const server = await startMirrorServer({ store, host: '127.0.0.1', port: 0, token: 'bench-token-0123456789', maxWatchers: 200 });
const wall = () => performance.timeOrigin + performance.now();
// Watchers connect once the store holds what a release shows, so the snapshot has its real size.
while (!(store.getState().environments.status === 'ready' && store.getState().candidates.status === 'ready' && store.getState().rollout.ppcs.length > 0)) {
  await new Promise((resolve) => setTimeout(resolve, 50));
}
process.send({ url: server.url });
process.on('message', async (message) => {
  if (message !== 'go') return;
  for (let id = 1; id <= changes; id += 1) {
    store.getState().setNotice({ text: `bench ${id} ${wall().toFixed(3)}`, tone: 'info' });
    await new Promise((resolve) => setTimeout(resolve, interval));
  }
  process.send({ done: true, stats: server.stats() });
  pollers.stop();
  await server.close();
  await sim.close();
  process.exit(0);
});
