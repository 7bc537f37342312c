import { useShallow } from 'zustand/react/shallow';
import type { Build, Job } from '../../domain/ci.js';
import type { PullRequest } from '../../domain/pull.js';
import type { CheckLine, HeadVerdict } from '../../domain/required-checks.js';
import type { SourceHealth } from '../../domain/source.js';
import { mergedSha, sameRevision } from '../../domain/sha.js';
import { formatDuration } from '../../format/duration.js';
import { shortShaOrUnknown } from '../../format/sha.js';
import { selectCiJobs } from '../../store/selectors.js';
import { useCockpitStore } from '../../store/store-context.js';
import { Lines, glyph, line, span, type Line } from '../components/lines.js';
import { Pane, type PaneFrameProps } from '../components/pane.js';
import { moreLine } from '../components/windowed-list.js';
import { contentSize } from '../layout.js';
import { MUTED_COLOR, SELECTED_COLOR, travisTone, type Tone } from '../theme.js';
import { windowFor } from '../window.js';

export interface CiView {
  readonly pull: PullRequest | null;
  /** The verdict of the PR's head: which checks gate it, and the optional ones beside them. */
  readonly prCi?: HeadVerdict | undefined;
  readonly prBuild: Build | null;
  readonly deployBuild: Build | null;
  /** The promotion's merge commit once merged (`mergedSha`: never GitHub's test merge): which push build deploys it. */
  readonly mergeSha: string | undefined;
  readonly github: SourceHealth;
  readonly travis: SourceHealth;
  readonly cursor: number;
  readonly now: number;
  /** How long each job name usually takes (ms); a job still running shows it beside its elapsed time. */
  readonly usualJobMs?: Readonly<Record<string, number>>;
}

function elapsed(startedAt: string | null, finishedAt: string | null, now: number): string {
  if (!startedAt) return 'not started';
  return formatDuration((finishedAt ? Date.parse(finishedAt) : now) - Date.parse(startedAt));
}

/** A job's time: elapsed, and against its usual duration while it is still queued or running. */
function jobTime(j: Job, now: number, usualMs: number | undefined): string {
  const isWaiting = j.state === 'created' || j.state === 'queued' || j.state === 'received';
  const time = isWaiting ? j.state : elapsed(j.startedAt, j.finishedAt, now);
  // Short enough for a 44-column pane at 80x24: "1m 02s of ~5m 44s", "queued (~3m 50s)".
  if (usualMs === undefined) return time;
  if (isWaiting) return `${time} (~${formatDuration(usualMs)})`;
  return j.state === 'started' ? `${time} of ~${formatDuration(usualMs)}` : time;
}

const CHECK_TONE: Readonly<Record<CheckLine['state'], Tone>> = { success: 'ok', failure: 'fail', pending: 'running', none: 'pending', missing: 'pending', unknown: 'warn' };

/** The head's checks in a line or two: which gate (and why), and the optional ones, shown but never counted. */
function checkLines(ci: HeadVerdict): Line[] {
  const out: Line[] = [];
  const gating = ci.gating.map((l) => `${l.name}${l.state === 'missing' ? ' (expected)' : l.state === 'unknown' ? ' (unknown)' : ''}`).join(', ');
  out.push(line('checks:gating', glyph(CHECK_TONE[ci.state]), span(` head ${shortShaOrUnknown(ci.sha)} · gating: ${gating || 'none reported yet'}`, { color: MUTED_COLOR })));
  if (ci.optional.length > 0) {
    const optional = ci.optional.map((l) => `${l.name} ${l.state === 'success' ? 'passed' : l.state === 'failure' ? 'failed' : l.state}`).join(', ');
    out.push(line('checks:optional', span(`   optional, not counted: ${optional}`, { color: MUTED_COLOR })));
  }
  if (ci.note) out.push(line('checks:note', glyph('warn'), span(` ${ci.note}; gating on ${ci.why}`, { color: 'yellow' })));
  return out;
}

