// The measured watcher of figure 4: a feed client, a watcher's store and the real <App> rendered by Ink at 80x24
// with watch's options, in this process; the primary (demo world, refresh loops, store, mirror) in another
// (mirror-primary.mjs); the other WATCHERS-1 watchers, without screens, in a third (mirror-crowd.mjs). A change
// is a notice stamped with the wall clock; its latency ends when Ink writes a frame showing it.
// Usage: node mirror-watcher.mjs WATCHERS CHANGES INTERVAL_MS
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createElement } from 'react';
import { render } from 'ink';
import { startFeedClient } from '../../../dist/mirror/client.js';
import { feedUrl } from '../../../dist/mirror/feed-url.js';
import { createMirrorLinkStore } from '../../../dist/mirror/link.js';
import { createWatcherStore } from '../../../dist/mirror/watcher-store.js';
import { App } from '../../../dist/ui/app.js';
import { MirrorLinkProvider } from '../../../dist/ui/mirror-link.js';
import { answer } from './child.mjs';
import { Keyboard, Terminal } from './terminal.mjs';

const [watchers, changes, interval] = process.argv.slice(2).map(Number);
const TOKEN = 'bench-token-0123456789';
const here = (name) => fileURLToPath(new URL(name, import.meta.url));
const wall = () => performance.timeOrigin + performance.now();
const once = (child, key) =>
  new Promise((resolve, reject) => {
    child.on('message', (m) => m[key] !== undefined && resolve(m));
    child.once('exit', (code) => reject(new Error(`${key}: a helper exited ${code}`)));
  });

await answer(async () => {
  const primary = fork(here('./mirror-primary.mjs'), [String(changes), String(interval)], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  const { url } = await once(primary, 'url');
  let crowd;
  if (watchers > 1) {
    crowd = fork(here('./mirror-crowd.mjs'), [url, String(watchers - 1)], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
    await once(crowd, 'ready');
  }
  const latencies = [];
  const seen = new Set();
  let watcher;
  const client = startFeedClient({ url: feedUrl(url), token: TOKEN, onState: (state) => watcher?.apply(state) });
  watcher = createWatcherStore(await client.ready);
  const link = createMirrorLinkStore({ role: 'watching', url, driver: 'dana-w', primaryCursor: 0, link: { state: 'live', lastSeenAt: Date.now(), attempt: 0 } });
  const terminal = new Terminal((text) => {
    const at = wall();
    for (const match of text.matchAll(/bench (\d+) ([\d.]+)/g)) {
      if (seen.has(match[1])) continue;
      seen.add(match[1]);
      latencies.push(at - Number(match[2]));
    }
  });
  const app = createElement(MirrorLinkProvider, { link }, createElement(App, { store: watcher.store, deps: { perform() {}, quit() {} }, onChoose() {} }));
  const instance = render(app, { stdout: terminal, stdin: new Keyboard(), stderr: terminal, maxFps: 12, patchConsole: false, exitOnCtrlC: false });
  const done = once(primary, 'done');
  primary.send('go');
  const { stats } = await done;
  let crowdLatencies = [];
  if (crowd) {
    const report = once(crowd, 'latencies');
    crowd.send('report');
    crowdLatencies = (await report).latencies;
  }
  instance.unmount();
  client.stop();
  return { watchers, latencies, crowdLatencies, stats };
});
