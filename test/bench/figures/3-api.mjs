// Figure 3, API economy: GitHub requests in a steady hour (nothing changing in the demo world, time compressed
// 120x), the share answered 304 and the rate-limit points spent, with 100 watchers on a mirror of the store,
// next to a naive poller (the same reads at the same intervals, unconditional). Watchers add nothing when every
// GitHub request the demo world saw was sent by the cockpit's own client. Each hour runs in a process of its
// own against a `cockpit sim` of its own (lib/api-hour.mjs).
import { runChild } from '../lib/child.mjs';
import { count } from '../lib/stats.mjs';

const FACTOR = Number(process.env.BENCH_API_FACTOR ?? 120);
const WATCHERS = 100;

export async function measure(ctx) {
  ctx.log(`a steady hour at ${FACTOR}x: conditional reads, ${WATCHERS} watchers`);
  const cond = await runChild('./api-hour.mjs', ['conditional', WATCHERS, FACTOR]);
  ctx.log(`a steady hour at ${FACTOR}x: naive reads`);
  const naive = await runChild('./api-hour.mjs', ['naive', 0, FACTOR]);
  for (const run of [cond, naive]) ctx.log(JSON.stringify(run));

  const share = cond.notModified / Math.max(1, cond.github);
  const extra = cond.github - cond.cockpitSent;
  return [
    {
      figure: '3. API: GitHub requests in a steady hour answered 304',
      measured: `${(share * 100).toFixed(1)}% of ${count(cond.github)} (naive poller: 0% of ${count(naive.github)})`,
      target: '>= 95%',
      met: share >= 0.95,
    },
    {
      figure: '3. API: rate-limit points in a steady hour',
      measured: `${count(cond.points)} (naive poller: ${count(naive.points)})`,
      target: '<= 60',
      met: cond.points <= 60,
    },
    {
      figure: `3. API: GitHub requests added by ${WATCHERS} watchers`,
      measured: `${count(extra)} (of the ${count(cond.github)} the demo world saw, the cockpit sent ${count(cond.cockpitSent)})`,
      target: '0',
      met: extra === 0,
    },
  ];
}
