import type { StepProgress } from '../domain/playbook.js';
import type { PpcState } from '../domain/ppc.js';
import type { ActionIntent, ActionOutcome, BuildNote, JournalEvent, PlaybookOutline } from './events.js';

// The journal -> the release as it stood at its last line. Pure: no I/O, no clock.

export interface StepRecord extends StepProgress {
  readonly title: string;
  /** Who made its last transition. */
  readonly actor?: string;
}

export interface ActionRecord {
  readonly id: string;
  readonly intent: ActionIntent;
  /** Epoch ms of the intent. */
  readonly at: number;
  readonly actor: string;
  readonly outcome?: ActionOutcome & { readonly at: number };
}

export interface PpcRecord {
  readonly customer: string;
  readonly state: PpcState;
  readonly detail?: string;
  readonly at: number;
}

export interface DriverRecord {
  readonly actor: string;
  readonly host: string;
  readonly pid: number;
  readonly at: number;
  readonly resumed: boolean;
  readonly tookOverFrom?: string;
}

type ComponentsEvent = Extract<JournalEvent, { type: 'components' }>;

export interface ReleaseSnapshot {
  readonly id: string;
  readonly name: string;
  readonly repo: string;
  readonly playbook: PlaybookOutline;
  readonly demo: boolean;
  readonly openedAt: number;
  readonly openedBy: string;
  /** In playbook order. */
  readonly steps: readonly StepRecord[];
  readonly candidate?: { readonly sha: string; readonly headline?: string; readonly at: number; readonly actor: string };
  readonly components?: Pick<ComponentsEvent, 'service' | 'ppc' | 'sdk'>;
  readonly pull?: { readonly number: number; readonly url: string; readonly head: string; readonly base: string; readonly headSha: string; readonly title?: string };
  readonly merge?: { readonly number: number; readonly sha: string; readonly at: number };
  /** The approval the hotfix was merged on (the latest one journalled). */
  readonly approval?: { readonly number: number; readonly by: string; readonly sha: string; readonly reviewId: number; readonly submittedAt?: string; readonly at: number };
  readonly builds: { readonly pr?: BuildNote; readonly deploy?: BuildNote };
  readonly rollout: { readonly target?: string; readonly startedAt?: number; readonly ppcs: readonly PpcRecord[] };
  /** Every action in the order its intent was written. */
  readonly actions: readonly ActionRecord[];
  readonly drivers: readonly DriverRecord[];
  readonly notes: readonly { readonly at: number; readonly text: string }[];
  /** Epoch ms of the last line. */
  readonly lastAt: number;
  /** When every step was done or skipped, if it is. */
  readonly completedAt?: number;
}

const settled = (status: StepProgress['status']) => status === 'done' || status === 'skipped';

