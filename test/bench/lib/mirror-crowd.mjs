// The other watchers of the benchmark: plain feed clients with a watcher's store each (no screen), in one process.
import { startFeedClient } from '../../../dist/mirror/client.js';
import { feedUrl } from '../../../dist/mirror/feed-url.js';
import { createWatcherStore } from '../../../dist/mirror/watcher-store.js';

const [url, count] = [process.argv[2], Number(process.argv[3])];
const wall = () => performance.timeOrigin + performance.now();
const latencies = [];
const clients = [];
for (let i = 0; i < count; i += 1) {
  let watcher;
  const seen = new Set();
  const client = startFeedClient({
    url: feedUrl(url),
    token: 'bench-token-0123456789',
    onState: (state) => {
      watcher?.apply(state);
      const match = /^bench (\d+) ([\d.]+)$/.exec(state.primary.notice?.text ?? '');
      if (match && !seen.has(match[1])) {
        seen.add(match[1]);
        latencies.push(wall() - Number(match[2]));
      }
    },
  });
  clients.push(client.ready.then((state) => (watcher = createWatcherStore(state))));
}
await Promise.all(clients);
process.send({ ready: true });
process.on('message', (message) => {
  if (message === 'report') {
    // Exiting before the message is out would lose it.
    process.send({ latencies }, () => process.exit(0));
  }
});
