// Figure 4, the mirror: change-to-frame latency on a rendering watcher with 1 and with 100 watchers (median
// and p95; p95 with 100 within 2x of p95 with 1), and the feed's bytes per change (lib/mirror-watcher.mjs).
import { feedStateOf } from '../../../dist/mirror/feed-state.js';
import { diff } from '../../../dist/mirror/diff.js';
import { WEEKLY_PLAYBOOK } from '../../../dist/domain/weekly-playbook.js';
import { createCockpitStore } from '../../../dist/store/create-cockpit-store.js';
import { runChild } from '../lib/child.mjs';
import { count, median, ms, percentile, ratio } from '../lib/stats.mjs';

const CHANGES = Number(process.env.BENCH_MIRROR_CHANGES ?? 150);
const INTERVAL_MS = 150;

/** One PPC of a 1,000-PPC fleet changes: the patch the feed sends vs the snapshot, computed the way the feed does. */
function fleetSizes() {
  const store = createCockpitStore({ playbook: WEEKLY_PLAYBOOK });
  const ppcs = Array.from({ length: 1000 }, (_, i) => ({ id: `customer-${i}`, name: `Customer ${i}`, current: 'a'.repeat(40), target: 'b'.repeat(40), state: 'pending' }));
  store.getState().fleetRead(ppcs);
  const before = feedStateOf(store.getState());
  store.getState().ppcsUpdated([{ id: 'customer-500', state: 'updating' }]);
  const ops = diff(before, feedStateOf(store.getState()));
  return { snapshot: JSON.stringify({ v: 1, seq: 1, state: before }).length, patch: JSON.stringify({ v: 1, seq: 2, ops }).length };
}

export async function measure(ctx) {
  const runs = {};
  for (const watchers of [1, 100]) {
    ctx.log(`${watchers} watcher(s), ${CHANGES} changes ${INTERVAL_MS} ms apart`);
    runs[watchers] = await runChild('./mirror-watcher.mjs', [watchers, CHANGES, INTERVAL_MS]);
  }
  const describe = (run) => `median ${ms(median(run.latencies))}, p95 ${ms(percentile(run.latencies, 95))}`;
  const growth = percentile(runs[100].latencies, 95) / percentile(runs[1].latencies, 95);
  const { patch } = runs[100].stats.events;
  const fleet = fleetSizes();
  const crowd = runs[100].crowdLatencies;
  return [
    {
      figure: '4. mirror: change -> frame on a watcher, 1 / 100 watchers',
      measured: `${describe(runs[1])} / ${describe(runs[100])} (the other 99 get the state: median ${ms(median(crowd))}, p95 ${ms(percentile(crowd, 95))})`,
      target: '',
      met: null,
    },
    {
      figure: '4. mirror: p95 with 100 watchers vs 1',
      measured: `${ratio(growth)} (n=${runs[100].latencies.length} and ${runs[1].latencies.length})`,
      target: '<= 2x',
      met: growth <= 2,
    },
    {
      figure: '4. mirror: bytes per change',
      measured: `${count(patch.bytes / Math.max(1, patch.count))} B per patch on average (demo release, ${count(patch.count)} patches); snapshot ${count(runs[100].stats.lastSnapshotBytes)} B; 1,000-PPC fleet, one PPC changes: ${count(fleet.patch)} B patch vs ${count(fleet.snapshot)} B snapshot`,
      target: '',
      met: null,
    },
  ];
}
