import { formatDuration } from '../format/duration.js';
import { shortShaOrUnknown } from '../format/sha.js';
import type { ActionRecord, ReleaseSnapshot, StepRecord } from './replay.js';

export interface ReportOptions {
  /** The team's time zone for clock times (the config's schedule.timezone). */
  readonly timeZone: string;
  /** Epoch ms: how long a release still in progress has run so far. */
  readonly now: number;
  /** Problems reading the journal (a cut-off last line), shown as warnings. */
  readonly warnings?: readonly string[];
}

/** The release as Markdown, from its journal alone: what a person pastes into the release notes. Pure. */
export function formatReport(release: ReleaseSnapshot, options: ReportOptions): string {
  const out: string[] = [`# ${release.name}`, '', summary(release, options), ...drivers(release, options), ''];
  out.push(...candidate(release, options), ...components(release), ...pullAndBuilds(release, options), ...steps(release, options), ...ppcs(release), ...notes(release, options));
  return `${out.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd()}\n`;
}

function clock(ms: number, zone: string): string {
  try {
    return new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(ms);
  } catch {
    return new Date(ms).toISOString().slice(11, 16);
  }
}

function day(ms: number, zone: string): string {
  try {
    return new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(ms);
  } catch {
    return new Date(ms).toISOString().slice(0, 10);
  }
}

/** "14:02", or "2026-11-25 09:10" once the release runs into another day. */
function when(ms: number, release: ReleaseSnapshot, zone: string): string {
  return day(ms, zone) === day(release.openedAt, zone) ? clock(ms, zone) : `${day(ms, zone)} ${clock(ms, zone)}`;
}

/** A Markdown table cell: one line, no column breaks. */
function cell(text: string): string {
  return text.replace(/\r?\n/g, ' ').replace(/\|/g, '\\|');
}

const link = (text: string, url: string | undefined) => (url ? `[${text}](${url})` : text);
const code = (text: string) => `\`${text}\``;

function summary(release: ReleaseSnapshot, { timeZone, now }: ReportOptions): string {
  const { playbook } = release;
  // A hotfix comes from its own branch, not from the environment below.
  const route = playbook.steps.some((s) => s.type === 'find-hotfix-pr') ? `a hotfix into ${playbook.to}` : `${playbook.from} -> ${playbook.to}`;
  const where = `Release ${code(release.id)} of ${release.repo}, ${route}`;
  const start = `${day(release.openedAt, timeZone)} ${clock(release.openedAt, timeZone)}`;
  if (release.completedAt !== undefined) {
    return `${where}: **complete** in ${formatDuration(release.completedAt - release.openedAt)} (${start} to ${when(release.completedAt, release, timeZone)} ${timeZone}).`;
  }
  const at = release.steps.findIndex((s) => s.status !== 'done' && s.status !== 'skipped');
  const current = release.steps[at];
  const state = current ? `**in progress** at step ${at + 1}, "${current.title}" (${current.status})` : '**in progress**';
  return `${where}: ${state}; started ${start} ${timeZone}, ${formatDuration(Math.max(release.lastAt, now) - release.openedAt)} so far.`;
}

function drivers(release: ReleaseSnapshot, { timeZone }: ReportOptions): string[] {
  // One entry per change of hands; a restart by the same driver on the same host is not one.
  const hands: string[] = [];
  let last = '';
  for (const d of release.drivers) {
    const who = `${d.actor} on ${d.host}`;
    if (who === last && !d.tookOverFrom) continue;
    last = who;
    hands.push(d.tookOverFrom ? `${who} (took over from ${d.tookOverFrom} at ${when(d.at, release, timeZone)})` : who);
  }
  if (hands.length === 0) return [];
  const restarts = release.drivers.filter((d) => d.resumed && !d.tookOverFrom).length;
  const resumed = restarts > 0 ? ` Resumed ${restarts} time${restarts === 1 ? '' : 's'} after the cockpit stopped.` : '';
  return [`Driven by ${hands.join(', then ')}.${resumed}`];
}

