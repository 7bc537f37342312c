import type { Build, CiState } from '../domain/ci.js';
import type { CandidateRow } from '../domain/candidate.js';
import { headline } from '../domain/commit.js';
import type { EnvironmentDiff, EnvironmentStatus, SiteReport } from '../domain/environment.js';
import { countPpcs, PPC_STATES, type CustomerPpc } from '../domain/ppc.js';
import type { PullRequest } from '../domain/pull.js';
import type { RateQuota, SourceHealth } from '../domain/source.js';
import type { StatusFacts } from '../domain/status-verdict.js';
import type { StatusCode } from '../exit-codes.js';
import { formatAge } from './age.js';
import { diffSentence } from './diff-text.js';
import { formatDuration } from './duration.js';
import { windowText } from './schedule-text.js';
import { shortShaOrUnknown } from './sha.js';
import { truncate } from './truncate.js';

/** Everything `cockpit status` read, in one plain object: the input of the text and JSON formatters. */
export interface StatusReport {
  readonly repo: string;
  /** Epoch ms the report was made. */
  readonly now: number;
  /** Lowest first; undefined when GitHub could not be read. */
  readonly environments: readonly EnvironmentStatus[] | undefined;
  /** What each environment's site reports, read even when GitHub is not: shown when `environments` is missing. */
  readonly sites: readonly { readonly name: string; readonly branch: string; readonly site: SiteReport }[];
  readonly diffs: readonly EnvironmentDiff[];
  /** The environments promoted from and into (staging -> production). */
  readonly promotion: {
    readonly from: string;
    readonly to: string;
    /** Undefined when GitHub could not be read; null when no PR is open. */
    readonly pull: PullRequest | null | undefined;
    /** Undefined when Travis could not be read. */
    readonly prBuild: Build | null | undefined;
    readonly deployBuild: Build | null | undefined;
  };
  /**
   * Commits of the promotion source branch that the target lacks, newest first, up to and including the
   * latest green; empty when the target has the source's head; undefined when not read.
   */
  readonly candidates: readonly CandidateRow[] | undefined;
  /** Undefined when the config names no customer PPCs. */
  readonly fleet: { readonly target: string | undefined; readonly ppcs: readonly CustomerPpc[] } | undefined;
  readonly windows: { readonly timezone: string; readonly nightly: Date; readonly weekly: Date };
  readonly sources: readonly SourceHealth[];
  readonly quota: RateQuota | undefined;
  readonly facts: StatusFacts;
  readonly verdict: { readonly code: StatusCode; readonly reasons: readonly string[] };
}

export const STATUS_WIDTH = 80;

const VERDICT_TITLE: Record<StatusCode, string> = { 0: 'green and idle', 8: 'in progress', 1: 'needs a human', 3: 'incomplete: a source could not be reached' };

/**
 * The status glance as plain text, every line at most `width` columns: the verdict and its reasons first,
 * then environments, the promotion (diff, candidate, PR, deploy), customer PPCs, the schedule and sources.
 */
export function formatStatusText(report: StatusReport, width = STATUS_WIDTH): string {
  const out: string[] = [];
  const add = (...lines: string[]): void => {
    for (const l of lines) out.push(truncate(l, width));
  };
  const wrapped = (text: string, indent: string): void => {
    out.push(...wrap(text, width, indent));
  };

  add(`${report.repo}: ${VERDICT_TITLE[report.verdict.code]} (exit ${report.verdict.code})`);
  for (const reason of report.verdict.reasons) wrapped(`- ${reason}`, '  ');
  const github = report.sources.find((s) => s.source === 'github');
  if (report.environments === undefined && github?.state === 'down') {
    add('GitHub could not be reached: branches, commits and pull requests are not shown.');
  }

  out.push('', 'ENVIRONMENTS');
  if (!report.environments) {
    const pad = Math.max(0, ...report.sites.map((x) => x.name.length));
    for (const x of report.sites) add(`  ${x.name.padEnd(pad)}  ${x.branch} not read · ${siteOnlyText(x.site)}`);
  } else {
    const pad = Math.max(...report.environments.map((e) => e.name.length));
    for (const env of report.environments) environmentLines(env, pad, report.now, width).forEach((l) => add(l));
  }

  const { from, to } = report.promotion;
  // The lower promotions (the nightly testing -> staging) get their sentence here; the weekly one below.
  for (const d of report.diffs) if (d.from !== from || d.to !== to) wrapped(`  ${diffSentence(d)}`, '    ');
  out.push('', `PROMOTION ${from} -> ${to}`);
  const diff = report.diffs.find((d) => d.from === from && d.to === to);
  if (diff) wrapped(`  ${diffSentence(diff)}`, '    ');
  candidateLines(report.candidates, from, to, report.now, width).forEach((l) => add(l));
  pullLines(report, width).forEach((l) => add(l));

  if (report.fleet) {
    out.push('', `CUSTOMER PPCs (${report.fleet.ppcs.length}, target ${shortShaOrUnknown(report.fleet.target)})`);
    fleetLines(report.fleet.ppcs, report.fleet.target).forEach((l) => wrapped(l, '    '));
  }

  const { timezone, nightly, weekly } = report.windows;
  out.push('', `SCHEDULE (${timezone})`);
  add(`  nightly  ${windowText(nightly, report.now, timezone)}`, `  weekly   ${windowText(weekly, report.now, timezone)}`);

  out.push('');
  add(`sources: ${report.sources.map((x) => `${x.source} ${x.state === 'ok' ? 'ok' : x.state.toUpperCase()}`).join(' · ')}`);
  // A source that is down is already the first reason above; a degraded one says here what is wrong.
  for (const x of report.sources) if (x.detail && x.state === 'degraded') wrapped(`  ${x.source}: ${x.detail}`, '    ');
  if (report.quota) add(`GitHub quota: ${report.quota.remaining} of ${report.quota.limit} requests left`);
  return `${out.join('\n')}\n`;
}

