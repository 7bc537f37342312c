import { RequestError } from '@octokit/request-error';
import type { BranchRules, RequiredCheck } from '../domain/required-checks.js';
import type { GitHubContext } from './github-context.js';
import { branchRulesShape, parse, requiredChecksShape } from './github-map.js';

// Two sources, each of which a token may be refused on its own: the read that merges them and says which one
// could not be seen lives apart from the plain one-request reads.

/** GitHubReads.requiredChecks (see github-reads.ts): branch protection's required checks and the rulesets', two requests. */
export function readRequiredChecks(ctx: GitHubContext, branch: string): Promise<BranchRules> {
  const doing = `reading the rules of branch ${branch}`;
  return ctx.run(doing, async () => {
    const [protection, rulesets] = await Promise.all([
      readOrRefused(() => ctx.get('GET /repos/{owner}/{repo}/branches/{branch}/protection/required_status_checks', { branch }), 'Branch not protected|Required status checks not enabled'),
      readOrRefused(() => ctx.get('GET /repos/{owner}/{repo}/rules/branches/{branch}', { branch }), undefined),
    ]);
    const checks: RequiredCheck[] = [];
    const from: string[] = [];
    const unreadable: string[] = [];
    if (protection.kind === 'read') {
      const p = parse(requiredChecksShape, protection.data, doing);
      // `contexts` is the older list of the same names that `checks` carries with their apps.
      const withApps = (p.checks ?? []).map((c) => ({ name: c.context, ...(typeof c.app_id === 'number' && c.app_id > 0 ? { appId: c.app_id } : {}) }));
      const named = [...withApps, ...(p.contexts ?? []).filter((name) => !withApps.some((c) => c.name === name)).map((name) => ({ name }))];
      if (named.length > 0) from.push('branch protection');
      checks.push(...named);
    } else if (protection.kind === 'refused') unreadable.push(`branch protection (${protection.why})`);
    if (rulesets.kind === 'read') {
      const rules = parse(branchRulesShape, rulesets.data, doing).filter((r) => r.type === 'required_status_checks');
      const named = rules.flatMap((r) => r.parameters?.required_status_checks ?? []).map((c) => ({ name: c.context, ...(typeof c.integration_id === 'number' ? { appId: c.integration_id } : {}) }));
      if (named.length > 0) from.push('rulesets');
      checks.push(...named);
    } else if (rulesets.kind === 'refused') unreadable.push(`rulesets (${rulesets.why})`);
    return { checks, from, ...(unreadable.length > 0 ? { unreadable: `GitHub would not show ${branch}'s ${unreadable.join(' or ')}` } : {}) };
  });
}

type RuleRead = { readonly kind: 'read'; readonly data: unknown } | { readonly kind: 'none' } | { readonly kind: 'refused'; readonly why: string };

/**
 * A rules read: 404 with `absent`'s message means there are none; any other 403 or 404 means the token may not
 * see them (the protection endpoint needs admin rights; GitHub answers 404 for what a token may not read).
 */
async function readOrRefused(read: () => Promise<{ readonly data: unknown }>, absent: string | undefined): Promise<RuleRead> {
  try {
    return { kind: 'read', data: (await read()).data };
  } catch (err) {
    if (!(err instanceof RequestError) || (err.status !== 403 && err.status !== 404)) throw err;
    const message = (err.response?.data as { message?: unknown } | undefined)?.message;
    if (err.status === 404 && absent && typeof message === 'string' && new RegExp(`^(${absent})$`, 'i').test(message)) return { kind: 'none' };
    return { kind: 'refused', why: `${err.status}${typeof message === 'string' ? ` ${message}` : ''}` };
  }
}
