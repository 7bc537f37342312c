import type { ModeContext } from './context.js';
import type { Config } from '../config/schema.js';
import { currentIndex } from '../domain/checklist.js';
import type { Playbook } from '../domain/playbook.js';
import { createEngine } from '../engine/index.js';
import { EXIT } from '../exit-codes.js';
import { detectNotifyTerminal, formatNotification } from '../format/notify.js';
import { reportCommand } from '../format/report-hint.js';
import { releasePaths } from '../journal/paths.js';
import type { MirrorAddress } from '../mirror/address.js';
import { startPollers } from '../pollers/start-pollers.js';
import { createServices, type ServiceTokens } from '../services/index.js';
import { createCockpitStore } from '../store/create-cockpit-store.js';
import type { Mode } from '../store/state.js';
import { openReleaseSession } from './release/session.js';
import { serveMirror } from './serve-mirror.js';
import { tapJournal } from '../mirror/journal-tap.js';
import { createWebhook, webhookFromEnv } from '../services/webhook.js';
import { watchForTeam } from './team-webhook.js';

export interface SessionOptions {
  readonly ctx: ModeContext;
  readonly config: Config;
  readonly playbook: Playbook;
  readonly tokens: ServiceTokens;
  readonly mode: Mode;
  /** `--mirror HOST:PORT`: also serve the read-only feed for `cockpit watch`. */
  readonly mirror?: MirrorAddress;
  /** Where the release's journal and lease live, and whether to take the release over from a live driver. */
  readonly release: ReleaseStorage;
}

export interface ReleaseStorage {
  /** The state directory (see journal/paths.ts); the journal is `<dir>/releases/<release-id>.jsonl`. */
  readonly stateDir: string;
  /** `--take-over`: drive even though another cockpit's lease is live. */
  readonly takeOver: boolean;
  /** `--reason`: why it is taken over (journalled, and said on the PR). */
  readonly reason?: string;
  /** Past releases elsewhere (the demo's earlier worlds), for "usually takes". */
  readonly historyDirs?: readonly string[];
}

/** Without a terminal Ink cannot read keys (raw mode): say so once and point at the command that works. */
export function refuseWithoutTerminal(ctx: ModeContext, command: string): number | undefined {
  if (ctx.stdin.isTTY && ctx.stdout.isTTY) return undefined;
  ctx.stderr.write(`cockpit: ${command} needs an interactive terminal (stdin and stdout must be a TTY); for a quick glance use "cockpit status" or "cockpit status --json"\n`);
  return EXIT.usage;
}

/**
 * Wires services -> pollers -> store -> Ink, and the engine for confirmed actions; the release journal hears of
 * every change first. Resolves when the user quits, saying whether the release is complete.
 */
export async function runCockpit({ ctx, config, playbook, tokens, mode, mirror, release: storage }: SessionOptions): Promise<{ readonly code: number; readonly isComplete: boolean }> {
  // Loaded only here (Ink's first import costs a quarter of a second that `status` must not pay), and from the
  // start: it compiles while the session below waits on GitHub and the disk, not after.
  const ui = Promise.all([import('ink'), import('../ui/app.js'), import('../ui/mirror-link.js')]);
  ui.catch(() => undefined);
  const now = Date.now();
  // The team hears when a human must act: COCKPIT_WEBHOOK_URL, read (and refused if wrong) before anything starts.
  const hook = webhookFromEnv(ctx.env);
  const services = createServices(config, tokens);
  const release = await openReleaseSession({
    config,
    services,
    playbook,
    mode: mode === 'demo' ? 'demo' : 'driving',
    stateDir: storage.stateDir,
    ...(storage.historyDirs ? { historyDirs: storage.historyDirs } : {}),
    takeOver: storage.takeOver,
    ...(storage.reason ? { reason: storage.reason } : {}),
    secrets: [tokens.github, tokens.travis],
    now: Date.now,
  });
  const store = createCockpitStore({
    playbook,
    now,
    meta: {
      mode: release.mode,
      releaseId: release.id,
      releaseName: release.name,
      repo: config.service.repo,
      roles: config.roles,
      timezone: config.schedule.timezone,
      approvers: config.hotfix.approvers,
      ciStartLimitMs: config.ci.start_within_minutes * 60_000,
    },
  });
  release.attach(store);
  // Served before anything else runs: a port in use is reported before the screen is taken, and the watch
  // command printed now stays readable above Ink's frame.
  // A mirror that cannot start (a port in use) ends the session before anything runs: the release's lease is let go.
  // The journal travels with the feed: a watcher keeps a replica a take-over on its machine resumes from.
  const tap = mirror ? tapJournal({ release: release.id, paths: releasePaths(storage.stateDir, release.id) }) : undefined;
  const untap = tap ? release.onJournalWritten(() => tap.poke()) : undefined;
  const served = mirror
    ? await serveMirror(ctx, store, config, mirror, tap).catch(async (error: unknown) => {
        untap?.();
        tap?.stop();
        await release.stop();
        throw error;
      })
    : undefined;
  const pollers = startPollers(store, services, config);
  const webhook = hook ? createWebhook({ ...hook, secrets: [tokens.github, tokens.travis, ctx.env['COCKPIT_MIRROR_TOKEN']] }) : undefined;
  const unhook = webhook ? watchForTeam(store, webhook) : undefined;
  const terminal = detectNotifyTerminal(ctx.env);
  // Bell and OSC escapes move no cursor, so writing them beside Ink's frame leaves the frame intact.
  const notify = (kind: Parameters<typeof formatNotification>[0], text: string) => ctx.stdout.write(formatNotification(kind, text, terminal));
  const engine = createEngine({ store, services, config, now: Date.now, notify, refresh: (what) => void pollers.refresh(what), ...(release.journal ? { journal: release.journal } : {}) });
  // After a restart the engine starts only once the world was looked at again (see release/session.ts).
  release.begin({ engine, pollers });
  const isComplete = () => currentIndex(store.getState().checklist.steps) === -1;
  const report = reportCommand({ id: release.id, journal: releasePaths(storage.stateDir, release.id).journal, isDemo: mode === 'demo' });
  // The last notice of a release is where to read it back, not whatever the rollout said last.
  let wasComplete = isComplete();
  const unwatch = store.subscribe(() => {
    if (wasComplete || !isComplete()) return;
    wasComplete = true;
    store.getState().setNotice({ text: `Release complete; its report as Markdown: ${report}`, tone: 'success' });
  });

  const [{ render }, { App }, { MirrorLinkProvider }] = await ui;
  // Unmounting on the next turn lets React commit the closed dialog, so the last frame left on screen is clean.
  const app = <App store={store} deps={{ perform: (action) => release.perform(action), quit: () => setImmediate(() => instance.unmount()) }} />;
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
    unwatch();
    unhook?.();
    engine.stop();
    pollers.stop();
    await release.stop();
    // The lease let go on a clean quit reaches the watchers before the feed's end.
    tap?.poke();
    untap?.();
    await served?.server.close();
    tap?.stop();
    // "Release complete" may still be on its way: a moment for it, never more than the webhook's timeout.
    await webhook?.settle();
  }
  if (isComplete()) ctx.stdout.write(`Release ${release.id} is complete. Its report as Markdown: ${report}\n`);
  return { code: EXIT.ok, isComplete: isComplete() };
}
