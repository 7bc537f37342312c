import { shortSha } from '../domain/sha.js';
import type { CustomerPpc } from '../domain/ppc.js';
import type { PullRequest } from '../domain/pull.js';
import { SourceError } from '../domain/source.js';
import { releaseBranchName } from '../domain/weekly-playbook.js';
import type { ActionIntent, ActionOutcome } from '../journal/events.js';
import { flights, openActions, type ActionRecord, type ReleaseSnapshot } from '../journal/replay.js';
import type { EngineOptions } from './ports.js';
import { complete, retry } from '../domain/checklist.js';
import { lookAgain } from './look-again.js';
import { findRequest } from './ppc-send.js';
import { restartSeen } from './restart-lookup.js';
import { failStep, stepOfType, writeSteps } from './steps.js';

type Context = Pick<EngineOptions, 'store' | 'services' | 'config' | 'now' | 'journal' | 'lookForMs'>;

/**
 * A PPC update request to follow rather than send again (the rollout's `follow`). Without `requestId` its answer
 * never came and it has not been found yet: the rollout looks for it by its marker (or message) with backoff.
 */
export interface FollowRequest {
  readonly requestId?: number;
  readonly marker?: string;
  readonly message?: string;
  readonly customers: readonly string[];
  /** Epoch ms it was sent: it still counts against Travis's hourly budget. */
  readonly at: number;
  readonly intent?: string;
}

export interface Reconciled {
  /** Requests an earlier process sent whose customers are not settled yet. */
  readonly follow: readonly FollowRequest[];
  /** What was found, one sentence each, for the notice and the journal. */
  readonly found: readonly string[];
}

/** How long a restart whose answer never came is looked at on resume before it is left open. */
const RESTART_LOOK_MS = 5_000;

/**
 * A restarted cockpit looks at the world before acting: every action the journal left without an outcome is
 * looked up (never sent again blindly), the promotion PR is read again (merged or opened in the browser
 * meanwhile), and the PPC update requests still running are handed back to be followed. Writes what it
 * found to the journal and the store. Throws a SourceError when GitHub or Travis cannot be read; nothing
 * is decided then, and the caller tries again.
 */
export async function reconcile(ctx: Context, snapshot: ReleaseSnapshot): Promise<Reconciled> {
  const found: string[] = [];
  const outcomes = new Map<string, ActionOutcome>();
  for (const action of openActions(snapshot)) {
    const outcome = await lookUp(ctx, action);
    // Not seen yet is not "not sent": the intent stays open, the rollout keeps looking for a trigger, and the
    // next start looks at a restart again.
    if (outcome === undefined) {
      found.push(describeUnknown(action.intent));
      continue;
    }
    outcomes.set(action.id, outcome);
    ctx.journal?.record({ type: 'outcome', id: action.id, ...outcome });
    found.push(describe(action.intent, outcome));
  }
  found.push(...(await recheckPromotion(ctx, snapshot, outcomes)));

  const settled = new Set(ctx.store.getState().rollout.ppcs.filter((p) => p.state === 'done' || p.state === 'skipped').map((p) => p.id));
  const follow: FollowRequest[] = [];
  const latest = new Map<string, FollowRequest>();
  for (const flight of flights(snapshot)) {
    const outcome = outcomes.get(flight.intentId);
    if (outcome && !outcome.ok) continue;
    const requestId = flight.requestId ?? (outcome?.ok ? outcome.requestId : undefined);
    const request: FollowRequest =
      requestId !== undefined
        ? { requestId, customers: flight.customers, at: flight.at, intent: flight.intentId }
        : { customers: flight.customers, at: flight.at, intent: flight.intentId, message: flight.message, ...(flight.marker ? { marker: flight.marker } : {}) };
    for (const id of flight.customers) latest.set(id, request);
  }
  // A customer sent twice (a request re-sent after a refusal) is followed in its latest request only.
  for (const request of new Set(latest.values())) {
    const open = request.customers.filter((id) => !settled.has(id) && latest.get(id) === request);
    if (open.length > 0) follow.push(request);
  }
  settlePpcRows(ctx, latest);
  return { follow, found };
}

/**
 * The PPC rows as the journal left them, set to what the rollout can act on: one failed in a request still
 * on Travis is read from its job again (so a retry restarts that job, never sends a new request), and one shown
 * updating whose request never reached Travis goes back in line.
 */
