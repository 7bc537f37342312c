import { homedir } from 'node:os';
import { loadConfig } from '../config/load.js';
import { teamShapeOf, type TeamShape } from '../sim/index.js';
import { stringFlag } from './flags.js';

/**
 * The team shape `--config FILE` names for `cockpit demo` and `cockpit sim`, read through the normal config
 * loader, so a bad file is the same one line (exit 2) as for `cockpit run`, before any world starts. Only an
 * explicit flag counts: a demo never picks up a cockpit.yaml lying in the current directory.
 */
export async function teamFromFlag(value: string | boolean | undefined, env: NodeJS.ProcessEnv): Promise<TeamShape | undefined> {
  const path = stringFlag(value, '--config');
  if (path === undefined) return undefined;
  const { config } = await loadConfig({ path, cwd: process.cwd(), env, home: homedir() });
  return teamShapeOf(config);
}
