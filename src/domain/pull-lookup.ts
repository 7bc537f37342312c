import type { Playbook } from './playbook.js';
import type { PullRequest } from './pull.js';

/** Which pull request a playbook's PR steps act on, as the promotion poller looks for it. */
export type PullLookup =
  /** The one the cockpit opens: from the source branch itself or a release/ branch cut at the candidate. */
  | { readonly kind: 'promotion' }
  /** The newest source -> target pull request opened since `since` (epoch ms), open or not: the nightly job's. */
  | { readonly kind: 'nightly'; readonly since: number }
  /** The newest open pull request into the target that is not a promotion: a fix from its own branch. */
  | { readonly kind: 'hotfix' };

/** A nightly job that ran a little early still opened last night's pull request. */
export const NIGHTLY_EARLY_MS = 60 * 60_000;

/** Whether a PR's head branch makes it a promotion: the source branch itself, or a release branch cut at a candidate. */
export function isPromotionHead(headRef: string, source: string): boolean {
  return headRef === source || headRef.startsWith('release/');
}

/** How the playbook finds its pull request; `lastNightly` is the latest nightly window already passed. */
export function pullLookupOf(playbook: Playbook, lastNightly: number | undefined): PullLookup {
  const types = new Set(playbook.steps.map((s) => s.type));
  if (types.has('find-nightly-pr')) return { kind: 'nightly', since: (lastNightly ?? 0) - NIGHTLY_EARLY_MS };
  if (types.has('find-hotfix-pr')) return { kind: 'hotfix' };
  return { kind: 'promotion' };
}

/** The pull request `lookup` means among `pulls` (newest first, as GitHub lists them), or null. */
export function pickPull(pulls: readonly PullRequest[], lookup: PullLookup, sourceBranch: string): PullRequest | null {
  const found = pulls.find((p) => {
    switch (lookup.kind) {
      case 'promotion':
        return p.state === 'open' && isPromotionHead(p.headRef, sourceBranch);
      case 'nightly':
        return p.headRef === sourceBranch && Date.parse(p.createdAt) >= lookup.since;
      case 'hotfix':
        return p.state === 'open' && !isPromotionHead(p.headRef, sourceBranch);
    }
  });
  return found ?? null;
}

/** Whether the playbook waits on a review: the poller reads the pull request's reviews too, and the merge needs one. */
export function readsReviews(playbook: Playbook): boolean {
  return playbook.steps.some((s) => s.type === 'await-approval');
}
