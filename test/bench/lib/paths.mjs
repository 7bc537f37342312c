import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root, and the launcher a user runs. */
export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const BIN = join(ROOT, 'bin', 'cockpit.js');

/** A scratch directory removed when the process exits: configs, state directories, nothing kept. */
export function scratchDir(prefix) {
  const dir = mkdtempSync(join(tmpdir(), `cockpit-bench-${prefix}-`));
  process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
  return dir;
}
