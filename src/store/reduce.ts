import { countPpcs } from '../domain/ppc.js';
import type { CockpitEvent, PollFacts, PpcPatch } from './events.js';
import { patchFleet } from './fleet-patch.js';
import type { CockpitState } from './state.js';

export function clamp(value: number, min: number, max: number): number {
  return Math.max(min, Math.min(max, value));
}

/** The sources, quota and notice one poll brings, beside its data: one update, so no pane renders half a poll. */
function pollPart(s: CockpitState, poll: PollFacts | undefined): Partial<CockpitState> {
  if (!poll) return {};
  const out: { -readonly [K in keyof CockpitState]?: CockpitState[K] } = {};
  if (poll.health && poll.health.length > 0) {
    const sources = { ...s.sources };
    for (const h of poll.health) sources[h.source] = h;
    out.sources = sources;
  }
  if (poll.quota) out.quota = poll.quota;
  if (poll.notice) out.ui = { ...s.ui, notice: poll.notice };
  return out;
}

function patched(s: CockpitState, patches: readonly PpcPatch[]): Partial<CockpitState> | undefined {
  if (patches.length === 0) return undefined;
  return { rollout: { ...s.rollout, ...patchFleet(s.rollout.ppcs, s.rollout.counts, patches) } };
}

function withSteps(s: CockpitState, steps: CockpitState['checklist']['steps'], cursor: number | undefined): CockpitState['checklist'] {
  return { ...s.checklist, steps, cursor: cursor === undefined ? s.checklist.cursor : clamp(cursor, 0, steps.length - 1) };
}

/** What each event changes: the slices it touches, or undefined when it changes nothing. Pure. */
export function reduce(s: CockpitState, event: CockpitEvent): Partial<CockpitState> | undefined {
  switch (event.type) {
    case 'clockTicked':
      return { now: event.now, ...(event.windows ? { meta: { ...s.meta, windows: event.windows } } : {}) };
    case 'historyRead':
      return { meta: { ...s.meta, usualStepMs: event.usualStepMs } };
    case 'drivingLost':
      return { meta: { ...s.meta, mode: 'read-only' } };
    case 'sourceHealthChanged':
      return pollPart(s, event.poll);
    case 'environmentsRead':
      return { environments: event.environments, diffs: event.diffs ?? s.diffs, ...pollPart(s, event.poll) };
    case 'candidatesRead':
      return { candidates: event.candidates, ...pollPart(s, event.poll) };
    case 'promotionRead':
      return { promotion: { ...s.promotion, ...event.promotion }, ...pollPart(s, event.poll) };
    case 'candidateChosen':
      return { promotion: { ...s.promotion, candidateSha: event.sha } };
    case 'pullOpened':
      // A different PR's build says nothing about this one.
      return { promotion: { ...s.promotion, candidateSha: event.sha, pull: event.pull, ...(s.promotion.pull?.number === event.pull.number ? {} : { prBuild: null }) } };
    case 'prMerged':
      return { promotion: { ...s.promotion, pull: event.pull, mergeSha: event.mergeSha } };
    case 'headMoved':
      return { promotion: { ...s.promotion, pull: event.pull } };
    case 'logOpened':
      return { log: { jobId: event.jobId, text: '', isComplete: false } };
    case 'logRead':
      return { log: event.log };
    case 'logDiscarded':
      return { log: null };
    case 'rolloutStarted':
      return { rollout: { ...s.rollout, target: event.target } };
    case 'fleetRead':
      return { rollout: { ...s.rollout, ppcs: event.ppcs, counts: countPpcs(event.ppcs) }, ...pollPart(s, event.poll) };
    case 'ppcsUpdated':
      return patched(s, event.patches);
    case 'ppcSkipped':
      return patched(s, [{ id: event.id, state: 'skipped', detail: event.reason }]);
    case 'stepsAdvanced':
    case 'stepStarted':
    case 'stepCompleted':
    case 'stepFailed':
    case 'stepReopened':
    case 'stepSkipped':
    case 'stepConfirmed':
      return { checklist: withSteps(s, event.steps, event.cursor) };
    case 'releaseRestored': {
      const promotion = event.candidateSha === s.promotion.candidateSha ? s.promotion : { ...s.promotion, candidateSha: event.candidateSha };
      let rollout = event.rolloutTarget === s.rollout.target ? s.rollout : { ...s.rollout, target: event.rolloutTarget };
      if (event.ppcs) rollout = { ...rollout, ppcs: event.ppcs, counts: countPpcs(event.ppcs) };
      if (event.ppcPatches && event.ppcPatches.length > 0) rollout = { ...rollout, ...patchFleet(rollout.ppcs, rollout.counts, event.ppcPatches) };
      return { checklist: withSteps(s, event.steps, event.cursor), promotion, rollout };
    }
    case 'replicaChecked':
      return { watch: event.watch };
    case 'primaryHeard':
      return event.update;
  }
}