function candidate(release: ReleaseSnapshot, { timeZone }: ReportOptions): string[] {
  const c = release.candidate;
  // A nightly check or a hotfix acts on a pull request someone else opened: there is no candidate to choose.
  if (!c && !release.playbook.steps.some((s) => s.type === 'choose-candidate')) return [];
  if (!c) return ['## Candidate', '', 'Not chosen yet.', ''];
  return ['## Candidate', '', `${code(shortShaOrUnknown(c.sha))}${c.headline ? ` ${c.headline}` : ''}, chosen by ${c.actor} at ${when(c.at, release, timeZone)}.`, ''];
}

/** GitHub's compare page, from the PR's own address (so any GitHub host works). */
function compareUrl(release: ReleaseSnapshot, from: string, to: string): string | undefined {
  const url = release.pull?.url;
  if (!url || !/\/pull\/\d+$/.test(url)) return undefined;
  return url.replace(/\/pull\/\d+$/, `/compare/${from}...${to}`);
}

function components(release: ReleaseSnapshot): string[] {
  const c = release.components;
  if (!c) return [];
  const pin = (v: string | undefined) => (v ? (/^[0-9a-f]{8,40}$/.test(v) ? code(shortShaOrUnknown(v)) : v) : 'unknown');
  const ppcTo = release.rollout.target ?? c.ppc?.to;
  const compare = c.service.from ? compareUrl(release, c.service.from, c.service.to) : undefined;
  const rows = [
    `| service | ${pin(c.service.from)} | ${pin(c.service.to)}${compare ? ` (${link('compare', compare)})` : ''} |`,
    `| PPC revision | ${pin(c.ppc?.from)} | ${pin(ppcTo)}${c.ppc?.from && ppcTo && c.ppc.from === ppcTo ? ' (unchanged)' : ''} |`,
    `| SDK version | ${c.sdk?.from ?? 'unknown'} | ${c.sdk?.to ?? 'unknown'}${c.sdk?.from && c.sdk.from === c.sdk.to ? ' (unchanged)' : ''} |`,
  ];
  return ['## Components moved', '', '| component | from | to |', '| --- | --- | --- |', ...rows, ''];
}

/** The head the merge sent (its checks passed on it), else the one the CI gate last held for. */
function testedHeadOf(release: ReleaseSnapshot): string | undefined {
  const merge = release.actions.find((a) => a.intent.action === 'merge-pr' && a.outcome?.ok);
  if (merge?.intent.action === 'merge-pr') return merge.intent.sha;
  return release.steps.filter((s) => s.status === 'done' && s.sha).at(-1)?.sha;
}

