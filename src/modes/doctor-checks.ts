import type { Config } from '../config/schema.js';
import { isLoopbackUrl, type Tokens } from '../config/tokens.js';
import { componentsOf } from '../domain/components.js';
import { SourceError } from '../domain/source.js';
import type { TokenChecker } from '../services/github-token-check.js';
import type { Services } from '../services/index.js';

/** One doctor line: what was checked, whether it is well, and when not, what to do. */
export interface Check {
  readonly ok: boolean;
  readonly text: string;
  readonly fix?: string;
  /** The source did not answer at all (exit 3 rather than 1). */
  readonly unreachable?: boolean;
}

const pass = (text: string): Check => ({ ok: true, text });
const fail = (text: string, fix: string, unreachable = false): Check => ({ ok: false, text, fix, unreachable });
const isUnreachable = (e: unknown): boolean => e instanceof SourceError && (e.kind === 'unreachable' || e.kind === 'timeout');
const why = (e: unknown): string => (e instanceof Error ? e.message : String(e));
const failed = (text: string, e: unknown, fix: string): Check => fail(`${text}: ${why(e)}`, isUnreachable(e) ? 'check the URL, the network and HTTPS_PROXY/NO_PROXY' : fix, isUnreachable(e));

/** A 40-hex sha as its short form; any other version text as it is. */
const shown = (v: string | undefined): string => (v && /^[0-9a-f]{40}$/i.test(v) ? v.slice(0, 7) : (v ?? '?'));

const TOKEN_PAGE = 'edit the token (GitHub > Settings > Developer settings > Personal access tokens)';

/** The fine-grained permissions the cockpit reads with, and a GET that needs each (reference §8). */
function permissionProbes(config: Config, sha: string): readonly { readonly permission: string; readonly route: string; readonly params?: Record<string, string | number> }[] {
  const branch = config.environments[0]?.branch ?? 'main';
  return [
    { permission: 'Contents: read', route: '/repos/{owner}/{repo}/branches/{branch}', params: { branch } },
    { permission: 'Checks: read', route: '/repos/{owner}/{repo}/commits/{ref}/check-runs', params: { ref: sha, per_page: 1 } },
    { permission: 'Commit statuses: read', route: '/repos/{owner}/{repo}/commits/{ref}/status', params: { ref: sha, per_page: 1 } },
    { permission: 'Pull requests: read', route: '/repos/{owner}/{repo}/pulls', params: { state: 'all', per_page: 1 } },
  ];
}

/** The token: where it came from, whose it is, a classic token's scopes, and each read permission. */
export async function tokenChecks(config: Config, tokens: Tokens, checker: TokenChecker, headSha: string | undefined): Promise<{ checks: Check[]; serverDate: number | undefined }> {
  const demo = isLoopbackUrl(config.github.api_url);
  const source = tokens.githubSource === 'env' ? 'GITHUB_TOKEN' : tokens.githubSource === 'gh' ? "gh's stored login" : undefined;
  if (!source && !demo) return { checks: [fail('GitHub token: none found', 'set GITHUB_TOKEN, or log in with `gh auth login`')], serverDate: undefined };
  const checks: Check[] = [];
  let serverDate: number | undefined;
  try {
    const me = await checker.identity();
    serverDate = me.serverDate;
    checks.push(pass(`GitHub token: ${source ? `from ${source}` : 'none needed (the demo world)'}, acts as ${me.login}`));
    if (me.scopes) {
      const enough = me.scopes.includes('repo');
      checks.push(enough ? pass(`GitHub classic token scopes: ${me.scopes.join(', ') || 'none'}`) : fail(`GitHub classic token scopes: ${me.scopes.join(', ') || 'none'}; the cockpit needs repo`, `${TOKEN_PAGE} and tick "repo"`));
    }
  } catch (error) {
    return { checks: [failed('GitHub token', error, error instanceof SourceError && error.kind === 'auth' ? 'the token is wrong or expired: make a new one' : 'see the message')], serverDate };
  }
  if (!headSha) return { checks, serverDate };
  for (const p of permissionProbes(config, headSha)) {
    const r = await checker.probe(p.route, p.params);
    if (r.state === 'ok') checks.push(pass(`GitHub permission ${p.permission}`));
    else if (r.state === 'refused') checks.push(fail(`GitHub permission ${p.permission}: refused, needs ${r.needs}`, `${TOKEN_PAGE} and grant ${r.needs} on ${config.service.repo}`));
    else checks.push(failed(`GitHub permission ${p.permission}`, r.error, 'see the message'));
  }
  checks.push(pass('GitHub write permissions (Contents, Pull requests, Issues: write) are not tried: trying them would write'));
  return { checks, serverDate };
}