/** The release the events describe, or undefined when they do not start with a `release` line. */
export function replay(events: readonly JournalEvent[]): ReleaseSnapshot | undefined {
  const first = events.find((e) => e.type === 'release');
  if (!first || first.type !== 'release') return undefined;
  const openedAt = Date.parse(first.at);
  const steps = new Map<string, StepRecord>(
    first.playbook.steps.map((s, i) => [s.id, { id: s.id, title: s.title, status: i === 0 ? 'active' : 'pending', ...(i === 0 ? { startedAt: openedAt } : {}) }]),
  );
  let snapshot: Omit<ReleaseSnapshot, 'steps' | 'rollout' | 'actions' | 'drivers' | 'notes' | 'completedAt'> = {
    id: first.id,
    name: first.name,
    repo: first.repo,
    playbook: first.playbook,
    demo: first.demo ?? false,
    openedAt,
    openedBy: first.actor,
    builds: {},
    lastAt: openedAt,
  };
  let target: string | undefined;
  let rolloutStartedAt: number | undefined;
  const ppcs = new Map<string, PpcRecord>();
  const actions = new Map<string, ActionRecord>();
  const drivers: DriverRecord[] = [];
  const notes: { at: number; text: string }[] = [];

  for (const event of events.slice(events.indexOf(first) + 1)) {
    const at = Date.parse(event.at);
    snapshot = { ...snapshot, lastAt: Math.max(snapshot.lastAt, at) };
    switch (event.type) {
      case 'step': {
        const before = steps.get(event.step);
        if (!before) break;
        const { reason, outcome, startedAt, finishedAt, sha } = event;
        steps.set(event.step, {
          id: before.id,
          title: before.title,
          status: event.status,
          actor: event.actor,
          // Every step line carries the step's whole progress; only the first step's start comes from the release line.
          ...((startedAt ?? before.startedAt) !== undefined ? { startedAt: startedAt ?? before.startedAt } : {}),
          ...(finishedAt !== undefined ? { finishedAt } : {}),
          ...(reason !== undefined ? { reason } : {}),
          ...(outcome !== undefined ? { outcome } : {}),
          ...(sha !== undefined ? { sha } : {}),
        });
        break;
      }
      case 'candidate':
        snapshot = { ...snapshot, candidate: { sha: event.sha, ...(event.headline ? { headline: event.headline } : {}), at, actor: event.actor } };
        break;
      case 'components':
        snapshot = { ...snapshot, components: { service: event.service, ...(event.ppc ? { ppc: event.ppc } : {}), ...(event.sdk ? { sdk: event.sdk } : {}) } };
        break;
      case 'pull':
        snapshot = { ...snapshot, pull: { number: event.number, url: event.url, head: event.head, base: event.base, headSha: event.headSha, ...(event.title ? { title: event.title } : {}) } };
        break;
      case 'merged':
        snapshot = { ...snapshot, merge: { number: event.number, sha: event.sha, at } };
        break;
      case 'approval': {
        const { type: _t, at: _a, actor: _actor, ...approval } = event;
        snapshot = { ...snapshot, approval: { ...approval, at } };
        break;
      }
      case 'build': {
        const { type: _t, at: _a, actor: _actor, ...build } = event;
        snapshot = { ...snapshot, builds: { ...snapshot.builds, [event.role]: build } };
        break;
      }
      case 'rollout':
        target = event.target;
        rolloutStartedAt ??= at;
        break;
      case 'ppc':
        ppcs.set(event.customer, { customer: event.customer, state: event.state, ...(event.detail ? { detail: event.detail } : {}), at });
        break;
      case 'intent': {
        const { type: _t, at: _a, actor, id, ...intent } = event;
        actions.set(id, { id, intent: intent as ActionIntent, at, actor });
        break;
      }
      case 'outcome': {
        const { type: _t, at: _a, actor: _actor, id, ...outcome } = event;
        const action = actions.get(id);
        // A later outcome for the same intent adds to the first (the rollout writes each customer's result
        // once its request is over); what the first said, like the request id, stays.
        if (action) actions.set(id, { ...action, outcome: { ...(action.outcome ?? {}), ...(outcome as ActionOutcome), at } as ActionOutcome & { at: number } });
        break;
      }
      case 'driver':
        drivers.push({ actor: event.actor, host: event.host, pid: event.pid, at, resumed: event.resumed, ...(event.tookOverFrom ? { tookOverFrom: event.tookOverFrom } : {}) });
        break;
      case 'note':
        notes.push({ at, text: event.text });
        break;
      case 'release':
        break;
    }
  }

  const stepList = [...steps.values()];
  const done = stepList.length > 0 && stepList.every((s) => settled(s.status));
  const completedAt = done ? Math.max(...stepList.map((s) => s.finishedAt ?? 0)) : undefined;
  return {
    ...snapshot,
    steps: stepList,
    rollout: { ...(target ? { target } : {}), ...(rolloutStartedAt !== undefined ? { startedAt: rolloutStartedAt } : {}), ppcs: [...ppcs.values()] },
    actions: [...actions.values()],
    drivers,
    notes,
    ...(completedAt !== undefined ? { completedAt } : {}),
  };
}

/**
 * Actions whose intent was written but whose outcome never was, or was written as unknown and not settled since:
 * they must be looked up, not sent again.
 */
export function openActions(snapshot: ReleaseSnapshot): readonly ActionRecord[] {
  return snapshot.actions.filter((a) => a.outcome === undefined || (!a.outcome.ok && a.outcome.unknown === true && a.outcome.reconciled !== true));
}

/** A PPC update request the release sent (or may have sent), with the customers it carried. */
export interface FlightRecord {
  readonly intentId: string;
  readonly customers: readonly string[];
  readonly target: string;
  readonly message: string;
  /** The request's COCKPIT_BATCH marker (absent in journals from before markers). */
  readonly marker?: string;
  /** Known once Travis answered; undefined while the outcome is unknown. */
  readonly requestId?: number;
  readonly at: number;
}

/**
 * Update requests that Travis accepted or may have accepted, newest last. A customer appears in the flights
 * of every request sent for it (a re-request after a failed one); the latest one is what counts.
 */
export function flights(snapshot: ReleaseSnapshot): readonly FlightRecord[] {
  const out: FlightRecord[] = [];
  for (const action of snapshot.actions) {
    if (action.intent.action !== 'trigger-ppcs') continue;
    const { outcome } = action;
    if (outcome && !outcome.ok) continue;
    const { customers, target, message, marker } = action.intent;
    out.push({ intentId: action.id, customers, target, message, at: action.at, ...(marker ? { marker } : {}), ...(outcome?.ok && outcome.requestId !== undefined ? { requestId: outcome.requestId } : {}) });
  }
  return out;
}

/** How long each done step took (ms), by step id: what "usually takes" is made of. */
export function stepDurations(snapshot: ReleaseSnapshot): ReadonlyMap<string, number> {
  const out = new Map<string, number>();
  for (const step of snapshot.steps) {
    if (step.status !== 'done' || step.startedAt === undefined || step.finishedAt === undefined) continue;
    out.set(step.id, Math.max(0, step.finishedAt - step.startedAt));
  }
  return out;
}

/** The index of the step the release is at, -1 when complete. */
export function currentStepIndex(snapshot: ReleaseSnapshot): number {
  return snapshot.steps.findIndex((s) => !settled(s.status));
}
