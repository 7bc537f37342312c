// `npm run build`, second half: bundles tsc's dist/ into dist/bundle/, which bin/cockpit.js runs. Run from the
// package root; it lives under src/ because the package keeps its top level to src, test and bin.
//
// Why: a start-up of the unbundled build spent most of its time finding, reading and compiling about a
// thousand module files (Ink and its dependencies alone are hundreds), not running them. One file per command
// path (esbuild's code splitting keeps each command's dynamic import a chunk of its own, so `status` still never
// loads Ink) starts in a fraction of the time. dist/ itself stays as tsc wrote it, for the benchmarks and for
// reading.
import { rmSync, writeFileSync } from 'node:fs';
import { build } from 'esbuild';
import { BUNDLE_OPTIONS } from './bundle-options.mjs';

// Chunk names change with their content: last build's must not linger beside this one's.
rmSync('dist/bundle', { recursive: true, force: true });
const result = await build({
  ...BUNDLE_OPTIONS,
  entryPoints: {
    cli: 'dist/cli.js',
    // Started as a process of its own by modes/demo-world.ts, found next to the chunk that starts it.
    'demo-world-host': 'dist/modes/demo-world-host.js',
  },
  outdir: 'dist/bundle',
  metafile: true,
  logLevel: 'warning',
});

// Which source modules each output file holds: tests that check what a command loads read it.
const modules = Object.fromEntries(Object.entries(result.metafile.outputs).map(([file, output]) => [file.replace(/^dist\/bundle\//, ''), Object.keys(output.inputs)]));
writeFileSync('dist/bundle/modules.json', `${JSON.stringify(modules, null, 1)}\n`);
