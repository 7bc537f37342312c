import type { ModeContext } from './context.js';
import { loadPlaybook } from '../config/playbook-file.js';
import { BUILT_IN_PLAYBOOK_NAMES } from '../domain/playbooks.js';
import { UsageError } from '../exit-codes.js';
import { parseMirrorAddress } from '../mirror/address.js';
import { DEFAULT_SCENARIO, SCENARIOS, scenarioConfig } from '../sim/index.js';
import { refuseWithoutTerminal, runCockpit } from './cockpit-session.js';
import { openDemoWorld } from './demo-world.js';
import { intFlag, speedFlag, stringFlag } from './flags.js';
import { checkMirror } from './preflight.js';
import { teamFromFlag } from './team-config.js';

/**
 * `cockpit demo`: the cockpit on a demo world; no credentials, no network. The world runs as its own process
 * (see demo-world.ts), so a demo killed or quit half-way resumes when started again with the same scenario and
 * seed; `--fresh` starts over.
 */
export async function run(ctx: ModeContext): Promise<number> {
  const refused = refuseWithoutTerminal(ctx, 'cockpit demo');
  if (refused !== undefined) return refused;
  if (ctx.positionals.length > 0) throw new UsageError(`unexpected argument "${ctx.positionals[0]}"; see cockpit demo --help`);
  const mirror = parseMirrorAddress(ctx.values['mirror']);
  const scenario = stringFlag(ctx.values['scenario'], '--scenario');
  const speed = speedFlag(ctx.values['speed']);
  const seed = intFlag(ctx.values['seed'], '--seed', 0, Number.MAX_SAFE_INTEGER);
  // Each scenario is made for a playbook (nightly for the nightly world); --playbook runs another on it.
  const named = stringFlag(ctx.values['playbook'], '--playbook') ?? SCENARIOS[scenario ?? DEFAULT_SCENARIO]?.playbook;
  // Everything the flags name is checked before a world is started: a world started for a bad flag outlived it.
  const team = await teamFromFlag(ctx.values['config'], ctx.env);
  if (team) scenarioConfig(scenario, seed, team);
  await checkMirror(mirror, ctx.env);
  // A built-in playbook runs on every demo world; a file (or a name that is neither) is checked against the
  // config the world will serve, built here without starting it.
  if (!BUILT_IN_PLAYBOOK_NAMES.includes(named ?? 'weekly')) await loadPlaybook(named, scenarioConfig(scenario, seed, team), process.cwd());
  const world = await openDemoWorld({ env: ctx.env, scenario, speed, seed, team, fresh: ctx.values['fresh'] === true });
  let isComplete = false;
  try {
    const playbook = await loadPlaybook(named, world.config, process.cwd());
    const release = { stateDir: world.stateDir, historyDirs: [world.historyDir], takeOver: ctx.values['take-over'] === true };
    const ended = await runCockpit({ ctx, config: world.config, playbook, tokens: {}, mode: 'demo', mirror, release });
    isComplete = ended.isComplete;
    return ended.code;
  } finally {
    // A finished release needs its world no more; one left half-way stays up so the next `cockpit demo` resumes it.
    if (isComplete) world.stop();
    else ctx.stdout.write(`The demo world keeps running (pid ${world.pid}, stops after an hour unused): "cockpit demo" picks this release up again, "cockpit demo --fresh" starts over.\n`);
  }
}