/** Each environment's branch exists, and its pinned files exist there and parse. */
export async function branchChecks(config: Config, github: Services['github']): Promise<{ checks: Check[]; topSha: string | undefined }> {
  const checks: Check[] = [];
  let topSha: string | undefined;
  for (const env of config.environments) {
    try {
      const head = await github.getHead(env.branch);
      topSha ??= head.sha;
      const [lock, travis] = await Promise.all([fileOrUndefined(github, config.components.ppc.file, head.sha), fileOrUndefined(github, config.components.sdk.file, head.sha)]);
      const c = componentsOf(head.sha, lock, travis, config.components);
      checks.push(pass(`branch ${env.branch} (${env.name}): head ${head.sha.slice(0, 7)}`));
      checks.push(
        c.problems.length === 0
          ? pass(`pins at ${env.branch}: ${config.components.ppc.file} has ${config.components.ppc.project} at ${c.ppcRevision?.slice(0, 7)}; ${config.components.sdk.file} sets ${config.components.sdk.variable}=${c.sdkVersion}`)
          : fail(`pins at ${env.branch}: ${c.problems.join('; ')}`, `fix components in the config, or the files on ${env.branch}`),
      );
    } catch (error) {
      checks.push(failed(`branch ${env.branch} (${env.name})`, error, error instanceof SourceError && error.kind === 'not-found' ? `create the branch, or fix environments[].branch in the config` : 'see the message'));
    }
  }
  return { checks, topSha };
}

async function fileOrUndefined(github: Services['github'], path: string, sha: string): Promise<string | undefined> {
  try {
    return await github.getFile(path, sha);
  } catch (error) {
    if (error instanceof SourceError && error.kind === 'not-found') return undefined;
    throw error;
  }
}

/** Travis answers for the service repository and the fleet repository, with the token it would use. */
export async function ciChecks(config: Config, tokens: Tokens, travis: Services['travis']): Promise<Check[]> {
  if (!tokens.travis && !isLoopbackUrl(config.ci.api_url)) return [fail('Travis token: TRAVIS_TOKEN is not set', 'set TRAVIS_TOKEN (Travis CI > Settings > API authentication)')];
  const repos = [config.service.repo, ...(config.ppcs ? [config.ppcs.trigger.repo] : [])];
  const checks: Check[] = [];
  for (const repo of repos) {
    try {
      const builds = await travis.listBuilds({ repo, limit: 1 });
      const last = builds[0];
      checks.push(pass(`Travis CI answers for ${repo}${last ? `: latest build #${last.number} ${last.state}` : ': no builds yet'}`));
    } catch (error) {
      checks.push(failed(`Travis CI for ${repo}`, error, error instanceof SourceError && error.kind === 'auth' ? 'check TRAVIS_TOKEN and that Travis is enabled for the repository' : 'check ci.api_url and the repository name'));
    }
  }
  return checks;
}

/** Every environment's site, and a sample of the customer PPC endpoints (the first three). */
export async function endpointChecks(config: Config, probe: Services['probe']): Promise<Check[]> {
  const checks: Check[] = [];
  for (const env of config.environments) {
    const site = await probe.readVersion(env.site.url, { format: env.site.format, field: env.site.field });
    checks.push(site.healthy ? pass(`site ${env.name}: serves ${shown(site.version)}`) : fail(`site ${env.name} (${env.site.url}): ${site.detail ?? 'no version'}`, 'check environments[].site in the config, or the site itself'));
  }
  const sample = config.ppcs?.customers.slice(0, 3) ?? [];
  const version = config.ppcs?.version ?? { format: 'json' as const, field: 'revision' };
  for (const c of sample) {
    const r = await probe.readVersion(c.url, version);
    checks.push(r.healthy ? pass(`PPC ${c.id}: serves ${shown(r.version)}`) : fail(`PPC ${c.id} (${c.url}): ${r.detail ?? 'no version'}`, 'check ppcs.customers[].url and ppcs.version in the config'));
  }
  if (config.ppcs && config.ppcs.customers.length > sample.length) checks.push(pass(`PPCs: ${sample.length} of ${config.ppcs.customers.length} tried; \`cockpit status\` reads them all`));
  return checks;
}

/** This machine's clock against GitHub's, and the time zone the schedule is read in. */
export function clockChecks(config: Config, serverDate: number | undefined, now: number, localZone: string): Check[] {
  const checks: Check[] = [];
  if (serverDate !== undefined) {
    const skew = Math.round((now - serverDate) / 1000);
    // The Date header has whole seconds and the answer took a moment: a few seconds is nothing.
    checks.push(Math.abs(skew) <= 30 ? pass(`clock: within ${Math.max(1, Math.abs(skew))} s of GitHub's`) : fail(`clock: ${Math.abs(skew)} s ${skew > 0 ? 'ahead of' : 'behind'} GitHub's`, 'turn on network time (NTP): windows and lease ages are judged by this clock'));
  }
  const zone = config.schedule.timezone;
  checks.push(pass(`time zone: the schedule is read in ${zone}${zone === localZone ? '' : ` (this machine is in ${localZone})`}`));
  return checks;
}
