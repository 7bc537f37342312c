// `npm run build`, second half: bundles tsc's dist/ into dist/bundle/, which bin/cockpit.js runs.
//
// Why: a start-up of the unbundled build spent most of its time finding, reading and compiling about a
// thousand module files (Ink and its dependencies alone are hundreds), not running them. One file per command
// path (esbuild's code splitting keeps each command's dynamic import a chunk of its own, so `status` still never
// loads Ink) starts in a fraction of the time. dist/ itself stays as tsc wrote it, for the benchmarks and for
// reading.
import { rmSync, writeFileSync } from 'node:fs';
import { build } from 'esbuild';

// Chunk names change with their content: last build's must not linger beside this one's.
rmSync('dist/bundle', { recursive: true, force: true });
const result = await build({
  entryPoints: {
    cli: 'dist/cli.js',
    // Started as a process of its own by modes/demo-world.ts, found next to the chunk that starts it.
    'demo-world-host': 'dist/modes/demo-world-host.js',
  },
  outdir: 'dist/bundle',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // Smaller to read and parse; names are kept, so COCKPIT_DEBUG's stack traces still say where.
  minifyWhitespace: true,
  minifySyntax: true,
  // The launcher runs React's production build (bin/cockpit.js); deciding it here leaves the development
  // builds of React and its reconciler out of the bundle.
  define: { 'process.env.NODE_ENV': '"production"' },
  // Ink loads its devtools only in development (DEV=true), and their peer is optional.
  external: ['react-devtools-core'],
  // Bundled CommonJS dependencies still call require() for Node's built-in modules.
  banner: { js: "import { createRequire as __cockpitCreateRequire } from 'node:module'; const require = __cockpitCreateRequire(import.meta.url);" },
  metafile: true,
  logLevel: 'warning',
});

// Which source modules each output file holds: tests that check what a command loads read it.
const modules = Object.fromEntries(Object.entries(result.metafile.outputs).map(([file, output]) => [file.replace(/^dist\/bundle\//, ''), Object.keys(output.inputs)]));
writeFileSync('dist/bundle/modules.json', `${JSON.stringify(modules, null, 1)}\n`);
