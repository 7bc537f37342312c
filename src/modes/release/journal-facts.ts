import { approvalOf } from '../../domain/approval.js';
import type { Build } from '../../domain/ci.js';
import { isActive } from '../../domain/ci-verdict.js';
import { headline } from '../../domain/commit.js';
import { mergedSha, sameRevision } from '../../domain/sha.js';
import type { StepProgress } from '../../domain/playbook.js';
import type { CockpitEvent, CockpitEventType } from '../../store/events.js';
import type { CockpitState } from '../../store/state.js';
import type { BuildNote, UnstampedEvent } from '../../journal/events.js';
import type { CockpitStoreApi } from '../../store/create-cockpit-store.js';
import type { JournalWriter } from '../../journal/writer.js';

/**
 * What the journal records of each store event: the facts the part that learned them reported. Step
 * transitions come from the step events, the candidate from its choice, the PR, the merge, the builds that
 * matter and the approval from the promotion events, what the release moves once both the candidate and the
 * environments are known, the rollout's target from its start, and each PPC's state from the fleet events.
 * Returns a function that remembers what this journal has written (a build once when seen and once when
 * finished, an approval once, the components once); a resumed cockpit starts afresh, and may say a build or
 * the components once more, which replay reads as the latest word. No I/O.
 */
export type JournalFacts = (event: CockpitEvent, previous: CockpitState, next: CockpitState) => UnstampedEvent[];

const STEP_EVENTS: ReadonlySet<CockpitEventType> = new Set(['stepsAdvanced', 'stepStarted', 'stepCompleted', 'stepFailed', 'stepReopened', 'stepSkipped', 'stepConfirmed']);
const PROMOTION_EVENTS: ReadonlySet<CockpitEventType> = new Set(['promotionRead', 'pullOpened', 'prMerged', 'headMoved']);
const FLEET_EVENTS: ReadonlySet<CockpitEventType> = new Set(['fleetRead', 'ppcsUpdated', 'ppcSkipped']);

export function createJournalFacts(): JournalFacts {
  let componentsWritten = false;
  const buildsWritten = new Set<string>();
  const approvalsWritten = new Set<number>();

  const buildEvent = (role: BuildNote['role'], build: Build | null): UnstampedEvent[] => {
    if (!build) return [];
    const key = buildKey(role, build);
    if (buildsWritten.has(key)) return [];
    buildsWritten.add(key);
    return [{ type: 'build', ...buildNote(role, build) }];
  };

  function promotionFacts(previous: CockpitState, next: CockpitState): UnstampedEvent[] {
    const out: UnstampedEvent[] = [];
    const p = previous.promotion;
    const n = next.promotion;
    if (n.pull && n.pull.number !== p.pull?.number) {
      const { number, url, headRef, baseRef, headSha, title } = n.pull;
      out.push({ type: 'pull', number, url, head: headRef, base: baseRef, headSha, title });
    }
    const merged = mergedSha(n);
    if (n.pull && merged && merged !== mergedSha(p)) out.push({ type: 'merged', number: n.pull.number, sha: merged });
    if (n.pull && n.prBuild && n.prBuild.pullRequestNumber === n.pull.number) out.push(...buildEvent('pr', n.prBuild));
    if (merged && n.deployBuild && sameRevision(n.deployBuild.sha, merged)) out.push(...buildEvent('deploy', n.deployBuild));
    if (n.pull && n.reviews && n.reviews !== p.reviews) {
      const approval = approvalOf(n.reviews, next.meta.approvers ?? [], n.pull.headSha);
      if (approval.kind === 'approved' && !approvalsWritten.has(approval.reviewId)) {
        approvalsWritten.add(approval.reviewId);
        const { by, sha, reviewId, at } = approval;
        out.push({ type: 'approval', number: n.pull.number, by, sha, reviewId, ...(at ? { submittedAt: at } : {}) });
      }
    }
    return out;
  }

  /** What the release moves, once: when the candidate is chosen, or when the environments it needs arrive. */
  function componentsFacts(next: CockpitState): UnstampedEvent[] {
    const n = next.promotion;
    if (componentsWritten || !n.candidateSha || mergedSha(n)) return [];
    const components = componentsOf(next, n.candidateSha);
    if (!components) return [];
    componentsWritten = true;
    return [components];
  }

  function candidateFacts(next: CockpitState, sha: string | undefined): UnstampedEvent[] {
    if (!sha) return [];
    const rows = next.candidates.status === 'loading' ? [] : (next.candidates.data ?? []);
    const row = rows.find((r) => r.commit.sha === sha);
    return [{ type: 'candidate', sha, ...(row ? { headline: headline(row.commit.message) } : {}) }];
  }

  function fleetFacts(previous: CockpitState, next: CockpitState): UnstampedEvent[] {
    const r = next.rollout;
    // The fleet poller reclassifying PPCs before the rollout has a target is not the release.
    if (!r.target || r.ppcs === previous.rollout.ppcs) return [];
    const old = new Map(previous.rollout.ppcs.map((x) => [x.id, x]));
    return r.ppcs.flatMap((ppc) => {
      const was = old.get(ppc.id);
      return !was || was.state !== ppc.state ? [ppcEvent(ppc)] : [];
    });
  }

  return (event, previous, next) => {
    if (STEP_EVENTS.has(event.type)) return stepEvents(previous.checklist.steps, next.checklist.steps);
    if (PROMOTION_EVENTS.has(event.type)) {
      // Opening the PR for a sha names the candidate too, when none (or another) was chosen.
      const chosen = event.type === 'pullOpened' && event.sha !== previous.promotion.candidateSha ? candidateFacts(next, event.sha) : [];
      return [...chosen, ...promotionFacts(previous, next), ...componentsFacts(next)];
    }
    if (FLEET_EVENTS.has(event.type)) return fleetFacts(previous, next);
    switch (event.type) {
      case 'candidateChosen':
        return event.sha === previous.promotion.candidateSha ? [] : [...candidateFacts(next, event.sha), ...componentsFacts(next)];
      case 'environmentsRead':
        return componentsFacts(next);
      case 'rolloutStarted': {
        const { target, ppcs } = next.rollout;
        if (!target || target === previous.rollout.target) return [];
        // Where the fleet stood when the rollout began: a PPC already there is part of the outcome.
        return [{ type: 'rollout', target }, ...ppcs.filter((ppc) => ppc.state !== 'pending').map(ppcEvent)];
      }
      default:
        return [];
    }
  };
}

