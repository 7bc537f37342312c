import { headline } from './commit.js';
import { failed, met, waiting } from './condition.js';
import { versionMatches } from './environment.js';
import type { GateCondition, StepDefinition } from './playbook.js';
import { tallyPpcs } from './ppc-tally.js';
import { environmentNamed, type ReleaseView } from './release-view.js';
import { sameRevision, shortSha } from './sha.js';

export function reviewCondition(state: ReleaseView): GateCondition {
  const { from, to } = state.checklist.playbook;
  const diff = state.diffs.find((d) => d.from === from && d.to === to);
  if (!diff) return waiting(`reading what ${from} has that ${to} lacks`);
  const parts = [`${from} is ${diff.aheadBy} commit${diff.aheadBy === 1 ? '' : 's'} ahead of ${to}`];
  // The upper environment moves from `to` to `from` (see environmentDiff).
  if (diff.ppc.changed) parts.push(`PPC ${shortSha(diff.ppc.to ?? '')} -> ${shortSha(diff.ppc.from ?? '')}`);
  if (diff.sdk.changed) parts.push(`SDK ${diff.sdk.to} -> ${diff.sdk.from}`);
  return waiting(parts.join('; '));
}

export function chooseCondition(state: ReleaseView): GateCondition {
  const chosen = state.promotion.candidateSha;
  if (chosen) return met(`chosen: ${shortSha(chosen)}`);
  const { candidates } = state;
  if (candidates.status === 'loading') return waiting(`reading ${state.checklist.playbook.from}'s recent commits`);
  const rows = candidates.data ?? [];
  const green = rows.find((r) => r.isLatestGreen);
  const { from, to } = state.checklist.playbook;
  if (rows.length === 0) return waiting(`nothing to promote: ${to} already has ${from}'s head`);
  if (!green) return waiting(`no green commit among the ${rows.length} on ${from} that ${to} lacks`);
  return waiting(`latest green: ${shortSha(green.commit.sha)} ${headline(green.commit.message)}`.trimEnd());
}

export function verifyCondition(state: ReleaseView): GateCondition {
  const to = state.checklist.playbook.to;
  const merged = state.promotion.mergedSha;
  if (!merged) return waiting('nothing merged yet');
  const expected = [merged, state.promotion.candidateSha].filter((s): s is string => s !== undefined);
  const env = environmentNamed(state, to);
  if (!env) return waiting(state.environments.status === 'loading' ? `reading ${to}'s site` : `no environment named ${to}`);
  const { version, healthy, detail } = env.site;
  if (!version) return waiting(`${to}'s version is unreadable${detail ? ` (${detail})` : ''}`);
  const shown = version.length > 7 ? shortSha(version) : version;
  if (!expected.some((sha) => versionMatches(version, sha))) return waiting(`${to} still serves ${shown}`);
  if (!healthy) return waiting(`${to} serves ${shown} but is unhealthy${detail ? `: ${detail}` : ''}`);
  return met(`${to} serves ${shown} (healthy)`);
}

/**
 * The PPC revision the customers move to: the rollout's own target once set, else the revision pinned at the
 * released commit, read from the upper environment only once its head is that commit (an older head would
 * name the old revision, and every PPC would look done already).
 */
export function targetRevision(state: ReleaseView): string | undefined {
  if (state.rollout.target) return state.rollout.target;
  const released = [state.promotion.mergedSha, state.promotion.candidateSha].filter((s): s is string => s !== undefined);
  const env = environmentNamed(state, state.checklist.playbook.to);
  if (!env || !released.some((sha) => sameRevision(env.head.sha, sha))) return undefined;
  return env.components.ppcRevision;
}

export function ppcCondition(state: ReleaseView): GateCondition {
  const { ppcs } = state.rollout;
  const target = targetRevision(state);
  if (ppcs.length === 0) return met('no customer PPCs configured');
  if (!target) return waiting('target PPC revision not known yet');
  const t = tallyPpcs(ppcs, target, (ppc) => sameRevision(ppc.current, target));
  const rev = shortSha(target);
  const total = ppcs.length;
  const head = t.atTarget === total ? `all ${total} PPCs at ${rev}` : `${t.atTarget} of ${total} PPCs at ${rev}`;
  const failedIds = t.failed === 1 ? ` (${t.firstFailed})` : t.failed > 1 ? ` (${t.firstFailed} and ${t.failed - 1} more)` : '';
  const tail = `${t.failed > 0 ? `; ${t.failed} failed${failedIds}` : ''}${t.skipped > 0 ? `; ${t.skipped} skipped` : ''}`;
  if (t.failed > 0) return failed(head + tail);
  return t.atTarget + t.skipped === total ? met(head + tail) : waiting(head + tail);
}

export function completeCondition(step: StepDefinition, state: ReleaseView): GateCondition {
  const others = state.checklist.steps.filter((s) => s.id !== step.id);
  const open = others.filter((s) => s.status !== 'done' && s.status !== 'skipped').length;
  if (open > 0) return waiting(`${open} step${open === 1 ? '' : 's'} to go`);
  const skipped = others.filter((s) => s.status === 'skipped').length;
  return met(skipped > 0 ? `every step done (${skipped} skipped)` : 'every step done');
}

