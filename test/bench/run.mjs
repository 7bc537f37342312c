// `npm run bench`: every figure in figures/ (named "N-what.mjs"), in numeric order, then one Markdown table.
// Run after a build (npm run bench builds first). `node test/bench/run.mjs 2-render 4` runs only the figures whose
// file name contains one of the arguments. Progress goes to stderr; the table alone goes to stdout.
//
// Every figure is a ratio of two things measured in the same run (or an absolute count where the target is
// one), so it holds on a noisy shared machine. A missed target is reported, not failed: the exit code is
// non-zero only when a figure crashed, and then the other figures' rows are still printed.
import { readdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { markdownTable } from './lib/table.mjs';

const dir = fileURLToPath(new URL('./figures/', import.meta.url));
const filters = process.argv.slice(2);
const figures = readdirSync(dir)
  .filter((name) => /^\d+-.*\.mjs$/.test(name))
  .filter((name) => filters.length === 0 || filters.some((f) => name.includes(f)))
  .sort((a, b) => Number.parseInt(a, 10) - Number.parseInt(b, 10) || a.localeCompare(b));
if (figures.length === 0) {
  process.stderr.write(`bench: no figure matches ${filters.join(', ')}\n`);
  process.exit(2);
}

const rows = [];
let crashed = 0;
const started = performance.now();
for (const name of figures) {
  const t = performance.now();
  const ctx = { log: (line) => process.stderr.write(`[${name.replace(/\.mjs$/, '')}] ${line}\n`) };
  ctx.log('measuring');
  try {
    const { measure } = await import(pathToFileURL(dir + name).href);
    const got = await measure(ctx);
    rows.push(...got);
    for (const row of got) ctx.log(`${row.figure}: ${row.measured} (target ${row.target}) ${row.met === null ? '' : row.met ? 'met' : 'MISSED'}`);
  } catch (error) {
    crashed += 1;
    const message = error instanceof Error ? error.message : String(error);
    ctx.log(`crashed: ${error instanceof Error && error.stack ? error.stack : message}`);
    rows.push({ figure: name.replace(/\.mjs$/, ''), measured: `crashed: ${message.split('\n')[0]}`, target: '', met: false });
  }
  ctx.log(`done in ${((performance.now() - t) / 1000).toFixed(0)} s`);
}
process.stderr.write(`bench: ${figures.length} figure file(s) in ${((performance.now() - started) / 1000).toFixed(0)} s\n`);
process.stdout.write(markdownTable(rows));
process.exitCode = crashed > 0 ? 1 : 0;