function stepEvents(before: readonly StepProgress[], after: readonly StepProgress[]): UnstampedEvent[] {
  const old = new Map(before.map((s) => [s.id, s]));
  const out: UnstampedEvent[] = [];
  for (const step of after) {
    const was = old.get(step.id);
    if (was === step) continue;
    // A step's start moving on its own (retry keeps it) is not a transition; its status, reason or outcome is.
    if (was && was.status === step.status && was.reason === step.reason && was.outcome === step.outcome && was.sha === step.sha) continue;
    const { id, status, reason, outcome, startedAt, finishedAt, sha } = step;
    out.push({
      type: 'step',
      step: id,
      status,
      ...(reason !== undefined ? { reason } : {}),
      ...(outcome !== undefined ? { outcome } : {}),
      ...(startedAt !== undefined ? { startedAt } : {}),
      ...(finishedAt !== undefined ? { finishedAt } : {}),
      ...(sha !== undefined ? { sha } : {}),
    });
  }
  return out;
}

function ppcEvent(ppc: CockpitState['rollout']['ppcs'][number]): UnstampedEvent {
  return { type: 'ppc', customer: ppc.id, state: ppc.state, ...(ppc.detail ? { detail: ppc.detail } : {}) };
}

/** A build is written when first seen and again when it finishes. */
export function buildKey(role: BuildNote['role'], build: { readonly id: number; readonly state: string }): string {
  return `${role}:${build.id}:${isActive(build.state as Build['state']) ? 'active' : build.state}`;
}

function buildNote(role: BuildNote['role'], build: Build): BuildNote {
  return {
    role,
    id: build.id,
    number: build.number,
    state: build.state,
    sha: build.sha,
    ...(build.url ? { url: build.url } : {}),
    startedAt: build.startedAt,
    finishedAt: build.finishedAt,
  };
}

/** What the release moves, from the diff of the two environments and the chosen candidate. */
function componentsOf(state: CockpitState, candidate: string): UnstampedEvent | undefined {
  const { from, to } = state.checklist.playbook;
  const diff = state.diffs.find((d) => d.from === from && d.to === to);
  const envs = state.environments.status === 'loading' ? undefined : state.environments.data;
  const target = envs?.find((e) => e.name === to);
  if (!diff || !target) return undefined;
  // The upper environment moves from its own pins (the diff's `to`) to the lower one's (`from`).
  return {
    type: 'components',
    service: { from: target.head.sha, to: candidate },
    ppc: { ...(diff.ppc.to ? { from: diff.ppc.to } : {}), ...(diff.ppc.from ? { to: diff.ppc.from } : {}) },
    sdk: { ...(diff.sdk.to ? { from: diff.sdk.to } : {}), ...(diff.sdk.from ? { to: diff.sdk.from } : {}) },
  };
}

/**
 * Journals the facts among the store's events (see createJournalFacts). The store hands each event to its event
 * listeners before it applies the change, so the line is on disk before any subscriber (the mirror, the
 * pollers, the engine, Ink) hears of the change, let alone draws it, whenever the journal was attached.
 * `onError` is called inside the store's write: it must not write to the store itself.
 */
export function attachJournal(store: CockpitStoreApi, writer: JournalWriter, onError: (error: unknown) => void, facts: JournalFacts = createJournalFacts()): () => void {
  return store.getState().onEvent((event, next, previous) => {
    const events = facts(event, previous, next);
    if (events.length === 0) return;
    try {
      writer.append(events);
    } catch (error) {
      onError(error);
    }
  });
}