/** Lines of the CI pane, at most `height`, the selected job kept in view. */
export function ciLines(view: CiView, height: number): Line[] {
  const head: Line[] = [];
  for (const source of [view.github, view.travis]) {
    if (source.state === 'down' || source.state === 'degraded') {
      head.push(line(`${source.source}:error`, glyph(source.state === 'down' ? 'fail' : 'warn'), span(` ${source.source}: ${source.detail ?? source.state}`, { color: source.state === 'down' ? 'red' : 'yellow' })));
    }
  }
  if (!view.pull && !view.prBuild && !view.deployBuild) {
    if (view.github.state === 'unknown') return [...head, line('loading', span('Reading pull requests and builds…', { color: MUTED_COLOR }))].slice(0, height);
    return [...head, line('empty', span('No promotion PR yet.', { color: MUTED_COLOR }))].slice(0, height);
  }

  if (view.pull) {
    const p = view.pull;
    const state = p.merged ? 'merged' : p.state === 'closed' ? 'closed' : `open · ${p.mergeableState}`;
    head.push(line('pull', span(`PR #${p.number} `, { bold: true }), span(`${p.headRef} → ${p.baseRef} · ${state}`)));
    if (view.prCi && view.prCi.sha === p.headSha) head.push(...checkLines(view.prCi));
  }

  // The same order as `selectCiJobs`, which the key router uses to find the job under the cursor.
  const jobCount = (view.prBuild?.jobs.length ?? 0) + (view.deployBuild?.jobs.length ?? 0);
  const selected = Math.min(view.cursor, Math.max(0, jobCount - 1));
  const rows: Line[] = [];
  let selectedRow = 0;
  let index = 0;
  // Until the merge's own push build shows up, the latest push build is the one before it: say so, or it
  // reads as "deployed" while the deploy has not even started.
  const isOwnDeploy = view.deployBuild !== null && view.mergeSha !== undefined && sameRevision(view.deployBuild.sha, view.mergeSha);
  const builds: Array<[string, Build | null]> = [
    ['PR build', view.prBuild],
    [isOwnDeploy ? 'Deploy build' : 'Previous deploy', view.deployBuild],
  ];
  for (const [label, b] of builds) {
    if (label !== 'PR build' && view.mergeSha && !isOwnDeploy) {
      rows.push(line('deploy:waiting', glyph('pending'), span(` Deploy build: waiting for the push build of ${shortShaOrUnknown(view.mergeSha)}`, { color: MUTED_COLOR })));
    }
    if (!b) {
      if (label === 'PR build' && view.pull && !view.pull.merged) rows.push(line('pr-build:waiting', glyph('pending'), span(' PR build: waiting for Travis to start it', { color: MUTED_COLOR })));
      continue;
    }
    rows.push(
      line(
        `${label}:${b.id}`,
        glyph(travisTone(b.state)),
        span(` ${label} #${b.number} `, { bold: true }),
        span(`${b.state} · ${elapsed(b.startedAt, b.finishedAt, view.now)}`, { color: MUTED_COLOR }),
      ),
    );
    for (const j of b.jobs) {
      const isSelected = index === selected;
      if (isSelected) selectedRow = rows.length;
      rows.push(
        line(
          `job:${j.id}`,
          span(isSelected ? '› ' : '  ', { color: SELECTED_COLOR, bold: true }),
          glyph(travisTone(j.state)),
          span(` ${j.number} ${j.name}`, isSelected ? { color: SELECTED_COLOR, bold: true } : {}),
          span(`  ${jobTime(j, view.now, view.usualJobMs?.[j.name])}`, { color: MUTED_COLOR }),
          j.allowFailure && span(' (may fail)', { color: MUTED_COLOR }),
        ),
      );
      index += 1;
    }
  }

  const room = Math.max(0, height - head.length);
  const w = windowFor(rows.length, selectedRow, room);
  const more = moreLine(w);
  return [...head, ...rows.slice(w.start, w.end), ...(more ? [line('more', span(more, { color: MUTED_COLOR }))] : [])].slice(0, height);
}

/** The promotion PR's build and the deploy push build, each with its jobs; a job cursor for `l`. */
export function CiPane({ width, height, isFocused }: PaneFrameProps) {
  const [pull, prCi, prBuild, deployBuild, mergeSha, github, travis, cursor, now, usualJobMs] = useCockpitStore(
    useShallow((s) => [s.promotion.pull, s.promotion.prCi, s.promotion.prBuild, s.promotion.deployBuild, mergedSha(s.promotion), s.sources.github, s.sources.travis, s.ui.ciCursor, s.now, s.promotion.usualJobMs] as const),
  );
  const inner = contentSize({ width, height });
  const view: CiView = { pull, prCi, prBuild, deployBuild, mergeSha, github, travis, cursor, now, usualJobMs };
  const jobs = useCockpitStore(selectCiJobs);
  const badge = jobs.length > 0 ? `${jobs.filter((row) => row.job.state === 'passed').length}/${jobs.length} passed` : undefined;
  return (
    <Pane title="CI" badge={badge} width={width} height={height} isFocused={isFocused}>
      <Lines lines={ciLines(view, inner.height)} width={inner.width} />
    </Pane>
  );
}
