// Change-to-frame latency on a watcher, with 1 and with 100 watchers, and the bytes the feed sends per change.
// Run after `npm run build`: node test/bench/mirror-latency.mjs [changes] [interval-ms]
//
// The primary (demo world, refresh loops, store, mirror) runs in one process; the measured watcher (feed client,
// watcher store, the real <App> rendered by Ink at 80x24 with watch's options) in this one; the other 99 in a
// third. A change is a notice stamped with the wall clock; its latency ends when Ink writes a frame showing it.
import { fork } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { fileURLToPath } from 'node:url';
import { createElement } from 'react';
import { render } from 'ink';
import { feedUrl, startFeedClient } from '../../dist/mirror/client.js';
import { createMirrorLinkStore } from '../../dist/mirror/link.js';
import { createWatcherStore } from '../../dist/mirror/watcher-store.js';
import { App } from '../../dist/ui/app.js';
import { MirrorLinkProvider } from '../../dist/ui/mirror-link.js';
import { WEEKLY_PLAYBOOK } from '../../dist/domain/weekly-playbook.js';
import { createCockpitStore } from '../../dist/store/create-cockpit-store.js';
import { feedStateOf } from '../../dist/mirror/feed-state.js';
import { diff } from '../../dist/mirror/diff.js';

const here = (name) => fileURLToPath(new URL(name, import.meta.url));
const [changes = 150, interval = 150] = process.argv.slice(2).map(Number);
const wall = () => performance.timeOrigin + performance.now();
const once = (child, key) => new Promise((resolve) => child.on('message', (m) => m[key] !== undefined && resolve(m)));

function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}
const summary = (values) => `median ${percentile(values, 50).toFixed(1)} ms, p95 ${percentile(values, 95).toFixed(1)} ms (n=${values.length})`;

class Terminal extends EventEmitter {
  columns = 80;
  rows = 24;
  isTTY = true;
  constructor(onFrame) {
    super();
    this.onFrame = onFrame;
  }
  write(text) {
    this.onFrame(text);
    return true;
  }
}
class Keyboard extends EventEmitter {
  isTTY = true;
  setRawMode() {}
  setEncoding() {}
  read() { return null; }
  ref() {}
  unref() {}
  resume() {}
  pause() {}
}

async function run(watchers) {
  const primary = fork(here('./mirror-primary.mjs'), [String(changes), String(interval)], { stdio: 'inherit' });
  const { url } = await once(primary, 'url');
  let crowd;
  if (watchers > 1) {
    crowd = fork(here('./mirror-crowd.mjs'), [url, String(watchers - 1)], { stdio: 'inherit' });
    await once(crowd, 'ready');
  }
  const latencies = [];
  const seen = new Set();
  const eventBytes = { snapshot: [], patch: [] };
  let watcher;
  const client = startFeedClient({ url: feedUrl(url), token: 'bench-token-0123456789', onState: (state) => watcher?.apply(state) });
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
  primary.send('go');
  const { stats } = await once(primary, 'done');
  const crowdLatencies = crowd ? (crowd.send('report'), (await once(crowd, 'latencies')).latencies) : [];
  instance.unmount();
  client.stop();
  return { latencies, crowdLatencies, stats };
}

function sizes() {
  // Bytes per change for a larger fleet, computed the way the feed does it.
  const store = createCockpitStore({ playbook: WEEKLY_PLAYBOOK });
  const ppcs = Array.from({ length: 1000 }, (_, i) => ({ id: `customer-${i}`, name: `Customer ${i}`, current: 'a'.repeat(40), target: 'b'.repeat(40), state: 'pending' }));
  store.getState().setPpcs(ppcs);
  const before = feedStateOf(store.getState());
  store.getState().patchPpcs([{ id: 'customer-500', state: 'updating' }]);
  const ops = diff(before, feedStateOf(store.getState()));
  return { snapshot: JSON.stringify({ v: 1, seq: 1, state: before }).length, patch: JSON.stringify({ v: 1, seq: 2, ops }).length };
}

for (const watchers of (process.env.WATCHERS ?? "1,100").split(",").map(Number)) {
  const { latencies, crowdLatencies, stats } = await run(watchers);
  console.log(`\n${watchers} watcher${watchers === 1 ? '' : 's'}:`);
  console.log(`  change -> frame on the rendering watcher: ${summary(latencies)}`);
  if (crowdLatencies.length) console.log(`  change -> state at the other ${watchers - 1} (no screen): ${summary(crowdLatencies)}`);
  const { snapshot, patch, heartbeat } = stats.events;
  console.log(`  feed: snapshot ${stats.lastSnapshotBytes} B (${snapshot.count} sent); ${patch.count} patches, ${(patch.bytes / Math.max(1, patch.count)).toFixed(0)} B on average; ${heartbeat.count} heartbeats`);
}
const big = sizes();
console.log(`\n1000-PPC fleet, one PPC changes: snapshot ${big.snapshot} B, patch ${big.patch} B`);