function pullAndBuilds(release: ReleaseSnapshot, { timeZone }: ReportOptions): string[] {
  const { pull, merge, builds, approval } = release;
  if (!pull && !builds.pr && !builds.deploy) return [];
  const lines: string[] = [];
  if (pull) {
    const merged = merge ? `, merged as ${code(shortShaOrUnknown(merge.sha))} at ${when(merge.at, release, timeZone)}` : ', not merged';
    lines.push(`- PR ${link(`#${pull.number}`, pull.url)}: ${pull.head} -> ${pull.base}${merged}`);
    const tested = testedHeadOf(release);
    if (tested) lines.push(`- Tested head ${code(shortShaOrUnknown(tested))}: the checks that gate passed on it${merge ? ', and the merge sent exactly it' : ''}`);
  }
  if (approval) {
    const given = approval.submittedAt ? Date.parse(approval.submittedAt) : approval.at;
    lines.push(`- Approved by ${approval.by} at ${when(given, release, timeZone)} (a review of ${code(shortShaOrUnknown(approval.sha))})`);
  }
  const restarts = release.actions.filter((a) => a.intent.action === 'restart-ci-job' && (a.outcome === undefined || a.outcome.ok));
  for (const a of restarts) {
    if (a.intent.action === 'restart-ci-job') lines.push(`- CI job ${a.intent.job} restarted by ${a.actor} at ${when(a.at, release, timeZone)}`);
  }
  for (const [label, build] of [
    ['PR build', builds.pr],
    ['Deploy build', builds.deploy],
  ] as const) {
    if (!build) continue;
    const took = build.startedAt && build.finishedAt ? `, ${formatDuration(Date.parse(build.finishedAt) - Date.parse(build.startedAt))}` : '';
    lines.push(`- ${label} ${link(`#${build.number}`, build.url)}: ${build.state}${took}`);
  }
  return ['## Pull request and builds', '', ...lines, ''];
}

function stepRow(step: StepRecord, index: number, release: ReleaseSnapshot, zone: string): string {
  const what = step.status === 'done' ? `done${step.outcome ? `: ${step.outcome}` : ''}` : step.status === 'skipped' ? `skipped: ${step.reason ?? 'no reason given'}` : `${step.status}${step.reason ? `: ${step.reason}` : ''}`;
  const started = step.startedAt !== undefined ? when(step.startedAt, release, zone) : '';
  const took = step.startedAt !== undefined && step.finishedAt !== undefined ? formatDuration(step.finishedAt - step.startedAt) : '';
  const who = step.status === 'pending' ? '' : (step.actor ?? release.openedBy);
  return `| ${index + 1} | ${cell(step.title)} | ${cell(what)} | ${who} | ${started} | ${took} |`;
}

function steps(release: ReleaseSnapshot, { timeZone }: ReportOptions): string[] {
  const rows = release.steps.map((s, i) => stepRow(s, i, release, timeZone));
  const skipped = release.steps.flatMap((s, i) => (s.status === 'skipped' ? [`- ${i + 1}. ${s.title}, skipped by ${s.actor ?? release.openedBy}: ${s.reason ?? 'no reason given'}`] : []));
  return ['## Steps', '', '| # | step | outcome | who | started | took |', '| --- | --- | --- | --- | --- | --- |', ...rows, '', ...(skipped.length > 0 ? ['Skipped, with the reasons given:', '', ...skipped, ''] : [])];
}

function ppcAttempts(actions: readonly ActionRecord[], customer: string): { requests: number; restarts: number } {
  let requests = 0;
  let restarts = 0;
  for (const a of actions) {
    const sent = a.outcome === undefined || a.outcome.ok;
    if (!sent) continue;
    if (a.intent.action === 'trigger-ppcs' && a.intent.customers.includes(customer)) requests += 1;
    if (a.intent.action === 'restart-job' && a.intent.customer === customer) restarts += 1;
  }
  return { requests, restarts };
}

function ppcs(release: ReleaseSnapshot): string[] {
  const { rollout, actions } = release;
  if (!rollout.target && rollout.ppcs.length === 0) return [];
  const counts = new Map<string, number>();
  for (const p of rollout.ppcs) counts.set(p.state, (counts.get(p.state) ?? 0) + 1);
  const requests = actions.filter((a) => a.intent.action === 'trigger-ppcs' && (a.outcome === undefined || a.outcome.ok)).length;
  const tally = [...counts].map(([state, n]) => `${n} ${state}`).join(', ');
  const head = `${tally || 'no PPC moved yet'}${rollout.target ? ` (target ${code(shortShaOrUnknown(rollout.target))})` : ''}; ${requests} update request${requests === 1 ? '' : 's'} to Travis.`;
  const rows = rollout.ppcs.map((p) => {
    const { requests: r, restarts } = ppcAttempts(actions, p.customer);
    const tries = [r > 0 ? `${r} request${r === 1 ? '' : 's'}` : '', restarts > 0 ? `${restarts} job restart${restarts === 1 ? '' : 's'}` : ''].filter(Boolean).join(', ');
    const detail = p.state === 'done' ? '' : (p.detail ?? '');
    return `| ${p.customer} | ${p.state} | ${tries || (p.state === 'done' ? 'already at the target' : '')} | ${cell(detail)} |`;
  });
  return ['## Customer PPCs', '', head, '', '| customer | outcome | updates | detail |', '| --- | --- | --- | --- |', ...rows, ''];
}

function notes(release: ReleaseSnapshot, { timeZone, warnings = [] }: ReportOptions): string[] {
  const lines = [...warnings.map((w) => `- Warning: ${w}`), ...release.notes.map((n) => `- ${when(n.at, release, timeZone)} ${n.text}`)];
  return lines.length > 0 ? ['## Notes', '', ...lines, ''] : [];
}
