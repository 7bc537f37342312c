#!/usr/bin/env node
// React (under Ink) picks its development build unless told otherwise: slower to load, slower per frame and
// heavier on memory. A user running the cockpit wants the production build; tests set NODE_ENV themselves.
process.env.NODE_ENV ??= 'production';
const { main } = await import('../dist/cli.js');

process.exitCode = await main(process.argv.slice(2));
