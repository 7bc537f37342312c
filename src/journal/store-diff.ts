import { approvalOf } from '../domain/approval.js';
import type { Build } from '../domain/ci.js';
import { isActive } from '../domain/ci-verdict.js';
import { headline } from '../domain/commit.js';
import { mergedSha, sameRevision } from '../domain/sha.js';
import type { StepProgress } from '../domain/playbook.js';
import type { CockpitState } from '../store/state.js';
import type { BuildNote, UnstampedEvent } from './events.js';

/**
 * What a store change means for the journal: step transitions, the candidate, the PR, the merge, the builds
 * that matter, the rollout's target and each PPC's state. Returns a function that compares two states and
 * remembers what it has already written (a build once when seen and once when finished, the components once).
 * No I/O.
 */
export type StoreDiff = (previous: CockpitState, next: CockpitState) => UnstampedEvent[];

export function createStoreDiff(initial: { readonly componentsWritten?: boolean; readonly builds?: readonly string[]; readonly approvals?: readonly number[] } = {}): StoreDiff {
  let componentsWritten = initial.componentsWritten ?? false;
  const buildsWritten = new Set(initial.builds ?? []);
  const approvalsWritten = new Set(initial.approvals ?? []);

  const buildEvent = (role: BuildNote['role'], build: Build | null): UnstampedEvent[] => {
    if (!build) return [];
    const key = buildKey(role, build);
    if (buildsWritten.has(key)) return [];
    buildsWritten.add(key);
    return [{ type: 'build', ...buildNote(role, build) }];
  };

  return (previous, next) => {
    const out: UnstampedEvent[] = [];
    if (next.checklist.steps !== previous.checklist.steps) out.push(...stepEvents(previous.checklist.steps, next.checklist.steps));

    const p = previous.promotion;
    const n = next.promotion;
    if (n !== p) {
      if (n.candidateSha && n.candidateSha !== p.candidateSha) {
        const rows = next.candidates.status === 'loading' ? [] : (next.candidates.data ?? []);
        const row = rows.find((r) => r.commit.sha === n.candidateSha);
        out.push({ type: 'candidate', sha: n.candidateSha, ...(row ? { headline: headline(row.commit.message) } : {}) });
      }
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
    }

    if (!componentsWritten && n.candidateSha && !mergedSha(n)) {
      const components = componentsOf(next, n.candidateSha);
      if (components) {
        componentsWritten = true;
        out.push(components);
      }
    }

    const r = next.rollout;
    const before = previous.rollout;
    if (r.target && r.target !== before.target) {
      out.push({ type: 'rollout', target: r.target });
      // Where the fleet stood when the rollout began: a PPC already there is part of the outcome.
      for (const ppc of r.ppcs) if (ppc.state !== 'pending') out.push(ppcEvent(ppc));
    } else if (r.target && r.ppcs !== before.ppcs) {
      const old = new Map(before.ppcs.map((x) => [x.id, x]));
      for (const ppc of r.ppcs) {
        const was = old.get(ppc.id);
        if (!was || was.state !== ppc.state) out.push(ppcEvent(ppc));
      }
    }
    return out;
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
