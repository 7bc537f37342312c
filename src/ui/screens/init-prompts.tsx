import { Box, Text, useInput } from 'ink';
import SelectInput from 'ink-select-input';
import { useCallback, useMemo, useState } from 'react';
import type { InitChoices, InitQuestion } from '../../domain/init-questions.js';
import { GLYPH, MUTED_COLOR, SELECTED_COLOR, TONE_COLOR } from '../theme.js';

export interface InitPromptsProps {
  /** Asked in order, one at a time. */
  readonly questions: readonly InitQuestion[];
  /** Every question answered: question id -> value. */
  readonly onDone: (choices: InitChoices) => void;
  /** Esc or Ctrl-C: nothing is to be written. */
  readonly onAbort: () => void;
  /** Rows a list may take before it scrolls. @default 8 */
  readonly limit?: number;
}

/** ink-select-input's item shape (its index does not re-export the type). */
interface SelectItem {
  key?: string;
  label: string;
  value: string;
}

/**
 * `cockpit init`'s questions: the ones answered above as one line each, the current one with its choices and the
 * default preselected, so Enter alone takes every default. Only renders and dispatches: what to ask is
 * domain/init-questions.ts's.
 */
export function InitPrompts({ questions, onDone, onAbort, limit = 8 }: InitPromptsProps) {
  const [answers, setAnswers] = useState<readonly string[]>([]);
  const current = questions[answers.length];
  useInput((input, key) => {
    // Ink hands Ctrl-C to us only because init renders with exitOnCtrlC off: leaving must write nothing.
    if (key.escape || (key.ctrl && input === 'c')) onAbort();
  });
  // The default stays marked once the cursor moves away from it.
  const items = useMemo<SelectItem[]>(
    () => (current ? current.choices.map((c) => ({ key: c.value, label: c.value === current.defaultValue ? `${c.label} · default` : c.label, value: c.value })) : []),
    [current],
  );
  const onSelect = useCallback(
    (item: SelectItem) => {
      if (!current) return;
      const next = [...answers, item.value];
      setAnswers(next);
      if (next.length === questions.length) onDone(Object.fromEntries(questions.map((q, i) => [q.id, next[i] ?? q.defaultValue])));
    },
    [answers, current, questions, onDone],
  );
  return (
    <Box flexDirection="column">
      {questions.slice(0, answers.length).map((q, i) => (
        <Text key={q.id} wrap="truncate">
          <Text color={TONE_COLOR.ok}>{GLYPH.ok}</Text> {q.title} <Text bold>{q.choices.find((c) => c.value === answers[i])?.label ?? answers[i]}</Text>
        </Text>
      ))}
      {current && (
        <Box flexDirection="column" marginTop={answers.length ? 1 : 0}>
          <Text wrap="truncate">
            <Text color={SELECTED_COLOR}>{GLYPH.active}</Text> <Text bold>{current.title}</Text>{' '}
            <Text color={MUTED_COLOR}>
              ({answers.length + 1} of {questions.length})
            </Text>
          </Text>
          <Text color={MUTED_COLOR} wrap="truncate">
            {'  '}
            {current.why}
          </Text>
          <SelectInput
            key={current.id}
            items={items}
            initialIndex={Math.max(0, current.choices.findIndex((c) => c.value === current.defaultValue))}
            limit={limit}
            onSelect={onSelect}
          />
          <Text color={MUTED_COLOR} wrap="truncate">
            ↑↓ move · Enter choose · Esc quit, nothing written
          </Text>
        </Box>
      )}
    </Box>
  );
}