function environmentLines(env: EnvironmentStatus, pad: number, now: number, width: number): string[] {
  const indent = ' '.repeat(pad + 4);
  // A long login must not push the commit message off the line.
  const when = `${truncate(env.head.author, 14)}, ${formatAge(env.head.date, now)}`;
  const first = fit(`  ${env.name.padEnd(pad)}  ${shortShaOrUnknown(env.head.sha)} ${headline(env.head.message)}`, `  (${when})`, width);
  const site = siteText(env);
  const c = env.components;
  const pins = `PPC ${shortShaOrUnknown(c.ppcRevision)} · SDK ${c.sdkVersion ?? '?'}`;
  return [first, `${indent}${env.branch} · ${env.ciUnreadable ? `CI ${env.ciUnreadable}` : ciText(env.headCi)} · ${site}`, `${indent}${pins}${c.problems.length ? ` · ${c.problems[0]}` : ''}`];
}

function siteOnlyText(site: SiteReport): string {
  if (site.version === undefined) return `site DOWN${site.detail ? ` (${site.detail})` : ''}`;
  return `site serves ${shortShaOrUnknown(site.version)}, ${site.healthy ? 'healthy' : `UNHEALTHY${site.detail ? ` (${site.detail})` : ''}`}`;
}

function siteText(env: EnvironmentStatus): string {
  const { site } = env;
  if (site.version === undefined) return `site DOWN${site.detail ? ` (${site.detail})` : ''}`;
  const serves = `site serves ${shortShaOrUnknown(site.version)} ${env.siteMatchesHead ? '(the head)' : '(NOT the head)'}`;
  return site.healthy ? `${serves}, healthy` : `${serves}, UNHEALTHY${site.detail ? ` (${site.detail})` : ''}`;
}

function ciText(ci: CiState): string {
  return { success: 'CI passed', failure: 'CI FAILED', pending: 'CI running', none: 'no CI' }[ci];
}

function candidateLines(rows: readonly CandidateRow[] | undefined, branch: string, target: string, now: number, width: number): string[] {
  if (!rows) return ['  latest green: not read'];
  const head = rows[0];
  // Candidates are only commits the target lacks (see readCandidates).
  if (!head) return [`  latest green: nothing to promote, ${target} has ${branch}'s head`];
  const green = rows.find((r) => r.isLatestGreen);
  const lines: string[] = [];
  if (!green) {
    lines.push(`  latest green: none among ${rows.length} commit${rows.length === 1 ? '' : 's'} ${target} lacks`);
  } else {
    const when = green.isHead ? `the head, ${formatAge(green.commit.date, now)}` : formatAge(green.commit.date, now);
    lines.push(fit(`  latest green  ${shortShaOrUnknown(green.commit.sha)} ${headline(green.commit.message)}`, `  (${when})`, width));
  }
  if (!head.isLatestGreen) {
    const newer = green ? rows.indexOf(green) : rows.length;
    const state = head.ci === 'failure' ? 'is red' : head.ci === 'pending' ? 'is still running CI' : 'has no CI result';
    lines.push(`                ${branch} head ${shortShaOrUnknown(head.commit.sha)} ${state}${green ? `; ${newer} newer commit${newer === 1 ? '' : 's'} not promotable` : ''}`);
  }
  return lines;
}

