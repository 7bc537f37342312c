// Figure 7, hostile input: `cockpit config check` of a config with many unknown keys, which once took time
// quadratic in their number (20,000 keys: 12 s; 233,000: past 300 s). The figure is how the time above a valid
// config's check grows from 4,000 keys to 40,000: linear work makes that about 10x, quadratic about 100x.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BIN, ROOT, scratchDir } from '../lib/paths.mjs';
import { timeToExit } from '../lib/spawn-timing.mjs';
import { median, ms, ratio } from '../lib/stats.mjs';

const ROUNDS = Number(process.env.BENCH_HOSTILE_ROUNDS ?? 5);

export async function measure(ctx) {
  const dir = scratchDir('hostile');
  const valid = readFileSync(join(ROOT, 'test', 'fixtures', 'configs', 'valid.yaml'), 'utf8');
  const write = (keys) => {
    const path = join(dir, `keys-${keys}.yaml`);
    writeFileSync(path, valid + Array.from({ length: keys }, (_, n) => `unknown_key_${n}: ${n}\n`).join(''));
    return path;
  };
  const files = { base: write(0), small: write(4_000), large: write(40_000) };
  const check = (file) => () => timeToExit(process.execPath, [BIN, 'config', 'check', '--config', file], { codes: [0, 2] });
  ctx.log(`config check of 0, 4,000 and 40,000 unknown keys, ${ROUNDS} rounds`);
  const times = { base: [], small: [], large: [] };
  for (const kind of Object.keys(files)) await check(files[kind])();
  for (let i = 0; i < ROUNDS; i += 1) for (const kind of Object.keys(files)) times[kind].push(await check(files[kind])());
  const base = median(times.base);
  const growth = (median(times.large) - base) / Math.max(1, median(times.small) - base);
  return [
    {
      figure: '7. hostile: config check, 40,000 unknown keys vs 4,000 (time above a valid config)',
      measured: `${ratio(growth)} (medians ${ms(median(times.large))} and ${ms(median(times.small))}; valid config ${ms(base)}, n=${ROUNDS})`,
      target: '<= 15x',
      met: growth <= 15,
    },
  ];
}
