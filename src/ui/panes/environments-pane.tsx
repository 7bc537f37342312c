import { useShallow } from 'zustand/react/shallow';
import { headline } from '../../domain/commit.js';
import type { EnvironmentDiff, EnvironmentStatus } from '../../domain/environment.js';
import { formatAge } from '../../format/age.js';
import { diffSentence } from '../../format/diff-text.js';
import { shortShaOrUnknown } from '../../format/sha.js';
import type { Loadable } from '../../store/state.js';
import { useCockpitStore } from '../../store/store-context.js';
import { Lines, glyph, line, span, type Line } from '../components/lines.js';
import { Pane, type PaneFrameProps } from '../components/pane.js';
import { contentSize } from '../layout.js';
import { wrapLines } from '../text.js';
import { MUTED_COLOR, ciTone } from '../theme.js';

/**
 * Each environment in three lines (head; site, health, author and age; components), then the diff to the
 * next environment up. When that does not fit, the components lines go first (and the diff gets one line),
 * then the second lines.
 */
export function environmentLines(
  environments: Loadable<readonly EnvironmentStatus[]>,
  diffs: readonly EnvironmentDiff[],
  now: number,
  width: number,
  height: number,
): Line[] {
  if (environments.status === 'loading') return [line('loading', span('Reading branches and sites…', { color: MUTED_COLOR }))];
  const out: Line[] = [];
  if (environments.status === 'error') {
    out.push(line('error', glyph('fail'), span(` Could not read environments: ${environments.message}`, { color: 'red' })));
    if (!environments.data) return out;
  }
  const envs = environments.data ?? [];
  if (envs.length === 0) return [...out, line('empty', span('No environments configured.', { color: MUTED_COLOR }))];
  const nameWidth = Math.max(...envs.map((e) => e.name.length));

  for (const detail of [3, 2, 1] as const) {
    const lines = [...out];
    for (const env of envs) {
      lines.push(...environmentBlock(env, nameWidth, now, detail));
      const d = diffs.find((x) => x.from === env.name);
      // The diff is what the review step is about: it wraps (up to three lines) rather than lose its end.
      if (d && detail > 1) {
        wrapLines(diffSentence(d), width - 4, detail === 3 ? 3 : 1).forEach((text, i) =>
          lines.push(line(`${env.name}:diff:${i}`, span(i === 0 ? '  ↕ ' : '    ', { color: MUTED_COLOR }), span(text, { color: 'yellow' }))),
        );
      }
    }
    if (lines.length <= height || detail === 1) return lines.slice(0, Math.max(0, height));
  }
  return out;
}

function environmentBlock(env: EnvironmentStatus, nameWidth: number, now: number, detail: 1 | 2 | 3): Line[] {
  const head = line(
    `${env.name}:head`,
    glyph(ciTone(env.headCi)),
    span(` ${env.name.padEnd(nameWidth)} `, { bold: true }),
    span(shortShaOrUnknown(env.head.sha), { color: 'yellow' }),
    span(` ${headline(env.head.message)}`),
  );
  if (detail === 1) return [head];
  // A token without Checks or Commit statuses: one line naming the permission, the rest of the block as usual.
  const ci = env.ciUnreadable ? [line(`${env.name}:ci`, span('  CI ', { color: MUTED_COLOR }), glyph('fail'), span(` ${env.ciUnreadable}`, { color: 'red' }))] : [];
  // What the site serves and its health come first: they are what a release breaks; who and when can be cut.
  const site = line(
    `${env.name}:site`,
    span('  site ', { color: MUTED_COLOR }),
    env.siteMatchesHead ? glyph('ok') : glyph('fail'),
    env.siteMatchesHead ? span(' serves head') : span(` serves ${env.site.version ? shortShaOrUnknown(env.site.version) : 'nothing readable'}`, { color: 'red' }),
    span(' · ', { color: MUTED_COLOR }),
    env.site.healthy ? glyph('ok') : glyph('fail'),
    env.site.healthy ? span(' healthy') : span(` unhealthy${env.site.detail ? `: ${env.site.detail}` : ''}`, { color: 'red' }),
    span(` · ${env.head.author}, ${formatAge(env.head.date, now)}`, { color: MUTED_COLOR }),
  );
  if (detail === 2) return [head, ...ci, site];
  const c = env.components;
  const components = line(
    `${env.name}:components`,
    span(`  PPC ${c.ppcRevision ? shortShaOrUnknown(c.ppcRevision) : '?'} · SDK ${c.sdkVersion ?? '?'}`, { color: MUTED_COLOR }),
    c.problems.length > 0 && span(' '),
    c.problems.length > 0 && glyph('warn'),
    c.problems.length > 0 && span(` ${c.problems[0]}`, { color: 'yellow' }),
  );
  return [head, ...ci, site, components];
}

/** Branch heads, what each site serves and its health, the pinned components and the diff to the next environment. */
export function EnvironmentsPane({ width, height, isFocused }: PaneFrameProps) {
  const [environments, diffs, now] = useCockpitStore(useShallow((s) => [s.environments, s.diffs, s.now] as const));
  const inner = contentSize({ width, height });
  const badge = environments.status === 'error' ? 'stale' : undefined;
  return (
    <Pane title="Environments" badge={badge} width={width} height={height} isFocused={isFocused}>
      <Lines lines={environmentLines(environments, diffs, now, inner.width, inner.height)} width={inner.width} />
    </Pane>
  );
}
