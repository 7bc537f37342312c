import type { ModeContext } from './context.js';
import { EXIT, UsageError } from '../exit-codes.js';
import { startFeedClient, type FeedClient } from '../mirror/client.js';
import { feedUrl } from '../mirror/feed-url.js';
import { MirrorError } from '../mirror/mirror-error.js';
import { mirrorExitCode } from '../mirror/exit.js';
import { createMirrorLinkStore, type WatchingLink } from '../mirror/link.js';
import type { FeedState } from '../mirror/protocol.js';
import { watcherToken } from '../mirror/token.js';
import { createWatcherStore, type WatcherStore } from '../mirror/watcher-store.js';
import { stateDir } from '../journal/paths.js';
import { openReplica } from '../mirror/replica.js';
import { takeOverFacts } from '../mirror/take-over-facts.js';
import { loadConfig } from '../config/load.js';
import type { WatchFacts } from '../store/state.js';

/**
 * `cockpit watch URL [--token T]`: the primary's cockpit, live and read-only, from its mirror feed. The same
 * screen in mode 'mirror' (action keys are refused by the key table), the primary's cursor and questions shown,
 * and no GitHub, Travis or site reads of its own: everything comes from the feed.
 */
export async function run(ctx: ModeContext): Promise<number> {
  const [target, extra] = ctx.positionals;
  if (target === undefined) throw new UsageError('cockpit watch needs the mirror\'s URL, as the primary printed it: cockpit watch http://HOST:PORT [--token T]');
  if (extra !== undefined) throw new UsageError(`unexpected argument "${extra}"; see cockpit watch --help`);
  const url = feedUrl(target);
  const token = watcherToken(ctx.values['token'], ctx.env, 'cockpit watch', ctx.values['token-file']);
  if (!ctx.stdin.isTTY || !ctx.stdout.isTTY) {
    ctx.stderr.write(`cockpit: cockpit watch needs an interactive terminal (stdin and stdout must be a TTY); for a quick glance use "cockpit status --from ${target}"\n`);
    return EXIT.usage;
  }
  // The config a take-over runs with. Watching needs none; a --config given and broken is bad input all the same.
  const configFlag = typeof ctx.values['config'] === 'string' ? ctx.values['config'] : undefined;
  let configPath: string | undefined;
  let configProblem: string | undefined;
  try {
    configPath = (await loadConfig({ path: configFlag, cwd: process.cwd(), env: ctx.env })).path;
  } catch (error) {
    if (configFlag !== undefined) throw error;
    // One line for the notice: where it looked is in `cockpit run`'s own message, not needed to act on this one.
    const first = (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
    configProblem = first.startsWith('no configuration found')
      ? 'cockpit run needs a config and none is in this directory or the user config directory; start cockpit watch with --config FILE'
      : `cockpit run could not use the config: ${first}`;
  }

  let watcher: WatcherStore | undefined;
  let latest: FeedState | undefined;
  let fatal: MirrorError | undefined;
  let quit: (() => void) | undefined;
  const link = createMirrorLinkStore({ role: 'watching', url: url.origin, driver: undefined, primaryCursor: 0, link: { state: 'live', lastSeenAt: Date.now(), attempt: 0 } });
  // The release's journal, kept in this machine's state directory while watching: what a take-over resumes from.
  const replica = openReplica({ stateDir: stateDir(ctx.env), source: url.origin });
  let replicaError: string | undefined;
  const client: FeedClient = startFeedClient({
    url,
    token,
    lastEventId: () => replica.position(),
    onJournal: (message) => {
      try {
        const follows = replica.take(message);
        const now = replica.state();
        if (now.state === 'replicating') link.setState({ replicaLines: now.lines });
        return follows;
      } catch (error) {
        // A full disk must not stop the watching; it is said once, at the end.
        replicaError ??= (error as NodeJS.ErrnoException).code ?? String(error);
        return true;
      }
    },
    onHeard: (at) => {
      try {
        replica.heard(at);
      } catch {
        // As above: the next message tries again.
      }
    },
    onEnd: () => {
      try {
        replica.ended(Date.now());
      } catch {
        // As above.
      }
    },
    onState: (state) => {
      latest = state;
      watcher?.apply(state);
      link.setState({ driver: state.primary.driver, primaryCursor: state.checklist.cursor });
    },
    onLink: (status) => link.setState({ link: status } satisfies Partial<WatchingLink>),
    onFatal: (error) => {
      fatal = error;
      quit?.();
    },
  });
  try {
    await client.ready;
  } catch (error) {
    if (!(error instanceof MirrorError)) throw error;
    ctx.stderr.write(`cockpit: ${error.message}\n`);
    return mirrorExitCode(error);
  }
  // A patch may have arrived in the same chunk as the first snapshot: start from the latest state.
  watcher = createWatcherStore(latest as FeedState);
  const { store } = watcher;
  const here = stateDir(ctx.env);
  // What the take-over key may do, judged afresh every second as the lease beside the replica ages.
  const facts = (now: number): WatchFacts => takeOverFacts({ stateDir: here, replica: replica.state(), primary: latest?.primary.driver, configProblem, now });
  store.setState({ watch: facts(Date.now()) });
  // The watcher's own clock: ages and "disconnected 12s" move on without any traffic from the feed.
  const clock = setInterval(() => {
    const now = Date.now();
    store.setState({ watch: facts(now) });
    store.getState().tick(now);
  }, 1_000);
  let handOff: string | undefined;

  // Loaded only here, as in run: status --from must not pay for Ink.
  const [{ render }, { App }, { MirrorLinkProvider }] = await Promise.all([import('ink'), import('../ui/app.js'), import('../ui/mirror-link.js')]);
  const readOnly = () => store.getState().setNotice({ text: 'this cockpit is read-only: it only watches the release', tone: 'warning' });
  const instance = render(
    <MirrorLinkProvider link={link}>
      <App store={store} deps={{
          perform: readOnly,
          quit: () => setImmediate(() => instance.unmount()),
          takeOver: (reason) => {
            handOff = reason;
            setImmediate(() => instance.unmount());
          },
        }} onChoose={readOnly} />
    </MirrorLinkProvider>,
    { stdout: ctx.stdout, stdin: ctx.stdin, stderr: ctx.stderr, maxFps: 12, patchConsole: false, exitOnCtrlC: true },
  );
  quit = () => instance.unmount();
  if (fatal) quit();
  try {
    await instance.waitUntilExit();
  } finally {
    clearInterval(clock);
    client.stop();
    watcher.stop();
  }
  if (handOff !== undefined && !fatal && !replicaError) {
    // In this process, after Ink let the terminal go: one cockpit at a time on it, and the run's exit code is ours.
    ctx.stdout.write(`Taking the release over from ${latest?.primary.driver ?? 'the primary'}: cockpit run --take-over --reason ${JSON.stringify(handOff)}\n`);
    const { run: runRelease } = await import('./run.js');
    return runRelease({ ...ctx, positionals: [], values: { config: configPath, 'take-over': true, reason: handOff } });
  }
  const kept = replica.state();
  if (kept.state === 'replicating') ctx.stdout.write(`The release's journal is replicated in ${kept.path} (${kept.lines} lines): "cockpit run --take-over" with this state directory carries the release on from it.\n`);
  if (replicaError) ctx.stderr.write(`cockpit: the journal replica could not be written (${replicaError})${handOff === undefined ? '' : '; not taken over: a replica missing lines could send something twice'}\n`);
  if (fatal) {
    ctx.stderr.write(`cockpit: ${fatal.message}\n`);
    return mirrorExitCode(fatal);
  }
  return replicaError && handOff !== undefined ? EXIT.needsHuman : EXIT.ok;
}