function settlePpcRows(ctx: Context, followed: ReadonlyMap<string, FollowRequest>): void {
  const patches = ctx.store
    .getState()
    .rollout.ppcs.flatMap((p): { id: string; state: CustomerPpc['state']; detail: string }[] => {
      const request = followed.get(p.id);
      if (request && request.requestId === undefined) return [];
      if (p.state === 'failed' && request) return [{ id: p.id, state: 'updating', detail: `reading its job in Travis request ${request.requestId} again after the restart` }];
      if (p.state === 'updating' && !request) return [{ id: p.id, state: 'pending', detail: 'back in line: its update request never reached Travis' }];
      return [];
    });
  if (patches.length > 0) ctx.store.getState().ppcsUpdated(patches);
}

/** What the world says became of an action whose answer never came; undefined: not seen yet, so unknown. */
async function lookUp(ctx: Context, action: ActionRecord): Promise<ActionOutcome | undefined> {
  const { github, travis } = ctx.services;
  const { intent } = action;
  const gone = { ok: false, notSent: true, reconciled: true } as const;
  switch (intent.action) {
    case 'create-branch': {
      const head = await github.getHead(intent.branch).catch(notFoundAs(undefined));
      if (!head) return { ...gone, error: `branch ${intent.branch} does not exist` };
      return { ok: true, sha: head.sha, reconciled: true };
    }
    case 'open-pr': {
      const pull = await github.findOpenPull(intent.head, intent.base);
      return pull ? { ok: true, number: pull.number, url: pull.url, reconciled: true } : { ...gone, error: `no open pull request ${intent.head} -> ${intent.base}` };
    }
    case 'merge-pr': {
      const pull = await github.getPull(intent.number);
      if (pull.merged) return { ok: true, number: pull.number, reconciled: true, ...(pull.mergeCommitSha ? { sha: pull.mergeCommitSha } : {}) };
      return { ...gone, error: `PR #${intent.number} is ${pull.state === 'open' ? 'still open' : 'closed without merging'}` };
    }
    case 'update-branch': {
      // expected_head_sha pinned the update to `sha`: a head that moved since means it happened (or was overtaken).
      const pull = await github.getPull(intent.number);
      if (pull.headSha !== intent.sha) return { ok: true, number: pull.number, sha: pull.headSha, reconciled: true };
      return { ...gone, error: `PR #${intent.number}'s head is still ${shortSha(intent.sha)}` };
    }
    case 'trigger-ppcs': {
      const requestId = await findRequest(travis, intent.repo, { marker: intent.marker, message: intent.message }, new Set());
      return requestId === undefined ? undefined : { ok: true, requestId, reconciled: true };
    }
    case 'restart-job':
    case 'restart-ci-job': {
      if (intent.buildId === undefined) return { ...gone, error: `job ${intent.jobId}'s build is not known` };
      const buildId = intent.buildId;
      // Travis takes a restart asynchronously: a short bounded look before the intent is left open.
      const seen = await lookAgain(() => restartSeen(travis, buildId, intent.jobId, intent.finishedAt), { forMs: Math.min(ctx.lookForMs ?? RESTART_LOOK_MS, RESTART_LOOK_MS), delaysMs: [0, 1_000, 2_000] });
      return seen.kind === 'found' ? { ok: true, reconciled: true, note: seen.value } : undefined;
    }
  }
}

function notFoundAs<T>(value: T): (error: unknown) => T {
  return (error) => {
    if (error instanceof SourceError && error.kind === 'not-found') return value;
    throw error;
  };
}

function describeUnknown(intent: ActionIntent): string {
  if (intent.action === 'trigger-ppcs') return `${what(intent)}: its answer never came and Travis does not show it yet; the rollout keeps looking for it`;
  return `${what(intent)}: its answer never came and the job still shows its failed run; unknown whether it took effect`;
}

function what(intent: ActionIntent): string {
  return (
    intent.action === 'create-branch' ? `creating ${intent.branch}`
    : intent.action === 'open-pr' ? `opening ${intent.head} -> ${intent.base}`
    : intent.action === 'merge-pr' ? `merging PR #${intent.number}`
    : intent.action === 'update-branch' ? `updating PR #${intent.number}'s branch`
    : intent.action === 'trigger-ppcs' ? `the update request for ${intent.customers.join(', ')}`
    : intent.action === 'restart-ci-job' ? `restarting CI job ${intent.job}`
    : `restarting job ${intent.jobId} (${intent.customer})`);
}

function describe(intent: ActionIntent, outcome: ActionOutcome): string {
  const doing = what(intent);
  if (!outcome.ok) return `${doing} had not happened (${outcome.error})`;
  if (intent.action === 'merge-pr') return `${doing} had happened${outcome.sha ? ` as ${shortSha(outcome.sha)}` : ''}`;
  const detail = outcome.requestId !== undefined ? `: Travis request ${outcome.requestId}` : outcome.number !== undefined ? `: PR #${outcome.number}` : '';
  return `${doing} had happened${detail}`;
}

