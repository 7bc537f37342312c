import type { components } from '@octokit/openapi-types';
import { json, type SimRequest, type SimResponse } from '../http.js';
import type { Router } from '../router.js';
import type { GitRepo } from '../world/git.js';
import { ghError } from './errors.js';
import { isResponse, links, repoOf, type GithubContext } from './context.js';

type S = components['schemas'];
const R = '/github/repos/:owner/:repo';
const DOCS = {
  checks: 'https://docs.github.com/rest/branches/branch-protection#get-status-checks-protection',
  rules: 'https://docs.github.com/rest/repos/rules#get-rules-for-a-branch',
};

/**
 * What GitHub requires before a pull request merges: classic branch protection's required status checks (admin
 * rights needed to read them) and the rulesets that apply to a branch (readable with metadata access).
 */
export function rulesRoutes(router: Router, ctx: GithubContext): void {
  const { world } = ctx;
  const withRepo = (fn: (req: SimRequest, repo: GitRepo, branch: string) => SimResponse) => (req: SimRequest): SimResponse => {
    const repo = repoOf(ctx, req);
    return isResponse(repo) ? repo : fn(req, repo, req.params['branch'] ?? req.params['*'] ?? '');
  };

  router.add('GET', `${R}/branches/:branch/protection/required_status_checks`, withRepo((req, repo, branch) => {
    // A fine-grained token without Administration: read, as GitHub answers it.
    if (world.rules.protectionNeedsAdmin) {
      return { ...ghError(403, 'Resource not accessible by personal access token', DOCS.checks), headers: { 'x-accepted-github-permissions': 'administration=read' } };
    }
    if (!repo.branches.has(branch)) return ghError(404, 'Branch not found', DOCS.checks);
    const checks = world.requiredChecks(branch).filter((c) => c.via === 'protection');
    if (!world.isProtected(branch)) return ghError(404, 'Branch not protected', DOCS.checks);
    // "Require branches to be up to date" lives in this setting: on, it answers even when it names no check.
    const upToDate = world.rules.requireUpToDate;
    if (checks.length === 0 && !upToDate) return ghError(404, 'Required status checks not enabled', DOCS.checks);
    const api = `${links(req).api}/repos/${repo.fullName}/branches/${encodeURIComponent(branch)}/protection/required_status_checks`;
    return json(200, {
      url: api,
      strict: upToDate,
      contexts: checks.map((c) => c.name),
      checks: checks.map((c) => ({ context: c.name, app_id: c.appId })),
      contexts_url: `${api}/contexts`,
    } satisfies S['status-check-policy']);
  }));

  router.add('GET', `${R}/rules/branches/*`, withRepo((_req, repo, branch) => {
    const checks = world.requiredChecks(branch).filter((c) => c.via === 'ruleset');
    const rules: S['repository-rule-detailed'][] = [];
    if (checks.length > 0) {
      rules.push({
        type: 'required_status_checks',
        parameters: { strict_required_status_checks_policy: false, required_status_checks: checks.map((c) => ({ context: c.name, integration_id: c.appId })) },
        ruleset_source_type: 'Repository',
        ruleset_source: repo.fullName,
        ruleset_id: 42,
      });
    }
    return json(200, rules);
  }));
}
