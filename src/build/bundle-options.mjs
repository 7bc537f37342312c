// How src/build/bundle.mjs bundles the CLI; figure 1 of the benchmarks bundles ink alone the same way, to show
// what of the cockpit's first frame is Ink's own load.
export const BUNDLE_OPTIONS = {
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
};
