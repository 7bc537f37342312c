import { reopen } from '../domain/checklist.js';
import { headline } from '../domain/commit.js';
import { movedHeadText } from '../domain/pull-gates.js';
import { shortSha } from '../domain/sha.js';
import type { PullRequest } from '../domain/pull.js';
import { SourceError } from '../domain/source.js';
import { releaseBranchName, releaseDate } from '../domain/weekly-playbook.js';
import { mergeMethodFor } from './merge-method.js';
import type { EngineOptions } from './ports.js';
import { beginStep, completeStep, errorText, failStep, stepOfType, writeSteps } from './steps.js';
import { notFoundAs, settleUnknown, writeOnce, type LookedUp } from './write-once.js';

type Context = Pick<EngineOptions, 'store' | 'services' | 'config' | 'now' | 'refresh' | 'journal'>;

/** The branches the playbook promotes between, from the config's environments. */
function branches(ctx: Context): { from: string; to: string } | string {
  const { from, to } = ctx.store.getState().checklist.playbook;
  const source = ctx.config.environments.find((e) => e.name === from);
  const target = ctx.config.environments.find((e) => e.name === to);
  if (!source || !target) return `the config has no environment named "${source ? to : from}"`;
  return { from: source.branch, to: target.branch };
}

/** Runs a step's work: marks it running, and turns any failure into the step's reason and a notice. */
async function runStep(ctx: Context, stepId: string | undefined, work: (stepId: string) => Promise<string>): Promise<void> {
  const { store } = ctx;
  if (!stepId) return;
  const refused = beginStep(store, stepId, ctx.now());
  if (refused) {
    store.getState().setNotice({ text: `Nothing done: ${refused}`, tone: 'warning' });
    return;
  }
  try {
    const outcome = await work(stepId);
    completeStep(store, stepId, outcome, ctx.now());
    store.getState().setNotice({ text: outcome, tone: 'success' });
  } catch (error) {
    if (error instanceof HeadMoved) return backToTheWait(ctx, stepId, error);
    const reason = errorText(error);
    failStep(store, stepId, reason, ctx.now());
    store.getState().setNotice({ text: reason, tone: 'error' });
  }
}

function pullBody(ctx: Context, sha: string, from: string, to: string): string {
  const state = ctx.store.getState();
  const rows = state.candidates.status === 'loading' ? [] : (state.candidates.data ?? []);
  const row = rows.find((r) => r.commit.sha === sha);
  const diff = state.diffs.find((d) => d.from === state.checklist.playbook.from && d.to === state.checklist.playbook.to);
  const lines = [`Promotes ${sha}${row ? ` (${headline(row.commit.message)})` : ''} from ${from} to ${to}.`, ''];
  if (diff) {
    lines.push(`- ${diff.aheadBy} commit${diff.aheadBy === 1 ? '' : 's'} that ${to} does not have yet`);
    if (diff.ppc.changed) lines.push(`- PPC revision ${shortSha(diff.ppc.to ?? '')} -> ${shortSha(diff.ppc.from ?? '')}`);
    if (diff.sdk.changed) lines.push(`- SDK ${diff.sdk.to} -> ${diff.sdk.from}`);
    lines.push('');
  }
  lines.push(`Opened by release-cockpit for the ${state.checklist.playbook.label.toLowerCase()}.`);
  return lines.join('\n');
}

/**
 * Opens the promotion PR for `sha`, idempotently: through `from` itself when `sha` is its head right now, else
 * through a release branch created at `sha`; an open PR with the same head and base is reused.
 */
