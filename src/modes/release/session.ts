import { hostname } from 'node:os';
import type { Config } from '../../config/schema.js';
import { currentIndex } from '../../domain/checklist.js';
import type { Playbook } from '../../domain/playbook.js';
import { isHotfix } from '../../domain/schedule.js';
import { releaseDate } from '../../domain/weekly-playbook.js';
import type { Engine } from '../../engine/index.js';
import type { JournalPort } from '../../engine/ports.js';
import { reconcile } from '../../engine/reconcile.js';
import { errorText } from '../../engine/steps.js';
import { NeedsHumanError, UsageError } from '../../exit-codes.js';
import { JOURNAL_VERSION } from '../../journal/events.js';
import { usualStepMs } from '../../journal/history.js';
import { isLaterDriver, isLeaseLive, LEASE_STALE_MS, leaseHolderText, type Lease } from '../../journal/lease.js';
import { adoptReplica, readReplicaMarker } from '../../mirror/replica.js';
import { readDriver, type FoundDriver } from './driver-comment.js';
import { isPidAlive, readLease, writeLease } from '../../journal/lease-file.js';
import { problemsText } from '../../journal/parse.js';
import { releasePaths, releasesDir } from '../../journal/paths.js';
import { findOpenRelease, listReleaseFiles, newReleaseId } from '../../journal/releases.js';
import type { ReleaseSnapshot } from '../../journal/replay.js';
import { restoreRelease } from '../../journal/restore.js';
import { buildKey, createStoreDiff } from '../../journal/store-diff.js';
import { attachJournal, journalPort } from '../../journal/store-journal.js';
import { openJournalWriter, type JournalWriter } from '../../journal/writer.js';
import type { RunningPollers } from '../../pollers/start-pollers.js';
import type { Services } from '../../services/index.js';
import type { CockpitStoreApi } from '../../store/create-cockpit-store.js';
import type { Mode, PendingAction, UiState } from '../../store/state.js';
import { resolveActor } from './actor.js';
import { followJournal } from './follow-journal.js';
import { keepLease, type LeaseKeeper } from './lease-keeper.js';

export interface ReleaseSessionOptions {
  readonly config: Config;
  readonly services: Services;
  readonly playbook: Playbook;
  readonly mode: Extract<Mode, 'driving' | 'demo'>;
  /** The state directory; the release's files live in its `releases/`. */
  readonly stateDir: string;
  /** More directories of past releases, for "usually takes" only. */
  readonly historyDirs?: readonly string[];
  readonly takeOver: boolean;
  /** Why the release is taken over (`--reason`). */
  readonly reason?: string;
  /** Never written anywhere: replaced if they would reach the journal. */
  readonly secrets: readonly (string | undefined)[];
  readonly now: () => number;
  /** How long a failed look at the world after a restart waits before trying again. @default 10000 */
  readonly retryMs?: number;
  /** How often the lease is renewed (and a take-over noticed). @default HEARTBEAT_MS */
  readonly heartbeatMs?: number;
}

type Notice = NonNullable<UiState['notice']>;

/**
 * One release's journal, lease and resume around a cockpit session. Open it before the store exists (it
 * decides the release id and whether this cockpit drives or only watches), `attach` the store before anything
 * else subscribes, `begin` once the pollers and the engine exist, and `stop` on the way out.
 */
export interface ReleaseSession {
  readonly id: string;
  readonly name: string;
  /** `read-only` when someone else drives this release right now. */
  readonly mode: Mode;
  readonly actor: string;
  /** The journalled release this session resumes, if any. */
  readonly resumed: ReleaseSnapshot | undefined;
  readonly journal: JournalPort | undefined;
  /** Calls back after each line the journal gains from this cockpit (none in read-only mode). */
  onJournalWritten(listener: () => void): () => void;
  /** What to say first (resumed, read-only, a damaged journal): `attach` shows it. */
  readonly greeting: Notice | undefined;
  /** Lays the journalled release over the new store, shows the greeting, and starts journalling (first subscriber). */
  attach(store: CockpitStoreApi): void;
  begin(deps: { readonly engine: Engine; readonly pollers: RunningPollers }): void;
  /** The engine's perform, refused until the world has been looked at again after a restart. */
  perform(action: PendingAction): Promise<void>;
  stop(): Promise<void>;
}