/**
 * The promotion PR as GitHub has it now: merged in the browser (the merge step completes with the real merge
 * sha), opened in the browser (reused), or still as the journal left it. Action steps left running by the
 * stopped process are settled here, or failed with why, so `r` tries them again.
 */
async function recheckPromotion(ctx: Context, snapshot: ReleaseSnapshot, outcomes: ReadonlyMap<string, ActionOutcome>): Promise<string[]> {
  const { store } = ctx;
  const { github } = ctx.services;
  const found: string[] = [];
  const number = snapshot.pull?.number ?? [...outcomes.values()].flatMap((o) => (o.ok && o.number !== undefined ? [o.number] : []))[0];
  const candidate = store.getState().promotion.candidateSha;
  let pull: PullRequest | null = number !== undefined ? await github.getPull(number) : null;
  if (!pull && candidate && isUnsettled(ctx, 'open-promotion-pr')) pull = await findOpenedMeanwhile(ctx, candidate, snapshot.openedAt);
  if (pull) store.getState().promotionRead({ pull, ...(pull.merged && pull.mergeCommitSha ? { mergeSha: pull.mergeCommitSha } : {}) });

  const openStep = stepOfType(store, 'open-promotion-pr');
  if (pull && openStep && isUnsettled(ctx, 'open-promotion-pr')) {
    const reused = number === undefined;
    completeFound(ctx, openStep.id, `PR #${pull.number} ${reused ? 'was already open' : 'opened'}: ${pull.headRef} -> ${pull.baseRef}`, ctx.now());
    if (reused) found.push(`PR #${pull.number} was opened meanwhile and is reused`);
  }
  const mergeStep = stepOfType(store, 'merge-promotion-pr');
  if (pull?.merged && mergeStep && isUnsettled(ctx, 'merge-promotion-pr')) {
    const sha = pull.mergeCommitSha;
    completeFound(ctx, mergeStep.id, `PR #${pull.number} merged${sha ? ` as ${shortSha(sha)}` : ''}`, ctx.now());
    // A merge the journal meant to do was reported with its intent above; this one was done by hand.
    if (!snapshot.actions.some((a) => a.intent.action === 'merge-pr' && (a.outcome === undefined || a.outcome.ok || a.outcome.unknown === true))) {
      found.push(`PR #${pull.number} is merged${sha ? ` as ${shortSha(sha)}` : ''} (merged outside the cockpit)`);
    }
  }
  // Still running: the stopped process was in the middle of it and nothing came of it.
  for (const [type, doing] of [
    ['open-promotion-pr', 'opening the pull request'],
    ['merge-promotion-pr', 'merging'],
  ] as const) {
    const step = stepOfType(store, type);
    const progress = step && store.getState().checklist.steps.find((s) => s.id === step.id);
    if (step && progress?.status === 'running') failStep(store, step.id, `the cockpit stopped while ${doing} and it did not happen; press r to try again`, ctx.now());
  }
  return found;
}

/** Completes the current step with what was found, whether it was waiting, running or failed. */
function completeFound(ctx: Context, stepId: string, outcome: string, now: number): void {
  const steps = ctx.store.getState().checklist.steps;
  const reopened = steps.find((s) => s.id === stepId)?.status === 'failed' ? retry(steps, stepId, now) : { ok: true as const, steps };
  if (!reopened.ok) return;
  const done = complete(reopened.steps, stepId, outcome, now);
  if (done.ok) writeSteps(ctx.store, done.steps, 'stepCompleted');
}

function isUnsettled(ctx: Context, type: Parameters<typeof stepOfType>[1]): boolean {
  const step = stepOfType(ctx.store, type);
  const progress = step && ctx.store.getState().checklist.steps.find((s) => s.id === step.id);
  return progress !== undefined && progress.status !== 'done' && progress.status !== 'skipped';
}

/** A PR for the candidate opened outside the cockpit: from the release branch, or from the source branch itself. */
async function findOpenedMeanwhile(ctx: Context, candidate: string, openedAt: number): Promise<PullRequest | null> {
  const { from, to } = ctx.store.getState().checklist.playbook;
  const source = ctx.config.environments.find((e) => e.name === from)?.branch;
  const target = ctx.config.environments.find((e) => e.name === to)?.branch;
  if (!source || !target) return null;
  const zone = ctx.store.getState().meta.timezone;
  const heads = [...new Set([releaseBranchName(candidate, ctx.now(), zone), releaseBranchName(candidate, openedAt, zone), source])];
  for (const head of heads) {
    const pull = await ctx.services.github.findOpenPull(head, target);
    if (pull && pull.headSha === candidate) return pull;
  }
  return null;
}
