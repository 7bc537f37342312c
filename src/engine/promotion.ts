import { headline } from '../domain/commit.js';
import { shortSha } from '../domain/gates.js';
import type { PullRequest } from '../domain/pull.js';
import { SourceError } from '../domain/source.js';
import { releaseBranchName, releaseDate } from '../domain/weekly-playbook.js';
import { journalled } from './journalled.js';
import { mergeMethodFor } from './merge-method.js';
import type { EngineOptions } from './ports.js';
import { beginStep, completeStep, errorText, failStep, stepOfType } from './steps.js';

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
      await journalled(ctx.journal, { action: 'create-branch', branch, sha }, () => github.createBranch(branch, sha), (how) => ({ ok: true, sha, note: how }));
    }
    const existing = await github.findOpenPull(headBranch, pair.to);
    const pull = existing ?? (await createOrFind(ctx, headBranch, pair.to, sha, pair.from));
    const before = ctx.store.getState().promotion;
    ctx.store.getState().setPromotion({
      candidateSha: sha,
      pull,
      // A different PR's build says nothing about this one.
      ...(before.pull?.number === pull.number ? {} : { prBuild: null }),
    });
    ctx.refresh?.('promotion');
    return `PR #${pull.number} ${existing ? 'was already open' : 'opened'}: ${headBranch} -> ${pair.to}`;
  });
}

async function createOrFind(ctx: Context, head: string, base: string, sha: string, from: string): Promise<PullRequest> {
  const { github } = ctx.services;
  const title = `Release ${releaseDate(ctx.now(), ctx.store.getState().meta.timezone)}: ${from} -> ${base} at ${shortSha(sha)}`;
  try {
    return await journalled(
      ctx.journal,
      { action: 'open-pr', head, base, sha },
      () => github.createPull({ head, base, title, body: pullBody(ctx, sha, from, base) }),
      (pull) => ({ ok: true, number: pull.number, url: pull.url }),
    );
  } catch (error) {
    // Someone (or an earlier attempt whose answer was lost) opened it meanwhile.
    if (error instanceof SourceError && error.kind === 'conflict') {
      const found = await github.findOpenPull(head, base);
      if (found) return found;
    }
    throw error;
  }
}

/**
 * Merges the promotion PR at exactly `sha` (GitHub refuses if the head moved), and recognises a PR that is
 * already merged, including one merged by a call whose answer was lost.
 */
export async function mergePromotionPr(ctx: Context, number: number, sha: string): Promise<void> {
  const { github } = ctx.services;
  await runStep(ctx, stepOfType(ctx.store, 'merge-promotion-pr')?.id, async () => {
    const pull = await github.getPull(number);
    if (pull.merged) return recordMerge(ctx, pull, pull.mergeCommitSha, true);
    if (pull.state === 'closed') throw new Error(`PR #${number} was closed without merging; open a new one`);
    // Before anything is sent: a method the repository forbids would only earn a 405.
    const method = await mergeMethodFor(ctx);
    const intent = ctx.journal?.record({ type: 'intent', action: 'merge-pr', number, sha, method });
    try {
      const merged = await github.mergePull(number, { sha, method });
      if (intent) ctx.journal?.record({ type: 'outcome', id: intent, ok: true, number, sha: merged.sha });
      return recordMerge(ctx, await github.getPull(number).catch(() => pull), merged.sha, false);
    } catch (error) {
      if (error instanceof SourceError && error.kind === 'conflict') {
        if (intent) ctx.journal?.record({ type: 'outcome', id: intent, ok: false, error: errorText(error), notSent: true });
        throw error;
      }
      // The answer was lost, not necessarily the merge: look before anyone tries again.
      if (await github.isMerged(number).catch(() => false)) {
        const found = await github.getPull(number);
        if (intent) ctx.journal?.record({ type: 'outcome', id: intent, ok: true, number, reconciled: true, ...(found.mergeCommitSha ? { sha: found.mergeCommitSha } : {}) });
        return recordMerge(ctx, found, null, true);
      }
      throw error;
    }
  });
}

function recordMerge(ctx: Context, pull: PullRequest, sha: string | null, wasMerged: boolean): string {
  const mergeSha = sha ?? pull.mergeCommitSha ?? undefined;
  ctx.store.getState().setPromotion({ pull: { ...pull, merged: true, state: 'closed', mergeCommitSha: mergeSha ?? null }, mergeSha });
  ctx.refresh?.('promotion');
  const as = mergeSha ? ` as ${shortSha(mergeSha)}` : '';
  return wasMerged ? `PR #${pull.number} was already merged${as}` : `PR #${pull.number} merged${as}`;
}