export async function openReleaseSession(options: ReleaseSessionOptions): Promise<ReleaseSession> {
  const { config, playbook, now } = options;
  const dir = releasesDir(options.stateDir);
  const files = listReleaseFiles(dir);
  const open = findOpenRelease(files, config.service.repo, playbook.name);
  const resumed = open?.snapshot;
  const id = open?.id ?? newReleaseId(releaseDate(now(), config.schedule.timezone), playbook.id, new Set(files.map((f) => f.id)));
  const name = resumed?.name ?? `${playbook.label} ${releaseDate(now(), config.schedule.timezone)}`;
  const paths = releasePaths(options.stateDir, id);
  const actor = await resolveActor(options.services.github, config);
  const here = { host: hostname(), pid: process.pid };
  const history = [...files, ...(options.historyDirs ?? []).flatMap((d) => listReleaseFiles(d))].filter((f) => f.id !== id || f.path !== paths.journal);
  const usual = usualStepMs(history.flatMap((f) => (f.snapshot ? [f.snapshot] : [])), playbook.name);
  const damaged = open ? problemsText(open.problems, open.path) : undefined;

  const held = readLease(paths.lease);
  const isHeld = isLeaseLive(held, { ...here, now: now(), isPidAlive });
  const opened = { id, name, actor, resumed, paths, usual, damaged };
  // A replica of another machine's journal (kept by cockpit watch): driven from here only on --take-over.
  const replica = open ? readReplicaMarker(paths) : undefined;
  const primary = replica?.primary ? replica.primary.driver : (held?.driver ?? 'the primary');
  if (replica && !options.takeOver) {
    const heard = Math.max(0, Math.round((now() - replica.heardAt) / 1000));
    return readOnlySession(options, opened, `Read-only: ${primary}'s release, replicated from the mirror ${replica.source} (heard ${heard}s ago); cockpit run --take-over carries it on from here`);
  }
  if (replica && held && isHeld) {
    throw new NeedsHumanError(`${leaseHolderText(held, now())}: a take-over from the replica waits until their lease is stale (${Math.round(LEASE_STALE_MS / 60_000)} minutes without word from their mirror) or they quit`);
  }
  if (!replica && held && isHeld && !options.takeOver) return readOnlySession(options, opened, `Read-only: ${leaseHolderText(held, now())} drives this release; cockpit run --take-over hands it to you`);
  // What the PR says before this cockpit offers to drive: a take-over on another machine shows only there.
  const onPr = resumed?.pull ? await readDriverSoon(options.services.github, resumed.pull.number, id) : undefined;
  const known = held ?? (replica?.primary ? { ...replica.primary, release: id } : undefined);
  const isOurs = onPr !== undefined && onPr.driver === actor && onPr.host === here.host;
  const later = onPr && !isOurs && (known ? isLaterDriver(onPr, known) : true) ? onPr : undefined;
  if (later && !replica && !options.takeOver) {
    return readOnlySession(options, opened, `Read-only: ${later.driver} took this release over on host ${later.host} at ${later.since} (PR #${resumed?.pull?.number} says so); cockpit run --take-over takes it back`);
  }

  const started = new Date(now()).toISOString();
  const lease: Lease = { release: id, driver: actor, host: here.host, pid: here.pid, started, heartbeat: started };
  let writer: JournalWriter;
  try {
    // From here the journal is this machine's own: the watcher (if still running) stops writing it.
    if (replica) adoptReplica(paths);
    writeLease(paths.lease, lease);
    writer = openJournalWriter({ path: paths.journal, actor, now, secrets: options.secrets });
  } catch (error) {
    // Without its journal a release could not be resumed: refuse to drive rather than drive unrecorded.
    const code = (error as NodeJS.ErrnoException).code ?? errorText(error);
    throw new UsageError(`cannot write the release journal in ${paths.dir} (${code}); point COCKPIT_STATE_DIR at a writable directory`);
  }
  if (!resumed) {
    writer.append({
      type: 'release',
      version: JOURNAL_VERSION,
      id,
      name,
      repo: config.service.repo,
      playbook: { name: playbook.name, from: playbook.from, to: playbook.to, steps: playbook.steps.map((s) => ({ id: s.id, title: s.title, type: s.type })) },
      ...(options.mode === 'demo' ? { demo: true } : {}),
    });
  }
  const tookOverFrom = later?.driver ?? (replica ? primary : held && isHeld ? held.driver : undefined);
  const reason = tookOverFrom && options.reason ? { reason: options.reason } : {};
  writer.append({ type: 'driver', host: here.host, pid: here.pid, resumed: resumed !== undefined, ...(tookOverFrom ? { tookOverFrom } : {}), ...reason, ...(replica ? { replicaOf: replica.source } : {}) });
  return drivingSession(options, { id, name, actor, resumed, paths, lease, writer, usual, damaged, tookOverFrom });
}

