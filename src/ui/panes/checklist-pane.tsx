import { useShallow } from 'zustand/react/shallow';
import type { StepDefinition, StepKind, StepProgress } from '../../domain/playbook.js';
import { usuallyText } from '../../format/usual.js';
import { selectUsualStepMs } from '../../store/history-selectors.js';
import { selectActiveIndex, selectSelectedStep, type StepView } from '../../store/selectors.js';
import { useCockpitStore } from '../../store/store-context.js';
import { Lines, glyph, line, span, type Line } from '../components/lines.js';
import { Pane, type PaneFrameProps } from '../components/pane.js';
import { moreLine } from '../components/windowed-list.js';
import { contentSize } from '../layout.js';
import { wrapLines } from '../text.js';
import { MUTED_COLOR, SELECTED_COLOR, stepTone, type Tone } from '../theme.js';
import { windowFor } from '../window.js';

const KIND_TEXT: Readonly<Record<StepKind, string>> = {
  manual: 'you confirm it',
  choose: 'you choose',
  action: 'the cockpit does it after y/n',
  gate: 'completes on its own',
};

const INDENT = '    ';

function conditionTone(view: StepView): Tone {
  if (view.condition.isFailed) return 'fail';
  if (view.condition.isMet || view.progress.status === 'done') return 'ok';
  if (view.progress.status === 'skipped') return 'skipped';
  return view.isCurrent ? 'running' : 'pending';
}

/**
 * The selected step's details: who and how (and how long it usually takes, from past releases), what it does,
 * its live condition, and why it was skipped or failed.
 */
export function detailLines(view: StepView, width: number, descriptionLines: number, conditionLines = 1, usualMs?: number): Line[] {
  const { definition, progress, condition } = view;
  const isOpen = progress.status !== 'done' && progress.status !== 'skipped';
  const usual = usualMs !== undefined && isOpen ? ` · ${usuallyText(usualMs)}` : '';
  const out: Line[] = [line('detail:who', span(`${INDENT}${definition.who} · ${KIND_TEXT[definition.kind]}${usual}`, { color: MUTED_COLOR }))];
  wrapLines(definition.description, width - INDENT.length, descriptionLines).forEach((text, i) => out.push(line(`detail:desc:${i}`, span(INDENT + text))));
  const tone = conditionTone(view);
  const color = tone === 'fail' ? 'red' : tone === 'ok' ? 'green' : 'yellow';
  wrapLines(condition.text, width - INDENT.length - 2, Math.max(1, conditionLines)).forEach((text, i) =>
    out.push(line(`detail:condition:${i}`, span(INDENT), i === 0 ? glyph(tone) : span(' '), span(` ${text}`, { color }))),
  );
  // A failed gate's reason is usually its condition, already shown just above.
  if (progress.reason && progress.reason !== condition.text) {
    out.push(line('detail:reason', span(`${INDENT}${progress.status === 'skipped' ? 'skipped' : 'why'}: ${progress.reason}`, { color: progress.status === 'failed' ? 'red' : MUTED_COLOR })));
  }
  if (progress.outcome && progress.outcome !== condition.text) out.push(line('detail:outcome', span(`${INDENT}${progress.outcome}`, { color: MUTED_COLOR })));
  return out;
}

function stepLine(definition: StepDefinition | undefined, progress: StepProgress, index: number, isSelected: boolean, isCurrent: boolean): Line {
  const title = definition?.title ?? progress.id;
  const settled = progress.status === 'done' || progress.status === 'skipped';
  return line(
    `step:${progress.id}`,
    span(isSelected ? '› ' : '  ', { color: SELECTED_COLOR, bold: true }),
    glyph(stepTone(progress.status)),
    span(` ${index + 1}. ${title}`, isSelected ? { color: SELECTED_COLOR, bold: true } : settled ? { color: MUTED_COLOR } : { bold: isCurrent }),
  );
}

/**
 * The checklist in at most `height` lines: every step (windowed around the cursor when they do not fit) with
 * the selected one expanded. The description gives way first, then steps far from the cursor.
 */
export function checklistLines(
  definitions: readonly StepDefinition[],
  steps: readonly StepProgress[],
  cursor: number,
  activeIndex: number,
  selected: StepView | undefined,
  width: number,
  height: number,
  usualMs?: number,
): Line[] {
  if (steps.length === 0) return [line('empty', span('This playbook has no steps.', { color: MUTED_COLOR }))];
  // Spare lines go to the live condition first (a second line), then the description (up to four).
  const fixedDetails = selected ? detailLines(selected, width, 0, 1, usualMs).length : 0;
  const spare = Math.max(0, height - steps.length - fixedDetails);
  const conditionLines = spare > 0 ? 2 : 1;
  const conditionExtra = selected ? detailLines(selected, width, 0, conditionLines, usualMs).length - fixedDetails : 0;
  const descriptionLines = Math.max(0, Math.min(4, spare - conditionExtra));
  const details = selected ? detailLines(selected, width, descriptionLines, conditionLines, usualMs).slice(0, Math.max(0, height - 1)) : [];
  const window = windowFor(steps.length, cursor, Math.max(1, height - details.length));
  const out: Line[] = [];
  for (let i = window.start; i < window.end; i += 1) {
    const progress = steps[i];
    if (!progress) continue;
    const definition = definitions.find((d) => d.id === progress.id);
    out.push(stepLine(definition, progress, i, i === cursor, i === activeIndex));
    if (i === cursor) out.push(...details);
  }
  const more = moreLine(window);
  if (more) out.push(line('more', span(more, { color: MUTED_COLOR })));
  return out.slice(0, Math.max(0, height));
}

/** The playbook's steps with the selected one expanded: what it does, who does it, and its live condition. */
export function ChecklistPane({ width, height, isFocused }: PaneFrameProps) {
  const [definitions, steps, cursor] = useCockpitStore(
    useShallow((s) => [s.checklist.playbook.steps, s.checklist.steps, s.checklist.cursor] as const),
  );
  const activeIndex = useCockpitStore(selectActiveIndex);
  const selected = useCockpitStore(selectSelectedStep);
  const usualMs = useCockpitStore((s) => selectUsualStepMs(s, selected?.definition.id));
  const inner = contentSize({ width, height });
  const done = steps.filter((s) => s.status === 'done' || s.status === 'skipped').length;
  return (
    <Pane title="Checklist" badge={`${done}/${steps.length} done`} width={width} height={height} isFocused={isFocused}>
      <Lines lines={checklistLines(definitions, steps, cursor, activeIndex, selected, inner.width, inner.height, usualMs)} width={inner.width} />
    </Pane>
  );
}
