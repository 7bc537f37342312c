import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A state directory of the test file's own, so no test reads or writes the user's release journals (and no
 * test resumes another's release). Processes the tests start inherit it through the environment, tmux ones
 * too. Demo worlds left running under it are stopped afterwards.
 */
export function isolateStateDir(): { readonly dir: string; cleanUp(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'cockpit-state-'));
  process.env['COCKPIT_STATE_DIR'] = dir;
  return {
    dir,
    cleanUp() {
      stopDemoWorlds(dir);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Stops the demo worlds `cockpit demo` started under `state` (each a process of its own). */
export function stopDemoWorlds(state: string): void {
  let worlds: string[];
  try {
    worlds = readdirSync(join(state, 'demo'));
  } catch {
    return;
  }
  for (const name of worlds) {
    try {
      const { pid } = JSON.parse(readFileSync(join(state, 'demo', name, 'world.json'), 'utf8')) as { pid?: number };
      if (typeof pid === 'number') process.kill(pid, 'SIGTERM');
    } catch {
      // No world running there.
    }
  }
}
