import { isMap, isScalar, visit, YAMLParseError, type Document } from 'yaml';

/**
 * yaml's own `uniqueKeys` compares each key with every key before it, so a file of many keys took minutes;
 * one set per mapping finds the same duplicates in a single pass. Scalar keys compare by value and type (as
 * yaml does: `1` and `"1"` differ); other keys are left alone.
 */
export function duplicateKeyErrors(doc: Document): YAMLParseError[] {
  const errors: YAMLParseError[] = [];
  visit(doc, {
    Map(_key, map) {
      if (!isMap(map)) return;
      const seen = new Set<string>();
      for (const pair of map.items) {
        const key = pair.key;
        if (!isScalar(key)) continue;
        const id = `${typeof key.value}:${String(key.value)}`;
        if (!seen.has(id)) {
          seen.add(id);
          continue;
        }
        const start = key.range?.[0] ?? 0;
        errors.push(new YAMLParseError([start, start + 1], 'DUPLICATE_KEY', 'Map keys must be unique'));
      }
    },
  });
  return errors;
}