interface Opened {
  readonly id: string;
  readonly name: string;
  readonly actor: string;
  readonly resumed: ReleaseSnapshot | undefined;
  readonly paths: ReturnType<typeof releasePaths>;
  readonly usual: Readonly<Record<string, number>>;
  readonly damaged: string | undefined;
}

function restore(store: CockpitStoreApi, options: ReleaseSessionOptions, snapshot: ReleaseSnapshot | undefined, usual: Readonly<Record<string, number>>): void {
  const state = store.getState();
  state.setMeta({ usualStepMs: usual });
  if (!snapshot) {
    // The first step starts now: "how long it took" needs a start.
    const [first, ...rest] = state.checklist.steps;
    if (first) state.setSteps([{ ...first, startedAt: options.now() }, ...rest]);
    return;
  }
  const restored = restoreRelease(snapshot, options.playbook, options.config.ppcs?.customers ?? [], options.now());
  state.setSteps(restored.steps, restored.cursor);
  if (restored.candidateSha) state.setPromotion({ candidateSha: restored.candidateSha });
  if (restored.rolloutTarget) {
    state.setRolloutTarget(restored.rolloutTarget);
    state.setPpcs(restored.ppcs);
  }
}

/**
 * A new weekly release started outside the weekly window moves production when nobody planned it: that is a
 * hotfix, which needs a manager's approval. Said, not enforced (an overrunning window is still the weekly), and
 * never in the demo, whose world keeps the real clock.
 */
function outsideWindow(options: ReleaseSessionOptions): Notice | undefined {
  if (options.mode !== 'driving' || options.playbook.id !== 'weekly' || !isHotfix(options.config.schedule, options.now())) return undefined;
  const { day, time } = options.config.schedule.weekly;
  return { text: `Outside the weekly window (${day} ${time} ${options.config.schedule.timezone}): a change to production now is a hotfix and needs a manager's approval (cockpit run --playbook hotfix)`, tone: 'warning' };
}

function resumedAt(snapshot: ReleaseSnapshot): string {
  const at = currentIndex(snapshot.steps);
  const step = snapshot.steps[at];
  return step ? `Resumed ${snapshot.id} at step ${at + 1}, "${step.title}"` : `Resumed ${snapshot.id}: every step is settled`;
}

function readOnlySession(options: ReleaseSessionOptions, opened: Opened, text: string): ReleaseSession {
  const { id, name, actor, resumed, paths, usual, damaged } = opened;
  let follower: { stop(): void } | undefined;
  return {
    id,
    name,
    mode: 'read-only',
    actor,
    resumed,
    journal: undefined,
    onJournalWritten: () => () => undefined,
    greeting: { text: damaged ? `${text}. ${damaged}` : text, tone: 'warning' },
    attach(store) {
      restore(store, options, resumed, usual);
      store.getState().setNotice(this.greeting ?? null);
      follower = followJournal(store, paths.journal, options.playbook, options.config.ppcs?.customers ?? [], options.now);
    },
    begin() {
      // Nothing acts here: no engine, no journal, no lease.
    },
    async perform() {
      // The keys refuse every action in read-only mode; nothing reaches here.
    },
    async stop() {
      follower?.stop();
    },
  };
}

