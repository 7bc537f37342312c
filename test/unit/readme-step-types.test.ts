import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { BUILT_IN_STEP_TYPES, STEP_CATALOGUE } from '../../src/domain/step-catalogue.js';

it("lists every step type a playbook file may use in README's table, with its kind", () => {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const rows = new Map([...readme.matchAll(/^\| `([a-z-]+)` \| (manual|choose|action|gate) \|/gm)].map((m) => [m[1], m[2]]));
  expect(Object.fromEntries(rows)).toEqual({ ...Object.fromEntries(BUILT_IN_STEP_TYPES.map((t) => [t, STEP_CATALOGUE[t].kind])), manual: 'manual' });
});
