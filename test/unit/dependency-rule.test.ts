import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { cycles, cycleSentences, INK_UNIT, isAllowed, matches, parseRuleTable, unitEdges, unitOfFile, violations, type StillToFix, type UnitEdge } from '../helpers/dependency-rule.js';
import { importsOf, readImportGraph, type ImportEdge } from '../helpers/import-graph.js';

// README's "Who may import whom" is the rule; this file only reads it and applies it to every import in src/.

/**
 * Violations that branches in flight remove (domain's and the journal's types of the store). The list only
 * shrinks: an entry that no longer occurs fails below, so whoever merges the fix deletes its line here.
 * Add nothing: a new exception is a change to README's table, argued there.
 */
const STILL_TO_FIX: readonly StillToFix[] = [
];

const README = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const RULES = parseRuleTable(README);
const GRAPH = readImportGraph(fileURLToPath(new URL('../../src', import.meta.url)));
const excused = (e: UnitEdge) => STILL_TO_FIX.some((entry) => matches(entry, e));

describe("README's dependency rule", () => {
  it('places every file of src/ in a unit, and has a row only for units that hold files', () => {
    expect(GRAPH.files.filter((file) => unitOfFile(RULES, file) === undefined)).toEqual([]);
    const held = new Set(GRAPH.files.map((file) => unitOfFile(RULES, file)));
    expect([...RULES.keys()].filter((unit) => !held.has(unit))).toEqual([]);
  });

  it('names only units in its "may import" column', () => {
    const known = new Set([...RULES.keys(), INK_UNIT]);
    expect([...RULES.values()].flatMap((r) => [...r.mayImport].filter((u) => !known.has(u)).map((u) => `${r.unit} -> ${u}`))).toEqual([]);
  });

  it('allows no cycle itself, so that keeping it keeps src/ free of cycles', () => {
    const allowed = [...RULES.values()].flatMap((r) => [...r.mayImport].map((to) => ({ from: r.unit, to })));
    expect(cycles(allowed).map((c) => c.join(' -> '))).toEqual([]);
  });

  it('is kept by every import in src/, type-only, re-exports and import() included', () => {
    const edges = unitEdges(RULES, GRAPH.edges).filter((e) => !excused(e));
    expect(violations(RULES, edges)).toEqual([]);
  });

  it('leaves no cycle between the units of src/', () => {
    expect(cycleSentences(unitEdges(RULES, GRAPH.edges).filter((e) => !excused(e)))).toEqual([]);
  });

  it('excuses in STILL_TO_FIX only violations that still occur', () => {
    const edges = unitEdges(RULES, GRAPH.edges);
    const gone = STILL_TO_FIX.filter((entry) => !edges.some((e) => matches(entry, e) && !isAllowed(RULES, e)));
    expect(gone.map((entry) => `src/${entry.file} no longer imports ${entry.to} against the rule: delete its STILL_TO_FIX line`)).toEqual([]);
  });
});

describe('the dependency checker', () => {
  const table = parseRuleTable(`## Who may import whom

| unit | may import | why |
| --- | --- | --- |
| \`domain\` | nothing | pure rules |
| \`ui\` | \`domain\`, \`ink\` | renders |
| \`cli\` (\`cli.ts\`) | \`ui\` | the entry |

## Next
| \`stray\` | nothing | not in the section |
`);
  const edge = (file: string, specifier: string, target: ImportEdge['target'], how: ImportEdge['how'] = 'import'): ImportEdge => ({ file, line: 3, how, specifier, target });

  it('reads the table: rows, top-level files, "nothing", and only the section under its heading', () => {
    expect([...table.keys()]).toEqual(['domain', 'ui', 'cli']);
    expect(table.get('cli')).toMatchObject({ files: ['cli.ts'], mayImport: new Set(['ui']) });
    expect(table.get('domain')?.mayImport.size).toBe(0);
    expect([unitOfFile(table, 'cli.ts'), unitOfFile(table, 'ui/panes/x.tsx'), unitOfFile(table, 'other.ts'), unitOfFile(table, 'sim/x.ts')]).toEqual(['cli', 'ui', undefined, undefined]);
  });

  it('catches a forbidden import, naming the file, the import and the rule it breaks', () => {
    const edges = unitEdges(table, [
      edge('ui/pane.tsx', '../domain/ppc.js', { file: 'domain/ppc.ts' }),
      edge('ui/pane.tsx', 'ink', { package: 'ink' }),
      edge('domain/ppc.ts', 'node:fs', { package: 'node:fs' }),
      edge('domain/ppc.ts', './ci.js', { file: 'domain/ci.ts' }),
      edge('domain/gates.ts', '../ui/pane.js', { file: 'ui/pane.tsx' }, 'import type'),
      edge('domain/view.ts', 'react', { package: 'react' }),
    ]);
    expect(violations(table, edges)).toEqual([
      `src/domain/gates.ts:3: import type '../ui/pane.js' makes domain import ui, which README's "Who may import whom" forbids: domain may import nothing (pure rules)`,
      `src/domain/view.ts:3: import 'react' makes domain import ink, which README's "Who may import whom" forbids: domain may import nothing (pure rules)`,
    ]);
  });

  it('catches a cycle between units and names an import on each step', () => {
    const edges: UnitEdge[] = [
      { from: 'a', to: 'b', edge: edge('a/x.ts', '../b/y.js', { file: 'b/y.ts' }) },
      { from: 'b', to: 'c', edge: edge('b/y.ts', '../c/z.js', { file: 'c/z.ts' }) },
      { from: 'c', to: 'a', edge: edge('c/z.ts', '../a/x.js', { file: 'a/x.ts' }, 'import()') },
      { from: 'c', to: 'd', edge: edge('c/z.ts', '../d/w.js', { file: 'd/w.ts' }) },
      { from: 'd', to: 'e', edge: edge('d/w.ts', '../e/v.js', { file: 'e/v.ts' }) },
      { from: 'e', to: 'd', edge: edge('e/v.ts', '../d/w.js', { file: 'd/w.ts' }) },
    ];
    expect(cycleSentences(edges)).toEqual([
      "cycle a -> b -> c -> a: src/a/x.ts:3: import '../b/y.js'; src/b/y.ts:3: import '../c/z.js'; src/c/z.ts:3: import() '../a/x.js'",
      "cycle d -> e -> d: src/d/w.ts:3: import '../e/v.js'; src/e/v.ts:3: import '../d/w.js'",
    ]);
    expect(cycles(edges.slice(0, 2))).toEqual([]);
  });

  it('sees every form of import, JSX included', () => {
    const text = [
      "import { a } from './a.js';",
      "import type { B } from '../b/b.js';",
      "import './side-effect.js';",
      "export { c } from './c.js';",
      "export * from 'zod/mini';",
      "export type { D } from '../d/d.js';",
      "type E = import('../e/e.js').E;",
      "const f = () => import('../f/f.js');",
      'const g = <Box />;',
    ].join('\n');
    expect(importsOf('x.tsx', text).map(({ how, specifier }) => `${how} ${specifier}`)).toEqual([
      'import ./a.js',
      'import type ../b/b.js',
      'import ./side-effect.js',
      'export from ./c.js',
      'export from zod/mini',
      'export from ../d/d.js',
      'import type() ../e/e.js',
      'import() ../f/f.js',
      'jsx react/jsx-runtime',
    ]);
  });
});