function drivingSession(
  options: ReleaseSessionOptions,
  opened: Opened & { readonly lease: Lease; readonly writer: JournalWriter; readonly tookOverFrom: string | undefined },
): ReleaseSession {
  const { id, name, actor, resumed, paths, lease, writer, usual, damaged, tookOverFrom } = opened;
  const port = journalPort(writer, `${process.pid.toString(36)}${options.now().toString(36)}`);
  let store: CockpitStoreApi | undefined;
  let detach: (() => void) | undefined;
  let keeper: LeaseKeeper | undefined;
  let follower: { stop(): void } | undefined;
  let engine: Engine | undefined;
  let ready = resumed === undefined;
  let stopped = false;
  let retry: ReturnType<typeof setTimeout> | undefined;

  const notice = (n: Notice) => store?.getState().setNotice(n);
  // A take-over says so first: whoever reads the screen knows they drive someone else's release now.
  const resumedText = (snapshot: ReleaseSnapshot): string => `${tookOverFrom ? `Took over from ${tookOverFrom}: ` : ''}${resumedAt(snapshot)}`;
  const greeting: Notice | undefined = damaged
    ? { text: `${resumed ? `${resumedText(resumed)}. ` : ''}${damaged}`, tone: 'warning' }
    : resumed
      ? { text: `${resumedText(resumed)}; looking at GitHub and Travis again before anything is done`, tone: 'info' }
      : tookOverFrom
        ? { text: `You took this release over from ${tookOverFrom}`, tone: 'warning' }
        : outsideWindow(options);

  /** Someone took the release over elsewhere: stop acting and journalling, and watch their journal instead. */
  function lose(by: Lease): void {
    engine?.stop();
    detach?.();
    detach = undefined;
    writer.close();
    ready = false;
    if (!store) return;
    store.getState().setMeta({ mode: 'read-only' });
    notice({ text: `${by.driver} took this release over on host ${by.host}; this cockpit is read-only now`, tone: 'warning' });
    follower = followJournal(store, paths.journal, options.playbook, options.config.ppcs?.customers ?? [], options.now);
  }

  async function lookAgain(deps: { readonly engine: Engine; readonly pollers: RunningPollers }): Promise<void> {
    if (!store || !resumed || stopped) return;
    try {
      const result = await reconcile({ store, services: options.services, config: options.config, now: options.now, journal: port }, resumed);
      if (stopped) return;
      for (const request of result.follow) deps.engine.follow(request);
      // The fleet's own versions decide before the rollout may send anything: a PPC updated meanwhile is done.
      if (resumed.rollout.target) await deps.pollers.refresh('fleet');
      if (stopped) return;
      const found = result.found.length > 0 ? `: ${result.found.join('; ')}` : '';
      writer.append({ type: 'note', text: `resumed by ${actor}${tookOverFrom ? ` (taken over from ${tookOverFrom})` : ''}${found}` });
      ready = true;
      deps.engine.start();
      // A damaged journal stays said: the look at the world must not wipe the warning away.
      notice(damaged ? { text: `${resumedText(resumed)}${found}. ${damaged}`, tone: 'warning' } : { text: `${resumedText(resumed)}${found}`, tone: 'success' });
    } catch (error) {
      if (stopped) return;
      notice({ text: `${resumedText(resumed)}; cannot look at the world yet (${errorText(error)}); trying again`, tone: 'warning' });
      retry = setTimeout(() => void lookAgain(deps), options.retryMs ?? 10_000);
    }
  }

  return {
    id,
    name,
    mode: options.mode,
    actor,
    resumed,
    journal: port,
    onJournalWritten: (listener) => writer.listen(listener),
    greeting,
    attach(s) {
      store = s;
      restore(s, options, resumed, usual);
      if (greeting) s.getState().setNotice(greeting);
      // First subscriber: the journal hears of every change before the mirror, the engine and Ink do.
      // What the journal has already: not written again after a restart.
      const builds = resumed ? [resumed.builds.pr, resumed.builds.deploy].flatMap((b) => (b ? [buildKey(b.role, b)] : [])) : [];
      const diff = createStoreDiff({ componentsWritten: resumed?.components !== undefined, builds, approvals: resumed?.approval ? [resumed.approval.reviewId] : [] });
      detach = attachJournal(s, writer, (error) => notice({ text: `The release journal could not be written: ${errorText(error)}`, tone: 'error' }), diff);
      keeper = keepLease({
        path: paths.lease,
        lease,
        store: s,
        github: options.services.github,
        now: options.now,
        ...(tookOverFrom ? { takeOver: { from: tookOverFrom, ...(options.reason ? { reason: options.reason } : {}) } } : {}),
        onLost: lose,
        ...(options.heartbeatMs ? { heartbeatMs: options.heartbeatMs } : {}),
        onComment: (number) => {
          if (detach) writer.append({ type: 'note', text: `the driver is shown on PR #${number}` });
        },
      });
    },
    begin(deps) {
      engine = deps.engine;
      if (resumed) void lookAgain(deps);
      else deps.engine.start();
    },
    async perform(action) {
      if (!engine) return;
      if (!ready) {
        notice({ text: 'Still looking at GitHub and Travis after the restart; nothing was done. Try again in a moment.', tone: 'warning' });
        return;
      }
      await engine.perform(action);
    },
    async stop() {
      stopped = true;
      if (retry) clearTimeout(retry);
      follower?.stop();
      keeper?.stop(true);
      detach?.();
      try {
        writer.close();
      } catch {
        // Already closed by a take-over.
      }
    },
  };
}

/** The PR's driver comment, read before offering to drive; a GitHub that does not answer soon leaves it to the lease. */
async function readDriverSoon(github: Services['github'], number: number, release: string, timeoutMs = 5_000): Promise<FoundDriver | undefined> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), timeoutMs);
  });
  try {
    return await Promise.race([readDriver(github, number, release).catch(() => undefined), late]);
  } finally {
    clearTimeout(timer);
  }
}
