import type { ModeContext } from '../cli.js';
import type { Config } from '../config/schema.js';
import { releaseDate, WEEKLY_PLAYBOOK } from '../domain/weekly-playbook.js';
import { createEngine } from '../engine/index.js';
import { EXIT } from '../exit-codes.js';
import { detectNotifyTerminal, formatNotification } from '../format/notify.js';
import { startPollers } from '../pollers/start-pollers.js';
import { createServices, type ServiceTokens } from '../services/index.js';
import { createCockpitStore } from '../store/create-cockpit-store.js';
import type { Mode } from '../store/state.js';

export interface SessionOptions {
  readonly ctx: ModeContext;
  readonly config: Config;
  readonly tokens: ServiceTokens;
  readonly mode: Mode;
}

/** Without a terminal Ink cannot read keys (raw mode): say so once and point at the command that works. */
export function refuseWithoutTerminal(ctx: ModeContext, command: string): number | undefined {
  if (ctx.stdin.isTTY && ctx.stdout.isTTY) return undefined;
  ctx.stderr.write(`cockpit: ${command} needs an interactive terminal (stdin and stdout must be a TTY); for a quick glance use "cockpit status" or "cockpit status --json"\n`);
  return EXIT.usage;
}

/** Wires services -> pollers -> store -> Ink, and the engine for confirmed actions; resolves when the user quits. */
export async function runCockpit({ ctx, config, tokens, mode }: SessionOptions): Promise<number> {
  const now = Date.now();
  const date = releaseDate(now, config.schedule.timezone);
  const store = createCockpitStore({
    playbook: WEEKLY_PLAYBOOK,
    now,
    meta: {
      mode,
      releaseId: `${date}-weekly`,
      releaseName: `Weekly release ${date}`,
      repo: config.service.repo,
      roles: config.roles,
      timezone: config.schedule.timezone,
    },
  });
  const services = createServices(config, tokens);
  const pollers = startPollers(store, services, config);
  const terminal = detectNotifyTerminal(ctx.env);
  // Bell and OSC escapes move no cursor, so writing them beside Ink's frame leaves the frame intact.
  const notify = (kind: Parameters<typeof formatNotification>[0], text: string) => ctx.stdout.write(formatNotification(kind, text, terminal));
  const engine = createEngine({ store, services, config, now: Date.now, notify, refresh: (what) => void pollers.refresh(what) });
  const stopEngine = engine.start();

  // Loaded only here: Ink's first import costs a quarter of a second that `status` must not pay.
  const [{ render }, { App }] = await Promise.all([import('ink'), import('../ui/app.js')]);
  // Unmounting on the next turn lets React commit the closed dialog, so the last frame left on screen is clean.
  const instance = render(<App store={store} deps={{ perform: (action) => engine.perform(action), quit: () => setImmediate(() => instance.unmount()) }} />, {
    stdout: ctx.stdout,
    stdin: ctx.stdin,
    stderr: ctx.stderr,
    maxFps: 12,
    patchConsole: false,
    exitOnCtrlC: true,
  });
  try {
    await instance.waitUntilExit();
  } finally {
    stopEngine();
    pollers.stop();
  }
  return EXIT.ok;
}