function pullLines(report: StatusReport, width: number): string[] {
  const { pull, prBuild, deployBuild, to } = report.promotion;
  const lines: string[] = [];
  if (pull === undefined) lines.push('  pull request: not read');
  else if (pull === null) lines.push('  pull request: none open');
  else {
    lines.push(fit(`  PR #${pull.number} ${pull.headRef} -> ${pull.baseRef} ${pull.title}`, '', width));
    // Promoting a commit whose own CI failed is allowed only on purpose: say so next to the PR.
    const promoted = report.candidates?.find((r) => r.commit.sha === pull.headSha);
    if (promoted && promoted.ci === 'failure') lines.push(`${GUTTER}its head ${shortShaOrUnknown(pull.headSha)} is RED on ${report.promotion.from}, not the latest green`);
    if (prBuild === undefined) lines.push(`${GUTTER}CI: not read (Travis unreachable)`);
    else if (prBuild === null) lines.push(`${GUTTER}CI: waiting for Travis to start the build`);
    else lines.push(`${GUTTER}CI: ${buildText(prBuild, report.now)}`);
  }
  if (deployBuild) lines.push(`  deploy        ${shortShaOrUnknown(deployBuild.sha)} push build ${buildText(deployBuild, report.now)}`);
  else if (deployBuild === null) lines.push(`  deploy        no push build of ${to} yet`);
  return lines;
}

/** "#123 running, 2 of 4 jobs done, 1m 30s" / "#123 passed 2h ago" / "#123 FAILED: unit". */
function buildText(b: Build, now: number): string {
  const finished = b.jobs.filter((j) => j.finishedAt !== null).length;
  if (b.state === 'created' || b.state === 'queued' || b.state === 'received') return `#${b.number} queued`;
  if (b.state === 'started') {
    const took = b.startedAt ? `, ${formatDuration(now - Date.parse(b.startedAt))}` : '';
    return `#${b.number} running, ${finished} of ${b.jobs.length} jobs done${took}`;
  }
  const ago = b.finishedAt ? ` ${formatAge(b.finishedAt, now)}` : '';
  if (b.state === 'passed') return `#${b.number} passed${ago}`;
  const bad = b.jobs.filter((j) => !j.allowFailure && j.state !== 'passed').map((j) => j.name);
  return `#${b.number} ${b.state.toUpperCase()}${ago}${bad.length ? `: ${bad.join(', ')}` : ''}`;
}

function fleetLines(ppcs: readonly CustomerPpc[], target: string | undefined): string[] {
  if (ppcs.length === 0) return ['  none configured'];
  const counts = countPpcs(ppcs);
  const parts = PPC_STATES.filter((s) => counts[s] > 0).map((s) => `${counts[s]} ${s}`);
  const answering = ppcs.filter((p) => p.current !== undefined).length;
  const lines = [target === undefined ? `  ${answering} of ${ppcs.length} answering; not classified without a target` : `  ${parts.join(' · ')}`];
  const failed = ppcs.filter((p) => p.state === 'failed').map((p) => p.id);
  if (failed.length) lines.push(`  failed: ${listed(failed)}`);
  const silent = ppcs.filter((p) => p.detail?.startsWith('unreachable')).map((p) => p.id);
  if (silent.length) lines.push(`  not answering: ${listed(silent)}`);
  return lines;
}

function listed(ids: readonly string[], max = 8): string {
  return ids.slice(0, max).join(', ') + (ids.length > max ? ` and ${ids.length - max} more` : '');
}

/** `left` cut so that `left + right` fits `width`: the right part (an age, a tag) always shows. */
function fit(left: string, right: string, width: number): string {
  return truncate(left, Math.max(10, width - right.length)) + right;
}

const GUTTER = ' '.repeat(16);

/**
 * Wraps one line of text to `width`, keeping its leading indentation and indenting continuations with
 * `indent`. It breaks after "; " where it can, so "SDK 0.11.2 -> 0.11.3" stays together, and between
 * words otherwise; a word longer than a line is cut.
 */
export function wrap(text: string, width: number, indent: string): string[] {
  const lead = /^ */.exec(text)?.[0] ?? '';
  const clauses = text.slice(lead.length).split('; ');
  const lines: string[] = [];
  let line = lead;
  clauses.forEach((clause, i) => {
    const piece = i < clauses.length - 1 ? `${clause};` : clause;
    const joined = line.trim() ? `${line} ${piece}` : `${line}${piece}`;
    if (joined.length <= width) {
      line = joined;
      return;
    }
    // The clause does not fit after what is there: start it on a new line, word by word if it must.
    if (line.trim()) lines.push(line);
    line = lines.length === 0 && !line.trim() ? lead : indent;
    for (const word of piece.split(' ')) {
      const next = line.trim() ? `${line} ${word}` : `${line}${word}`;
      if (next.length <= width || !line.trim()) line = next;
      else {
        lines.push(line);
        line = `${indent}${word}`;
      }
    }
  });
  if (line.trim()) lines.push(line);
  return lines.map((l) => truncate(l, width));
}
