import type { z } from 'zod/mini';
import { configSchema } from './schema.js';
import type { ConfigPath } from './problems.js';

interface Def {
  readonly type: string;
  readonly innerType?: z.core.$ZodType;
  readonly element?: z.core.$ZodType;
  readonly shape?: Record<string, z.core.$ZodType>;
}

function def(schema: z.core.$ZodType): Def {
  return schema._zod.def as unknown as Def;
}

/** Sees through `.default()`, `.optional()` and friends to the schema that holds the shape. */
function unwrap(schema: z.core.$ZodType): z.core.$ZodType {
  let current = schema;
  for (let d = def(current); d.innerType; d = def(current)) current = d.innerType;
  return current;
}

/** The keys the schema accepts in the mapping at `path` (list indexes step into the list's items). */
export function knownKeysAt(path: ConfigPath, root: z.core.$ZodType = configSchema): readonly string[] {
  let schema: z.core.$ZodType | undefined = unwrap(root);
  for (const part of path) {
    const d: Def = def(schema);
    if (typeof part === 'number') schema = d.element;
    else schema = d.shape?.[part];
    if (!schema) return [];
    schema = unwrap(schema);
  }
  return Object.keys(def(schema).shape ?? {});
}

const allPathsOf = new WeakMap<z.core.$ZodType, readonly string[]>();

/** Every dotted key path the schema knows (`schedule.timezone`), for pointing a misplaced key to its home. */
export function allKeyPaths(root: z.core.$ZodType = configSchema): readonly string[] {
  // Asked once per unknown key: a file of thousands of them must not walk the schema thousands of times.
  let paths = allPathsOf.get(root);
  if (!paths) allPathsOf.set(root, (paths = keyPathsUnder(root, '')));
  return paths;
}

function keyPathsUnder(root: z.core.$ZodType, prefix: string): readonly string[] {
  const d = def(unwrap(root));
  const inner = d.element ? def(unwrap(d.element)) : d;
  const out: string[] = [];
  for (const [key, child] of Object.entries(inner.shape ?? {})) {
    const here = d.element ? `${prefix}[].${key}` : prefix ? `${prefix}.${key}` : key;
    out.push(here, ...keyPathsUnder(child, here));
  }
  return out;
}
