/**
 * A small structural diff for JSON-like data, in the spirit of RFC 6902 but with only three ops:
 *
 *   { op: 'set',    path, value }   put `value` at `path` (adding the key when it is new)
 *   { op: 'remove', path }          delete the key at `path` (objects only)
 *   { op: 'append', path, value }   the string at `path` grows by `value` (a log tail that got longer)
 *
 * A path is a list of object keys and array indexes from the root. Arrays are diffed element by element only
 * when their length is unchanged and at most half their elements differ; otherwise the whole array is set. An
 * `undefined` value counts as absent, as it does in JSON.
 *
 * The store is immutable, so an unchanged part keeps its reference: `diff` skips it at once and costs only as
 * much as what changed. `applyPatch` copies only the containers along changed paths, so on the watcher an
 * unchanged part keeps its reference too and the selectors that cache by reference stay valid.
 */
export type PathPart = string | number;
export type Path = readonly PathPart[];

export type PatchOp =
  | { readonly op: 'set'; readonly path: Path; readonly value: unknown }
  | { readonly op: 'remove'; readonly path: Path }
  | { readonly op: 'append'; readonly path: Path; readonly value: string };

export class PatchError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PatchError';
  }
}

type Container = Record<string, unknown> | unknown[];

const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/** The ops that turn `prev` into `next`; empty when they are equal as JSON. */
export function diff(prev: unknown, next: unknown): PatchOp[] {
  const out: PatchOp[] = [];
  diffInto(prev, next, [], out);
  return out;
}

function diffInto(prev: unknown, next: unknown, path: PathPart[], out: PatchOp[]): void {
  if (prev === next) return;
  if (isRecord(prev) && isRecord(next)) {
    for (const key of Object.keys(next)) {
      const n = next[key];
      const p = prev[key];
      if (n === undefined) {
        if (p !== undefined) out.push({ op: 'remove', path: [...path, key] });
      } else if (p === undefined) {
        out.push({ op: 'set', path: [...path, key], value: n });
      } else {
        diffInto(p, n, [...path, key], out);
      }
    }
    for (const key of Object.keys(prev)) {
      if (prev[key] !== undefined && !(key in next)) out.push({ op: 'remove', path: [...path, key] });
    }
    return;
  }
  if (Array.isArray(prev) && Array.isArray(next) && prev.length === next.length && mostlyShared(prev, next)) {
    for (let i = 0; i < next.length; i += 1) diffInto(prev[i], next[i], [...path, i], out);
    return;
  }
  if (typeof prev === 'string' && typeof next === 'string' && prev.length > 0 && next.length > prev.length && next.startsWith(prev)) {
    out.push({ op: 'append', path: [...path], value: next.slice(prev.length) });
    return;
  }
  if (!isPrimitive(prev) && !isPrimitive(next) && deepEqual(prev, next)) return;
  out.push({ op: 'set', path: [...path], value: next });
}

function isPrimitive(x: unknown): boolean {
  return x === null || typeof x !== 'object';
}

/** Element-wise ops pay off when most elements are the same objects (a few PPCs changed of a thousand). */
function mostlyShared(prev: readonly unknown[], next: readonly unknown[]): boolean {
  let changed = 0;
  for (let i = 0; i < next.length; i += 1) if (prev[i] !== next[i] && !isPrimitive(next[i])) changed += 1;
  return changed * 2 <= next.length;
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  if (isRecord(a) && isRecord(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const key of keys) if (!deepEqual(a[key], b[key])) return false;
    return true;
  }
  return false;
}

// Keys that would reach an object's prototype instead of the object: a patch never needs them.
const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);

/** `doc` with `ops` applied, copying only the containers on the changed paths; throws PatchError for an op that does not fit. */
export function applyPatch<T>(doc: T, ops: readonly PatchOp[]): T {
  const copies = new WeakSet<object>();
  const own = (x: Container): Container => {
    if (copies.has(x)) return x;
    const copy: Container = Array.isArray(x) ? [...x] : { ...x };
    copies.add(copy);
    return copy;
  };
  let root: unknown = doc;
  for (const op of ops) {
    if (!isRecord(op) || !Array.isArray(op.path)) throw new PatchError('an op without a path');
    for (const part of op.path) {
      if ((typeof part !== 'string' && typeof part !== 'number') || FORBIDDEN.has(String(part))) throw new PatchError(`a path with ${JSON.stringify(part)}`);
    }
    if (op.path.length === 0) {
      if (op.op !== 'set') throw new PatchError(`"${String(op.op)}" at the root`);
      root = op.value;
      continue;
    }
    if (root === null || typeof root !== 'object') throw new PatchError('a path into a value that is not an object');
    root = own(root as Container);
    let node = root as Container;
    for (const part of op.path.slice(0, -1)) {
      const child = (node as Record<PathPart, unknown>)[part];
      if (child === null || typeof child !== 'object') throw new PatchError(`no object at ${op.path.join('.')}`);
      const copy = own(child as Container);
      (node as Record<PathPart, unknown>)[part] = copy;
      node = copy;
    }
    applyOne(node, op);
  }
  return root as T;
}

function applyOne(node: Container, op: PatchOp): void {
  const key = op.path[op.path.length - 1] as PathPart;
  const target = node as Record<PathPart, unknown>;
  if (Array.isArray(node) && (typeof key !== 'number' || key < 0 || key >= node.length)) throw new PatchError(`index ${String(key)} is outside the list`);
  switch (op.op) {
    case 'set':
      target[key] = op.value;
      return;
    case 'remove':
      if (Array.isArray(node)) throw new PatchError('remove from a list');
      delete target[key];
      return;
    case 'append': {
      const current = target[key];
      if (typeof current !== 'string' || typeof op.value !== 'string') throw new PatchError(`append to something that is not text at ${op.path.join('.')}`);
      target[key] = current + op.value;
      return;
    }
    default:
      throw new PatchError(`unknown op ${JSON.stringify((op as { op: unknown }).op)}`);
  }
}
