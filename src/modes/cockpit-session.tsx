import type { ModeContext } from '../cli.js';
import type { Config } from '../config/schema.js';
import { releaseDate, WEEKLY_PLAYBOOK } from '../domain/weekly-playbook.js';
import { createEngine } from '../engine/index.js';
import { EXIT } from '../exit-codes.js';
import { detectNotifyTerminal, formatNotification } from '../format/notify.js';
import type { MirrorAddress } from '../mirror/address.js';
import { startPollers } from '../pollers/start-pollers.js';
import { createServices, type ServiceTokens } from '../services/index.js';
import { createCockpitStore } from '../store/create-cockpit-store.js';
import type { Mode } from '../store/state.js';
import { serveMirror } from './serve-mirror.js';

export interface SessionOptions {
  readonly ctx: ModeContext;
  readonly config: Config;
  readonly tokens: ServiceTokens;
  readonly mode: Mode;
  /** `--mirror HOST:PORT`: also serve the read-only feed for `cockpit watch`. */
  readonly mirror?: MirrorAddress;
}

/** Without a terminal Ink cannot read keys (raw mode): say so once and point at the command that works. */
export function refuseWithoutTerminal(ctx: ModeContext, command: string): number | undefined {
  if (ctx.stdin.isTTY && ctx.stdout.isTTY) return undefined;
  ctx.stderr.write(`cockpit: ${command} needs an interactive terminal (stdin and stdout must be a TTY); for a quick glance use "cockpit status" or "cockpit status --json"\n`);
  return EXIT.usage;
}

/** Wires services -> pollers -> store -> Ink, and the engine for confirmed actions; resolves when the user quits. */
export async function runCockpit({ ctx, config, tokens, mode, mirror }: SessionOptions): Promise<number> {
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
  // Served before anything else runs: a port in use is reported before the screen is taken, and the watch
  // command printed now stays readable above Ink's frame.
  const served = mirror ? await serveMirror(ctx, store, config, mirror) : undefined;
  const services = createServices(config, tokens);
  const pollers = startPollers(store, services, config);
  const terminal = detectNotifyTerminal(ctx.env);
  // Bell and OSC escapes move no cursor, so writing them beside Ink's frame leaves the frame intact.
  const notify = (kind: Parameters<typeof formatNotification>[0], text: string) => ctx.stdout.write(formatNotification(kind, text, terminal));
  const engine = createEngine({ store, services, config, now: Date.now, notify, refresh: (what) => void pollers.refresh(what) });
  const stopEngine = engine.start();

  // Loaded only here: Ink's first import costs a quarter of a second that `status` must not pay.
  const [{ render }, { App }, { MirrorLinkProvider }] = await Promise.all([import('ink'), import('../ui/app.js'), import('../ui/mirror-link.js')]);
  // Unmounting on the next turn lets React commit the closed dialog, so the last frame left on screen is clean.
  const app = <App store={store} deps={{ perform: (action) => engine.perform(action), quit: () => setImmediate(() => instance.unmount()) }} />;
  const instance = render(served ? <MirrorLinkProvider link={served.link}>{app}</MirrorLinkProvider> : app, {
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
    await served?.server.close();
  }
  return EXIT.ok;
}