export async function openPromotionPr(ctx: Context, sha: string): Promise<void> {
  const { github } = ctx.services;
  await runStep(ctx, stepOfType(ctx.store, 'open-promotion-pr')?.id, async () => {
    const pair = branches(ctx);
    if (typeof pair === 'string') throw new Error(pair);
    // Read the head fresh: a PR from the branch itself would carry anything pushed since the list was read.
    const head = await github.getHead(pair.from);
    let headBranch = pair.from;
    if (head.sha !== sha) {
      const branch = releaseBranchName(sha, ctx.now(), ctx.store.getState().meta.timezone);
      headBranch = branch;
      await writeOnce({
        journal: ctx.journal,
        owner: ctx.store,
        intent: { action: 'create-branch', branch, sha },
        key: `create-branch ${branch} ${sha}`,
        doing: `creating branch ${branch} at ${shortSha(sha)}`,
        send: () => github.createBranch(branch, sha),
        // The ref is unique: there at the candidate, the branch was created.
        lookUp: async (): Promise<LookedUp<'created' | 'exists'>> => {
          const at = await github.getHead(branch).catch(notFoundAs(undefined));
          if (at?.sha === sha) return { found: 'created' };
          return { absent: at ? `branch ${branch} is at ${shortSha(at.sha)}` : `branch ${branch} does not exist` };
        },
        outcome: (how) => ({ ok: true, sha, note: how }),
      });
    }
    const existing = await github.findOpenPull(headBranch, pair.to);
    const key = `open-pr ${headBranch} ${pair.to}`;
    if (existing) settleUnknown(ctx.store, ctx.journal, key, { ok: true, number: existing.number, url: existing.url, reconciled: true });
    else settleUnknown(ctx.store, ctx.journal, key, { ok: false, error: `no open pull request ${headBranch} -> ${pair.to}`, notSent: true, reconciled: true });
    const pull = existing ?? (await createOrFind(ctx, headBranch, pair.to, sha, pair.from));
    ctx.store.getState().pullOpened(sha, pull);
    ctx.refresh?.('promotion');
    return `PR #${pull.number} ${existing ? 'was already open' : 'opened'}: ${headBranch} -> ${pair.to}`;
  });
}

async function createOrFind(ctx: Context, head: string, base: string, sha: string, from: string): Promise<PullRequest> {
  const { github } = ctx.services;
  const title = `Release ${releaseDate(ctx.now(), ctx.store.getState().meta.timezone)}: ${from} -> ${base} at ${shortSha(sha)}`;
  try {
    return await writeOnce({
      journal: ctx.journal,
      owner: ctx.store,
      intent: { action: 'open-pr', head, base, sha },
      key: `open-pr ${head} ${base}`,
      doing: `opening the pull request ${head} -> ${base}`,
      send: () => github.createPull({ head, base, title, body: pullBody(ctx, sha, from, base) }),
      // GitHub allows one open pull request per head and base.
      lookUp: async (): Promise<LookedUp<PullRequest>> => {
        const found = await github.findOpenPull(head, base);
        return found ? { found } : { absent: `no open pull request ${head} -> ${base}` };
      },
      outcome: (pull) => ({ ok: true, number: pull.number, url: pull.url }),
    });
  } catch (error) {
    // Someone (or an earlier attempt whose answer was lost) opened it meanwhile.
    if (error instanceof SourceError && error.kind === 'conflict') {
      const found = await github.findOpenPull(head, base);
      if (found) return found;
    }
    throw error;
  }
}

/** The pull request's head is not the one its checks passed on: nothing is merged, and the release waits again. */
class HeadMoved extends Error {
  constructor(
    readonly pull: PullRequest,
    readonly tested: string,
  ) {
    super(`PR #${pull.number}'s head moved from ${shortSha(tested)} to ${shortSha(pull.headSha)}`);
  }
}

/**
 * Not merged because the head moved: the pull request as it is now goes into the store, and the gate that held
 * for the old head (its CI, its approval) opens again, the merge step with it. Without such a gate in the
 * playbook the merge step itself waits again.
 */
function backToTheWait(ctx: Context, mergeStepId: string, moved: HeadMoved): void {
  const { store } = ctx;
  store.getState().headMoved(moved.pull);
  const state = store.getState();
  const { steps } = state.checklist;
  const pinned = steps.find((s) => s.status === 'done' && s.sha === moved.tested);
  const reason = `not merged: ${movedHeadText(state, moved.tested)}`;
  const result = reopen(steps, pinned?.id ?? mergeStepId, ctx.now(), reason);
  if (result.ok) writeSteps(store, result.steps, 'stepReopened');
  store.getState().setNotice({ text: `PR #${moved.pull.number} ${reason}; waiting for its checks again`, tone: 'warning' });
}

