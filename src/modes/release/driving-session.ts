import type { Engine } from '../../engine/index.js';
import { reconcile } from '../../engine/reconcile.js';
import { errorText } from '../../engine/steps.js';
import type { Lease } from '../../journal/lease.js';
import type { ReleaseSnapshot } from '../../journal/replay.js';
import { journalPort } from '../../journal/port.js';
import { attachJournal } from './journal-facts.js';
import type { JournalWriter } from '../../journal/writer.js';
import type { RunningPollers } from '../../pollers/start-pollers.js';
import type { CockpitStoreApi } from '../../store/create-cockpit-store.js';
import { followJournal } from './follow-journal.js';
import { keepLease, type LeaseKeeper } from './lease-keeper.js';

import type { Notice, Opened, ReleaseSession, ReleaseSessionOptions } from './session-types.js';
import { outsideWindow, restore, resumedAt } from './session-restore.js';

export function drivingSession(
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
    store.getState().drivingLost();
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
      // The journal hears of every fact before the mirror, the engine and Ink hear of its change. The notice
      // waits for the write that failed to be done.
      detach = attachJournal(s, writer, (error) => queueMicrotask(() => notice({ text: `The release journal could not be written: ${errorText(error)}`, tone: 'error' })));
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
