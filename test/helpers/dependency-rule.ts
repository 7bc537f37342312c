import type { ImportEdge } from './import-graph.js';

// README's "Who may import whom" table, read and applied to an import graph. The table is the rule's one
// written form: these functions know how to read it, not what it says.

export const RULE_HEADING = 'Who may import whom';

/** React, Ink and ink-* packages are one unit, so that the table can say who may render. */
export const INK_UNIT = 'ink';

/** One row: a unit of src/ and the units it may import besides itself. */
export interface UnitRule {
  readonly unit: string;
  /** Top-level files of src/ the unit holds; none for a folder (src/<unit>/). */
  readonly files: readonly string[];
  readonly mayImport: ReadonlySet<string>;
  readonly why: string;
}

export type RuleTable = ReadonlyMap<string, UnitRule>;

const ticked = (cell: string): string[] => [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1]!);

/** The table under README's heading "Who may import whom". Throws on a row it cannot read. */
export function parseRuleTable(markdown: string): RuleTable {
  const heading = new RegExp(`^#+ ${RULE_HEADING}\\s*$`, 'm').exec(markdown);
  if (!heading) throw new Error(`README has no "${RULE_HEADING}" heading`);
  const after = markdown.slice(heading.index + heading[0].length);
  const section = after.slice(0, after.search(/^#/m) === -1 ? undefined : after.search(/^#/m));
  const rules = new Map<string, UnitRule>();
  for (const row of section.split('\n').filter((l) => l.startsWith('| `'))) {
    const cells = row.split(' | ').map((c) => c.replace(/^\| |\s*\|$/g, '').trim());
    const [unitCell = '', importsCell = '', why = ''] = cells;
    const [unit, ...files] = ticked(unitCell);
    const mayImport = importsCell === 'nothing' ? [] : ticked(importsCell);
    if (unit === undefined || cells.length !== 3 || (importsCell !== 'nothing' && mayImport.length === 0)) throw new Error(`cannot read the rule row: ${row}`);
    if (rules.has(unit)) throw new Error(`unit ${unit} has two rows`);
    rules.set(unit, { unit, files, mayImport: new Set(mayImport), why });
  }
  if (rules.size === 0) throw new Error(`README's "${RULE_HEADING}" section has no table rows`);
  return rules;
}

/** The unit a file under src/ belongs to, or undefined when no row places it. */
export function unitOfFile(rules: RuleTable, srcRelative: string): string | undefined {
  const [first = '', ...rest] = srcRelative.split('/');
  if (rest.length === 0) return [...rules.values()].find((r) => r.files.includes(first))?.unit;
  const rule = rules.get(first);
  return rule && rule.files.length === 0 ? rule.unit : undefined;
}

/** The unit a package counts as, or undefined for one the rule does not govern (node:*, zod, got...). */
export function unitOfPackage(specifier: string): string | undefined {
  const name = specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0]!;
  return name === 'react' || name === 'ink' || name.startsWith('ink-') ? INK_UNIT : undefined;
}

/** An import from one unit into another: what the rule judges. */
export interface UnitEdge {
  readonly edge: ImportEdge;
  readonly from: string;
  readonly to: string;
}

const where = ({ edge }: UnitEdge): string => `src/${edge.file}:${edge.line}: ${edge.how} '${edge.specifier}'`;

/** The imports that cross from one unit into another. Throws on a file no row places. */
export function unitEdges(rules: RuleTable, edges: readonly ImportEdge[]): UnitEdge[] {
  const place = (file: string): string => {
    const unit = unitOfFile(rules, file);
    if (unit === undefined) throw new Error(`src/${file} belongs to no unit of README's "${RULE_HEADING}" table`);
    return unit;
  };
  return edges.flatMap((edge) => {
    const from = place(edge.file);
    const to = 'package' in edge.target ? unitOfPackage(edge.target.package) : place(edge.target.file);
    return to === undefined || to === from ? [] : [{ edge, from, to }];
  });
}

/** Whether the table allows this import. */
export const isAllowed = (rules: RuleTable, { from, to }: UnitEdge): boolean => rules.get(from)?.mayImport.has(to) ?? false;

/** One sentence per import the table does not allow: the file and line, the import, and the rule it breaks. */
export function violations(rules: RuleTable, edges: readonly UnitEdge[]): string[] {
  return edges
    .filter((e) => !isAllowed(rules, e))
    .map((e) => {
      const rule = rules.get(e.from);
      const may = rule && rule.mayImport.size > 0 ? [...rule.mayImport].join(', ') : 'nothing';
      return `${where(e)} makes ${e.from} import ${e.to}, which README's "${RULE_HEADING}" forbids: ${e.from} may import ${may} (${rule?.why ?? 'no row'})`;
    });
}

/** from -> the units it imports. */
function adjacency(edges: readonly { readonly from: string; readonly to: string }[]): Map<string, Set<string>> {
  const next = new Map<string, Set<string>>();
  for (const { from, to } of edges) next.set(from, (next.get(from) ?? new Set()).add(to));
  return next;
}

/** Every unit reachable from `start` by one import or more. */
function reachable(next: Map<string, Set<string>>, start: string): Set<string> {
  const reached = new Set<string>();
  const queue = [start];
  for (let node = queue.shift(); node !== undefined; node = queue.shift()) {
    for (const n of next.get(node) ?? []) {
      if (reached.has(n)) continue;
      reached.add(n);
      queue.push(n);
    }
  }
  return reached;
}

/** The shortest path from `start` back to itself (breadth first), or undefined. */
function shortestCycle(next: Map<string, Set<string>>, start: string): string[] | undefined {
  const parent = new Map<string, string>();
  const queue = [start];
  for (let node = queue.shift(); node !== undefined; node = queue.shift()) {
    for (const n of next.get(node) ?? []) {
      if (n === start) {
        const chain: string[] = [];
        for (let at = node; at !== start; at = parent.get(at)!) chain.unshift(at);
        return [start, ...chain, start];
      }
      if (parent.has(n)) continue;
      parent.set(n, node);
      queue.push(n);
    }
  }
  return undefined;
}

/**
 * One cycle per group of units that reach each other, as the path `a -> b -> a`: the shortest through the
 * group's first unit by name. A cycle between units means neither can be understood, tested or moved alone.
 */
export function cycles(edges: readonly { readonly from: string; readonly to: string }[]): string[][] {
  const next = adjacency(edges);
  const reach = new Map([...next.keys()].map((unit) => [unit, reachable(next, unit)]));
  const seen = new Set<string>();
  const found: string[][] = [];
  for (const unit of [...reach.keys()].sort()) {
    if (seen.has(unit) || !reach.get(unit)!.has(unit)) continue;
    for (const member of reach.get(unit)!) if (reach.get(member)?.has(unit)) seen.add(member);
    found.push(shortestCycle(next, unit)!);
  }
  return found;
}

/** Each cycle between units as a sentence naming one import per step, so the one to cut can be chosen. */
export function cycleSentences(edges: readonly UnitEdge[]): string[] {
  return cycles(edges).map((cycle) => {
    const steps = cycle.slice(1).map((to, i) => edges.find((e) => e.from === cycle[i] && e.to === to)!);
    return `cycle ${cycle.join(' -> ')}: ${steps.map(where).join('; ')}`;
  });
}

/** A violation tolerated for now, until the branch removing it lands. */
export interface StillToFix {
  /** Relative to src/. */
  readonly file: string;
  /** The unit it may not import. */
  readonly to: string;
}

export const matches = (entry: StillToFix, e: UnitEdge): boolean => e.edge.file === entry.file && e.to === entry.to;