/**
 * Merges the promotion PR at exactly `sha`, the head its checks passed on: GitHub refuses (409) if the head moved,
 * branch protection or not, and a head seen to have moved is not even asked. Recognises a PR that is already
 * merged, including one merged by a call whose answer was lost.
 */
export async function mergePromotionPr(ctx: Context, number: number, sha: string): Promise<void> {
  const { github } = ctx.services;
  await runStep(ctx, stepOfType(ctx.store, 'merge-promotion-pr')?.id, async () => {
    const key = `merge-pr ${number}`;
    // Read first: merged already (by hand, or by an attempt whose answer was lost) or closed, nothing is sent, and
    // an earlier attempt left unknown is settled by what this read shows.
    const pull = await github.getPull(number);
    if (pull.merged) {
      settleUnknown(ctx.store, ctx.journal, key, { ok: true, number, reconciled: true, ...(pull.mergeCommitSha ? { sha: pull.mergeCommitSha } : {}) });
      return recordMerge(ctx, pull, pull.mergeCommitSha, 'already');
    }
    settleUnknown(ctx.store, ctx.journal, key, { ok: false, error: `PR #${number} is ${pull.state === 'open' ? 'still open, not merged' : 'closed without merging'}`, notSent: true, reconciled: true });
    if (pull.state === 'closed') throw new Error(`PR #${number} was closed without merging; open a new one`);
    // A head seen to have moved since its checks passed is not even asked for.
    if (pull.headSha !== sha) throw new HeadMoved(pull, sha);
    // Before anything is sent: a method the repository forbids would only earn a 405.
    const method = await mergeMethodFor(ctx);
    let lost = false;
    const merged = await writeOnce({
      journal: ctx.journal,
      owner: ctx.store,
      intent: { action: 'merge-pr', number, sha, method },
      key,
      doing: `merging PR #${number}`,
      send: () => github.mergePull(number, { sha, method }),
      // isMerged is the proof either way; the pull request then names the merge commit.
      lookUp: async (): Promise<LookedUp<{ sha: string }>> => {
        lost = true;
        if (!(await github.isMerged(number))) return { absent: `GitHub says PR #${number} is not merged` };
        return { found: { sha: (await github.getPull(number)).mergeCommitSha ?? '' } };
      },
      outcome: mergeOutcome(number),
    }).catch(async (error: unknown) => {
      // 409: the head moved between our read and GitHub's merge (journalled as not sent). Back to the wait,
      // never a second attempt.
      if (error instanceof SourceError && error.status === 409) {
        const now = await github.getPull(number);
        if (now.headSha !== sha) throw new HeadMoved(now, sha);
      }
      throw error;
    });
    return recordMerge(ctx, await github.getPull(number).catch(() => pull), merged.sha || null, lost ? 'found' : 'merged');
  });
}

const mergeOutcome = (number: number) => (merged: { sha: string }) => ({ ok: true as const, number, ...(merged.sha ? { sha: merged.sha } : {}) });

function recordMerge(ctx: Context, pull: PullRequest, sha: string | null, how: 'merged' | 'already' | 'found'): string {
  const mergeSha = sha ?? pull.mergeCommitSha ?? undefined;
  ctx.store.getState().prMerged({ ...pull, merged: true, state: 'closed', mergeCommitSha: mergeSha ?? null }, mergeSha);
  ctx.refresh?.('promotion');
  const as = mergeSha ? ` as ${shortSha(mergeSha)}` : '';
  if (how === 'found') return `PR #${pull.number} merged${as} (its answer was lost; GitHub shows the merge)`;
  return how === 'already' ? `PR #${pull.number} was already merged${as}` : `PR #${pull.number} merged${as}`;
}
