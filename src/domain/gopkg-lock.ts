import { parse, TomlError } from 'smol-toml';

/** A git (or hg) commit hash, full or abbreviated; 64 allows SHA-256 repositories. */
const REVISION = /^[0-9a-f]{7,64}$/i;

/**
 * The `revision` of the `[[projects]]` entry named `project` in a Gopkg.lock (reference §6.1).
 * Never throws: malformed TOML, no such entry, or a missing or non-hash revision give `problem`
 * (a sentence naming the file), and no revision.
 */
export function readPpcRevision(
  gopkgLockText: string,
  project: string,
  fileName = 'Gopkg.lock',
): { revision?: string; problem?: string } {
  let doc: Record<string, unknown>;
  try {
    doc = parse(gopkgLockText);
  } catch (err) {
    return { problem: `${fileName} is not valid TOML (${tomlErrorText(err)})` };
  }
  const projects = Array.isArray(doc['projects']) ? (doc['projects'] as unknown[]) : [];
  if (projects.length === 0) return { problem: `${fileName} has no [[projects]] entries` };
  const entry = projects.find((p): p is Record<string, unknown> => isTable(p) && p['name'] === project);
  if (!entry) return { problem: `${fileName} has no [[projects]] entry named "${project}"` };
  const revision = entry['revision'];
  if (revision === undefined) return { problem: `${fileName} entry "${project}" has no revision` };
  if (typeof revision !== 'string' || !REVISION.test(revision)) {
    return { problem: `${fileName} entry "${project}" has revision ${clip(JSON.stringify(revision) ?? String(revision))}, which is not a commit hash` };
  }
  return { revision };
}

function isTable(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** smol-toml's message carries a code excerpt over several lines; keep the first line and the position. */
function tomlErrorText(err: unknown): string {
  if (err instanceof TomlError) {
    const first = (err.message.split('\n')[0] ?? '').replace(/^Invalid TOML document:\s*/, '');
    return `line ${err.line}: ${first}`;
  }
  return err instanceof Error ? (err.message.split('\n')[0] ?? '') : String(err);
}

/** Keeps a quoted bad value short enough for one line of a pane. */
export function clip(text: string, max = 48): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
