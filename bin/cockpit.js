#!/usr/bin/env node
// React (under Ink) picks its development build unless told otherwise: slower to load, slower per frame and
// heavier on memory. A user running the cockpit wants the production build; tests set NODE_ENV themselves.
process.env.NODE_ENV ??= 'production';
// The bundle of dist/cli.js (scripts/bundle.mjs): the same code in a few files, which starts much sooner.
const { main } = await import('../dist/bundle/cli.js');

process.exitCode = await main(process.argv.slice(2));
