import { hostname } from 'node:os';
import { releaseDate } from '../../domain/weekly-playbook.js';
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
import { openJournalWriter, type JournalWriter } from '../../journal/writer.js';
import type { Services } from '../../services/index.js';
import { resolveActor } from './actor.js';
import type { ReleaseSession, ReleaseSessionOptions } from './session-types.js';
import { readOnlySession } from './read-only-session.js';
import { drivingSession } from './driving-session.js';

export type { ReleaseSession, ReleaseSessionOptions } from './session-types.js';

/** Opens the release: which one, whether this cockpit drives it or only watches, its lease and first journal lines. */
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
