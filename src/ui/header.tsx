import { useShallow } from 'zustand/react/shallow';
import type { RateQuota, SourceHealth, SourceName } from '../domain/source.js';
import { formatDuration } from '../format/duration.js';
import { disconnectedText, driverBanner, replicaText, watchersText, type MirrorLinkView } from '../format/mirror-link.js';
import { windowText } from '../format/schedule-text.js';
import { selectActiveIndex } from '../store/selectors.js';
import type { MetaState, Mode } from '../store/state.js';
import { useCockpitStore } from '../store/store-context.js';
import { Lines, glyph, line, span, type Line, type Span } from './components/lines.js';
import { useMirrorLink } from './mirror-link.js';
import { MUTED_COLOR, healthTone } from './theme.js';

const MODE_STYLE: Readonly<Record<Mode, { readonly text: string; readonly color: string }>> = {
  driving: { text: 'DRIVING', color: 'green' },
  demo: { text: 'DEMO', color: 'magenta' },
  mirror: { text: 'MIRROR', color: 'blue' },
  'read-only': { text: 'READ-ONLY', color: 'blue' },
};

const SOURCE_ORDER: readonly SourceName[] = ['github', 'travis', 'sites', 'ppcs'];

export interface HeaderView {
  readonly meta: MetaState;
  /** Every step done or skipped: said next to the release's name, the first thing anyone reads. */
  readonly isComplete: boolean;
  readonly sources: Readonly<Record<SourceName, SourceHealth>>;
  readonly quota: RateQuota | undefined;
  readonly now: number;
  /** The mirror this cockpit serves or watches, if any. */
  readonly mirror?: MirrorLinkView;
  /** The checklist row selected here: a watcher is told when the primary's is elsewhere. */
  readonly cursor?: number;
}

/** A watcher's banner: whose cockpit this is and, when the watcher looks elsewhere, where the primary is. */
function driverSpans({ mirror, cursor }: HeaderView): Span[] {
  const banner = driverBanner(mirror, cursor);
  return banner === undefined ? [] : [span(banner, { color: MODE_STYLE.mirror.color, bold: true })];
}

function titleSpans(view: HeaderView, isCompact: boolean): Span[] {
  const { meta, isComplete } = view;
  const mode = MODE_STYLE[meta.mode];
  // A watcher's banner already names the driver.
  const primary = view.mirror?.role === 'watching' ? undefined : meta.roles.primary;
  const roles = [primary && `primary ${primary}`, meta.roles.secondary && `secondary ${meta.roles.secondary}`].filter(Boolean).join(' · ');
  return [
    span(` ${mode.text} `, { color: mode.color, inverse: true, bold: true }),
    ...driverSpans(view),
    // The name already carries the date; the id is a fallback for a release without one.
    span(` ${meta.releaseName || meta.releaseId}`, { bold: true }),
    isComplete ? span(' ✔ release complete', { color: 'green', bold: true }) : span(''),
    meta.repo && !isCompact ? span(` · ${meta.repo}`, { color: MUTED_COLOR }) : span(''),
    roles ? span(` · ${roles}`, { color: MUTED_COLOR }) : span(''),
  ];
}

function windowSpan(label: string, at: number, now: number, zone: string, isCompact: boolean): Span {
  // Narrow terminals get only the countdown: "nightly 12h 00m" instead of "nightly Wed 02:00 CET (in 12h 00m)".
  if (isCompact) return span(`${label} ${at > now ? formatDuration(at - now) : 'now'}`, { color: MUTED_COLOR });
  let text: string;
  try {
    text = windowText(new Date(at), now, zone);
  } catch {
    // An unknown zone is config's problem to report; the header still shows the instant in UTC.
    text = windowText(new Date(at), now, 'UTC');
  }
  return span(`${label} ${text}`, { color: MUTED_COLOR });
}

/** How the mirror stands: a watcher's stale view first of all, a primary's number of watchers. */
function mirrorSpans({ mirror, now }: HeaderView): { readonly lead: Span[]; readonly tail: Span[] } {
  const tail = [watchersText(mirror), replicaText(mirror)].flatMap((text) => (text === undefined ? [] : [span(text, { color: MUTED_COLOR })]));
  const stale = disconnectedText(mirror, now);
  if (stale === undefined) return { lead: [], tail };
  return { lead: [glyph('warn'), span(stale, { color: 'yellow', bold: true }), span('· ', { color: MUTED_COLOR })], tail };
}

function statusSpans(view: HeaderView, isCompact: boolean): Span[] {
  const { meta, sources, quota, now } = view;
  const { lead, tail } = mirrorSpans(view);
  const out: Span[] = [...lead];
  for (const name of SOURCE_ORDER) {
    const health = sources[name];
    out.push(glyph(healthTone(health.state)), span(isCompact ? `${name} ` : ` ${name}  `, { color: health.state === 'ok' || health.state === 'unknown' ? MUTED_COLOR : health.state === 'down' ? 'red' : 'yellow' }));
  }
  if (quota) {
    const isLow = quota.remaining < quota.limit * 0.1;
    const limit = isCompact ? '' : `/${quota.limit.toLocaleString('en-US')}`;
    out.push(span(`· quota ${quota.remaining.toLocaleString('en-US')}${limit}`, { color: isLow ? 'yellow' : MUTED_COLOR }));
  }
  if (meta.windows) {
    out.push(span(' · ', { color: MUTED_COLOR }), windowSpan('nightly', meta.windows.nightly, now, meta.timezone, isCompact));
    out.push(span(' · ', { color: MUTED_COLOR }), windowSpan('weekly', meta.windows.weekly, now, meta.timezone, isCompact));
  }
  out.push(...tail);
  return out;
}

/** The header in `height` lines: release and roles, then source health, quota and the next windows (one line joins both). */
export function headerLines(view: HeaderView, width: number, height: number): Line[] {
  if (height <= 0) return [];
  const isCompact = width < 130;
  if (height === 1) return [line('header', ...titleSpans(view, isCompact), span('  │ ', { color: MUTED_COLOR }), ...statusSpans(view, isCompact))];
  return [line('title', ...titleSpans(view, isCompact)), line('status', span(' '), ...statusSpans(view, isCompact))];
}

export interface HeaderProps {
  readonly width: number;
  readonly height: number;
}

/** Release, roles, mode, each source's health, GitHub quota left and the time to the next windows. */
export function Header({ width, height }: HeaderProps) {
  const [meta, sources, quota, now] = useCockpitStore(useShallow((s) => [s.meta, s.sources, s.quota, s.now] as const));
  const isComplete = useCockpitStore((s) => selectActiveIndex(s) === -1);
  const cursor = useCockpitStore((s) => s.checklist.cursor);
  const mirror = useMirrorLink();
  return <Lines lines={headerLines({ meta, isComplete, sources, quota, now, mirror, cursor }, width, height)} width={width} />;
}
