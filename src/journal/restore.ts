import { currentIndex } from '../domain/checklist.js';
import type { Playbook, StepProgress } from '../domain/playbook.js';
import type { CustomerPpc } from '../domain/ppc.js';
import type { ReleaseSnapshot } from './replay.js';

/** What a resumed cockpit's store starts from. */
export interface RestoredRelease {
  readonly steps: readonly StepProgress[];
  readonly cursor: number;
  readonly candidateSha: string | undefined;
  readonly rolloutTarget: string | undefined;
  /** The fleet in config order with the states the journal left; versions come from the next fleet read. */
  readonly ppcs: readonly CustomerPpc[];
}

/**
 * The journalled release laid over the playbook the cockpit runs now: steps by id (a step the journal does
 * not know starts pending; the first unsettled one is made current), the candidate, the rollout's target
 * and each PPC's state. Pure.
 */
export function restoreRelease(snapshot: ReleaseSnapshot, playbook: Playbook, customers: readonly { readonly id: string; readonly name?: string | undefined }[], now: number): RestoredRelease {
  const byId = new Map(snapshot.steps.map((s) => [s.id, s]));
  const steps: StepProgress[] = playbook.steps.map((definition) => {
    const found = byId.get(definition.id);
    if (!found) return { id: definition.id, status: 'pending' };
    const { title: _title, actor: _actor, ...progress } = found;
    return progress;
  });
  // Exactly one current step, whatever the journal's last lines managed to say.
  const current = currentIndex(steps);
  steps.forEach((step, i) => {
    if (i > current && current !== -1 && step.status !== 'pending') steps[i] = { id: step.id, status: 'pending' };
  });
  const head = steps[current];
  if (head && head.status === 'pending') steps[current] = { ...head, status: 'active', startedAt: now };

  const target = snapshot.rollout.target;
  const states = new Map(snapshot.rollout.ppcs.map((p) => [p.customer, p]));
  const ppcs = customers.map((c): CustomerPpc => {
    const journalled = states.get(c.id);
    return {
      id: c.id,
      name: c.name ?? c.id,
      current: undefined,
      target,
      state: journalled?.state ?? 'pending',
      ...(journalled?.detail ? { detail: journalled.detail } : {}),
    };
  });
  return { steps, cursor: current === -1 ? Math.max(0, steps.length - 1) : current, candidateSha: snapshot.candidate?.sha, rolloutTarget: target, ppcs };
}
