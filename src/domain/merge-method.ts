/** How GitHub merges a pull request (PUT /pulls/{n}/merge `merge_method`). */
export type MergeMethod = 'merge' | 'squash' | 'rebase';

export const MERGE_METHODS: readonly MergeMethod[] = ['merge', 'squash', 'rebase'];

/**
 * What the repository allows (allow_merge_commit, allow_squash_merge, allow_rebase_merge). GitHub leaves the
 * fields out for a token that may not push: then each is undefined, "not said".
 */
export interface AllowedMethods {
  readonly merge?: boolean | undefined;
  readonly squash?: boolean | undefined;
  readonly rebase?: boolean | undefined;
}

export type MethodChoice =
  | { readonly ok: true; readonly method: MergeMethod; readonly why: 'configured' | 'allowed' | 'not said' }
  | { readonly ok: false; readonly error: string };

const WORDS: Readonly<Record<MergeMethod, string>> = { merge: 'merge commits', squash: 'squash merges', rebase: 'rebase merges' };

export function methodWords(method: MergeMethod): string {
  return WORDS[method];
}

/**
 * The merge method to send: the configured one when the repository allows it (or does not say), else the first
 * the repository allows in the order merge, squash, rebase (a merge commit keeps the promoted commit's sha on
 * the target, which is what the release verifies most directly). A configured method the repository forbids,
 * or a repository that forbids all three, is an error naming the fix; nothing is to be sent then.
 */
export function chooseMergeMethod(configured: MergeMethod | undefined, allowed: AllowedMethods | undefined, repo: string): MethodChoice {
  const permitted = MERGE_METHODS.filter((m) => allowed?.[m] === true);
  const said = MERGE_METHODS.some((m) => allowed?.[m] !== undefined);
  const only = permitted.length > 0 ? `${repo} allows only ${permitted.map(methodWords).join(' and ')}` : `${repo} allows no merge method`;
  if (configured) {
    if (!said || allowed?.[configured] !== false) return { ok: true, method: configured, why: 'configured' };
    return { ok: false, error: `merge.method in the config is "${configured}", but ${only}: set merge.method to ${permitted.length > 0 ? permitted.map((m) => `"${m}"`).join(' or ') : 'one the repository allows'} or change the repository's settings` };
  }
  if (!said) return { ok: true, method: 'merge', why: 'not said' };
  const [first] = permitted;
  if (!first) return { ok: false, error: `${only} (its settings forbid merge commits, squash and rebase)` };
  return { ok: true, method: first, why: 'allowed' };
}
