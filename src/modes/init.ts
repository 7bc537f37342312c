import { execFile } from 'node:child_process';
import { existsSync, unlinkSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ModeContext } from './context.js';
import { loadConfig } from '../config/load.js';
import { isLoopbackUrl, resolveTokens } from '../config/tokens.js';
import { guessEnvironments, gopkgProjects, pickPpcProject, pickSdkVariable, travisVariables } from '../domain/init-guess.js';
import { SourceError } from '../domain/source.js';
import { EXIT, UsageError } from '../exit-codes.js';
import { readRepository } from '../services/github-discovery.js';
import { stringFlag } from './flags.js';
import { initYaml, type InitAnswers } from './init-yaml.js';

/**
 * `cockpit init [--repo OWNER/NAME] [--api-url URL] [--out FILE] [--yes]`: reads the repository through the
 * GitHub API and writes a commented cockpit.yaml that `config check` passes. What the repository does not say is
 * taken as a default and listed, in the file and on the terminal. Never overwrites a file.
 */
export async function run(ctx: ModeContext): Promise<number> {
  if (ctx.positionals.length > 0) throw new UsageError(`unexpected argument "${ctx.positionals[0]}"; see cockpit init --help`);
  const defaults: string[] = [];
  const out = resolve(stringFlag(ctx.values['out'], '--out') ?? 'cockpit.yaml');
  if (existsSync(out)) throw new UsageError(`${out} exists; init never overwrites: move it away or pass --out FILE`);
  const apiUrl = (stringFlag(ctx.values['api-url'], '--api-url') ?? 'https://api.github.com').replace(/\/+$/, '');
  if (!/^https?:\/\/[^/]/.test(apiUrl)) throw new UsageError(`--api-url must be an http(s) URL, got "${apiUrl}"`);
  let repo = stringFlag(ctx.values['repo'], '--repo');
  if (!repo) {
    repo = await originRepo();
    if (!repo) throw new UsageError('--repo OWNER/NAME is needed: this directory has no GitHub "origin" remote to take it from');
    defaults.push(`service.repo ${repo}, from this directory's git remote "origin"`);
  }
  if (!/^[\w.-]+\/[\w.-]+$/.test(repo)) throw new UsageError(`--repo must be OWNER/NAME, got "${repo}"`);
  if (ctx.values['yes'] !== true && ctx.stdin.isTTY && ctx.stdout.isTTY) ctx.stdout.write('(no questions asked yet: init takes the defaults below and lists them; edit the file after)\n');

  const tokens = await resolveTokens({ github: { api_url: apiUrl } } as Parameters<typeof resolveTokens>[0], ctx.env);
  const facts = await readRepository({ baseUrl: apiUrl, repo, token: tokens.github }).catch((error: unknown) => {
    // GitHub answers 404 for a repository the token may not see as for one that does not exist.
    if (error instanceof SourceError && error.kind === 'not-found') throw new UsageError(`${repo} was not found at ${apiUrl}: check --repo, --api-url, and that the token can see it`);
    throw error;
  });
  const ladder = guessEnvironments(facts.branches, facts.defaultBranch);
  if (ladder.guessed) defaults.push(`environments testing/staging/production on ${ladder.environments.map((e) => e.branch).join(', ')}: the branches did not say`);
  const top = ladder.environments[ladder.environments.length - 1]?.branch ?? facts.defaultBranch;
  const [lock, travisYml, checks] = await Promise.all([facts.file('Gopkg.lock', top), facts.file('.travis.yml', top), facts.checkNames(facts.defaultBranch)]);
  const ppcProjects = lock ? gopkgProjects(lock) : [];
  const sdkVariables = travisYml ? travisVariables(travisYml) : [];
  const ppcProject = pickPpcProject(ppcProjects) ?? ppcProjects[0] ?? 'github.com/OWNER/ppc';
  if (!pickPpcProject(ppcProjects)) defaults.push(`components.ppc.project ${ppcProject}: no Gopkg.lock project named like a PPC at ${top}`);
  const sdkVariable = pickSdkVariable(sdkVariables) ?? 'SDK_VERSION';
  if (!pickSdkVariable(sdkVariables)) defaults.push(`components.sdk.variable ${sdkVariable}: no SDK variable in .travis.yml at ${top}`);

  // The demo world serves Travis and the sites beside its GitHub; a real team's are elsewhere.
  const demo = isLoopbackUrl(apiUrl) && apiUrl.endsWith('/github') ? apiUrl.slice(0, -'/github'.length) : undefined;
  const environments = ladder.environments.map((e) =>
    demo ? { ...e, siteUrl: `${demo}/sites/${e.name}/version`, healthUrl: `${demo}/sites/${e.name}/health` } : { ...e, siteUrl: `https://${e.name}.example.com/version` },
  );
  if (!demo) defaults.push('each environment\'s site.url (https://NAME.example.com/version): put the URL the site reports its version at');
  if (!demo) defaults.push('ci: Travis CI at api.travis-ci.com');
  defaults.push('schedule: UTC, nightly 02:00, weekly tuesday 14:00');
  const answers: InitAnswers = {
    repo: facts.fullName,
    apiUrl,
    ciApiUrl: demo ? `${demo}/travis` : 'https://api.travis-ci.com',
    ciWebUrl: demo ? `${demo}/web/travis` : 'https://app.travis-ci.com',
    environments,
    ppcProject,
    ppcProjects,
    sdkVariable,
    sdkVariables,
    checks,
    defaults,
  };
  writeFileSync(out, initYaml(answers, new Date()), { flag: 'wx' });
  try {
    await loadConfig({ path: out, cwd: process.cwd(), env: ctx.env });
  } catch (error) {
    // Our own file failing our own check is a bug, not the user's: leave nothing half-right behind.
    unlinkSync(out);
    throw error;
  }
  ctx.stdout.write(`wrote ${out} for ${facts.fullName}: ${environments.map((e) => `${e.name} (${e.branch})`).join(', ')}\n`);
  if (defaults.length) ctx.stdout.write(`defaults taken (check them in the file):\n${defaults.map((d) => `  - ${d}`).join('\n')}\n`);
  ctx.stdout.write(`next: cockpit doctor --config ${out}\n`);
  return EXIT.ok;
}

/** OWNER/NAME from `git remote get-url origin` when it is a GitHub-style URL; undefined otherwise. */
function originRepo(): Promise<string | undefined> {
  return new Promise((done) => {
    execFile('git', ['remote', 'get-url', 'origin'], { timeout: 3_000 }, (error, stdout) => {
      const m = error ? null : /[:/]([\w.-]+)\/([\w.-]+?)(?:\.git)?\s*$/.exec(stdout);
      done(m ? `${m[1]}/${m[2]}` : undefined);
    });
  });
}
