import type { Playbook } from '../domain/playbook.js';
import type { Config } from './schema.js';
import type { Tokens } from './tokens.js';
import { isLoopbackUrl } from './loopback.js';
import { plural } from './problems.js';

export interface SummaryOptions {
  /** Where the config was read from. */
  readonly path: string;
  readonly tokens: Tokens;
  /** Terminal width; every line fits in it. */
  readonly width?: number;
}

const LABEL = 14;

/**
 * One screen of text about a valid config: where everything is, the schedule, who does what, the rollout's
 * waves, and where the tokens came from (never the tokens). Pure; fits `width` (80) columns.
 */
export function summarizeConfig(config: Config, options: SummaryOptions): string {
  const width = options.width ?? 80;
  const rows: [string, readonly string[]][] = [
    ['service', [`${config.service.repo}, GitHub API ${config.github.api_url}`]],
    ['CI', [`${config.ci.provider}, API ${config.ci.api_url}`]],
    ['environments', environmentLines(config, width - LABEL - 2)],
    ['components', [`PPC  ${config.components.ppc.project} in ${config.components.ppc.file}`, `SDK  ${config.components.sdk.variable} in ${config.components.sdk.file}`]],
    ['schedule', [`${config.schedule.timezone}: nightly ${config.schedule.nightly}, weekly ${config.schedule.weekly.day} ${config.schedule.weekly.time}`]],
    ['roles', [`primary ${config.roles.primary ?? '(not set)'}, secondary ${config.roles.secondary ?? '(not set)'}`]],
    ['merge', [config.merge.method ? `${config.merge.method} (merge.method), if the repository allows it` : 'the first the repository allows of merge, squash, rebase']],
    ['hotfix', [config.hotfix.approvers.length > 0 ? `approvers ${config.hotfix.approvers.join(', ')}` : 'no approvers (a hotfix needs one to approve it)']],
    ['customers', customerLines(config)],
    ['rollout', wrap(rolloutText(config), width - LABEL - 2)],
    ['tokens', tokenLines(config, options.tokens)],
  ];
  const lines = [`config OK: ${fitLeft(options.path, width - 'config OK: '.length)}`];
  for (const [label, values] of rows) {
    values.forEach((value, i) => lines.push(fit(`  ${(i === 0 ? label : '').padEnd(LABEL)}${value}`, width)));
  }
  return `${lines.join('\n')}\n`;
}

/** One line per environment when the URLs fit beside the branches, else each URL on a line of its own. */
function environmentLines(config: Config, width: number): readonly string[] {
  const nameWidth = Math.max(...config.environments.map((e) => e.name.length));
  const branchWidth = Math.max(...config.environments.map((e) => e.branch.length));
  const heads = config.environments.map((e) => `${e.name.padEnd(nameWidth)} <- ${e.branch.padEnd(branchWidth)}`);
  const fits = config.environments.every((e, i) => `${heads[i]}  ${e.site.url}`.length <= width);
  if (fits) return config.environments.map((e, i) => `${heads[i]}  ${e.site.url}`);
  return config.environments.flatMap((e, i) => [(heads[i] ?? '').trimEnd(), `  ${e.site.url}`]);
}

function customerLines(config: Config): readonly string[] {
  const ppcs = config.ppcs;
  if (!ppcs || ppcs.customers.length === 0) return ['none (no customer PPCs to roll out to)'];
  const windows = ppcs.customers.filter((c) => c.window).length;
  const withWindows = windows > 0 ? `, ${windows} with a maintenance window` : '';
  return [`${plural(ppcs.customers.length, 'PPC')}${withWindows}`, `updates via ${ppcs.trigger.repo}@${ppcs.trigger.branch}, ${ppcs.trigger.per_request} per request`];
}

/** Wave sizes as the rollout will see them: a wave without a list takes everyone not named before it. */
export function waveSizes(config: Config): { readonly name: string; readonly size: number }[] {
  const ids = (config.ppcs?.customers ?? []).map((c) => c.id);
  const named = new Set<string>();
  return config.rollout.waves.map((wave) => {
    if (wave.customers) {
      wave.customers.forEach((id) => named.add(id));
      return { name: wave.name, size: wave.customers.length };
    }
    const rest = ids.filter((id) => !named.has(id));
    rest.forEach((id) => named.add(id));
    return { name: wave.name, size: rest.length };
  });
}

function rolloutText(config: Config): string {
  const total = config.ppcs?.customers.length ?? 0;
  const at = `${config.rollout.concurrency} at a time`;
  if (total === 0) return 'nothing to roll out';
  if (config.rollout.waves.length === 0) return `one wave of all ${total}, ${at}`;
  const sizes = waveSizes(config);
  const placed = sizes.reduce((sum, w) => sum + w.size, 0);
  const unplaced = total - placed > 0 ? `; ${plural(total - placed, 'customer')} in no wave` : '';
  return `${sizes.map((w) => `${w.name} (${w.size})`).join(', ')}; ${at}${unplaced}`;
}

function tokenLines(config: Config, tokens: Tokens): readonly string[] {
  const github = { env: 'from GITHUB_TOKEN', gh: 'from gh auth token', none: '' }[tokens.githubSource];
  const travis = tokens.travisSource === 'env' ? 'from TRAVIS_TOKEN' : '';
  return [
    `GitHub  ${github || absent(config.github.api_url, 'set GITHUB_TOKEN or run gh auth login')}`,
    `Travis  ${travis || absent(config.ci.api_url, 'set TRAVIS_TOKEN')}`,
  ];
}

function absent(apiUrl: string, fix: string): string {
  return isLoopbackUrl(apiUrl) ? 'none (not needed: the API is on this machine)' : `missing; ${fix}`;
}

function wrap(text: string, width: number): readonly string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  return [...lines, line];
}

function fit(text: string, width: number): string {
  return text.length <= width ? text : `${text.slice(0, width - 1)}…`;
}

/** Long paths lose their beginning, which is the least telling part. */
function fitLeft(text: string, width: number): string {
  return text.length <= width ? text : `…${text.slice(text.length - width + 1)}`;
}

/** A valid playbook in a few lines: its name, where it moves a change, and each step with its kind and who does it. */
export function summarizePlaybook(playbook: Playbook, width = 80): string {
  const lines = [fit(`playbook OK: ${playbook.name} (${playbook.from} -> ${playbook.to})`, width)];
  playbook.steps.forEach((step, i) => lines.push(fit(`  ${String(i + 1).padStart(2)}. ${step.title} · ${step.kind} · ${step.who}`, width)));
  lines.push(fit(`  its releases are called YYYY-MM-DD-${playbook.id}`, width));
  return `${lines.join('\n')}\n`;
}
