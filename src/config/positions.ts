import { isMap, isPair, isScalar, isSeq, type Document, type LineCounter, type Node, type Pair, type YAMLMap } from 'yaml';
import type { ConfigPath } from './problems.js';

/**
 * The line (1-based) a path points at: the line of its key for a mapping entry, of the item for a list entry.
 * A path that does not exist in the file (a missing field) points at its nearest ancestor that does.
 */
export function lineOf(doc: Document, lineCounter: LineCounter, path: ConfigPath): number {
  let node: unknown = doc.contents;
  let line = startLine(node, lineCounter) ?? 1;
  for (const part of path) {
    if (isMap(node)) {
      const pair = keyIndex(node).get(String(part));
      if (!pair) break;
      line = startLine(pair.key, lineCounter) ?? line;
      node = pair.value;
    } else if (isSeq(node) && typeof part === 'number') {
      const item = node.items[part];
      if (item === undefined) break;
      line = startLine(item, lineCounter) ?? line;
      node = item;
    } else {
      break;
    }
  }
  return line;
}

// Each mapping's keys by name, built once: a file of many unknown keys asks for a line per key, and a search
// through the mapping each time made that quadratic.
const indexes = new WeakMap<YAMLMap, Map<string, Pair>>();

function keyIndex(map: YAMLMap): Map<string, Pair> {
  let index = indexes.get(map);
  if (!index) {
    index = new Map();
    for (const p of map.items) if (isPair(p) && isScalar(p.key) && !index.has(String(p.key.value))) index.set(String(p.key.value), p);
    indexes.set(map, index);
  }
  return index;
}

function startLine(node: unknown, lineCounter: LineCounter): number | undefined {
  const range = (node as Node | null | undefined)?.range;
  return range ? lineCounter.linePos(range[0]).line : undefined;
}
