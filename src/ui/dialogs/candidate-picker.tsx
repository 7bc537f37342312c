import { Text } from 'ink';
import SelectInput from 'ink-select-input';
import { useCallback, useMemo } from 'react';
import type { CiState } from '../../domain/ci.js';
import { headline } from '../../domain/commit.js';
import { formatAge } from '../../format/age.js';
import { shortShaOrUnknown } from '../../format/sha.js';
import type { CandidateRow, Loadable } from '../../store/state.js';
import { LineView, glyph, line, span, type Line } from '../components/lines.js';
import { Pane } from '../components/pane.js';
import { contentSize } from '../layout.js';
import { MUTED_COLOR, SELECTED_COLOR, ciTone } from '../theme.js';

export interface CandidatePickerProps {
  readonly candidates: Loadable<readonly CandidateRow[]>;
  /** The branch the candidates come from, for the title ("staging"). */
  readonly branch: string;
  /** Only while the picker is open, and never without a terminal: ink-select-input binds ↑↓, j/k, Enter and 1-9 itself. */
  readonly isFocused: boolean;
  readonly onChoose: (sha: string, ci: CiState) => void;
  readonly now: number;
  readonly width: number;
  readonly height: number;
}

/** ink-select-input's item shape (its index does not re-export the type). */
interface SelectItem<V> {
  key?: string;
  label: string;
  value: V;
}

const CI_WORD: Readonly<Record<CiState, string>> = { success: 'green', failure: 'RED', pending: 'running', none: 'no CI' };

/**
 * One candidate as a line: CI glyph, sha, then what decides the choice (latest green, or that it needs an
 * override) before the headline, so that a narrow pane cuts the headline and never the warning.
 */
export function candidateLine(row: CandidateRow, now: number, isSelected: boolean): Line {
  const marks = [row.isLatestGreen && 'latest green', row.isHead && 'head'].filter(Boolean).join(', ');
  const isRed = row.ci === 'failure';
  return line(
    row.commit.sha,
    glyph(ciTone(row.ci)),
    span(` ${shortShaOrUnknown(row.commit.sha)} `, { color: 'yellow' }),
    row.ci !== 'success' ? span(`${CI_WORD[row.ci]}, needs override `, { color: isRed ? 'red' : 'yellow', bold: isRed }) : undefined,
    marks ? span(`[${marks}] `, { color: row.isLatestGreen ? 'green' : MUTED_COLOR }) : undefined,
    span(headline(row.commit.message), isSelected ? { color: SELECTED_COLOR, bold: true } : {}),
    span(` · ${row.commit.author}, ${formatAge(row.commit.date, now)}`, { color: MUTED_COLOR }),
  );
}

/** The index the list opens on: the latest green commit, else the head. */
export function initialCandidateIndex(rows: readonly CandidateRow[]): number {
  return Math.max(0, rows.findIndex((row) => row.isLatestGreen));
}

/** Recent commits of the promoting branch with their CI; the latest green one preselected. */
export function CandidatePicker({ candidates, branch, isFocused, onChoose, now, width, height }: CandidatePickerProps) {
  const inner = contentSize({ width, height });
  const rows = candidates.status === 'loading' ? [] : (candidates.data ?? []);
  const items = useMemo<Array<SelectItem<string>>>(() => rows.map((row) => ({ key: row.commit.sha, label: row.commit.sha, value: row.commit.sha })), [rows]);
  const bySha = useMemo(() => new Map(rows.map((row) => [row.commit.sha, row])), [rows]);
  const onSelect = useCallback(
    (item: SelectItem<string>) => {
      const row = bySha.get(item.value);
      if (row) onChoose(row.commit.sha, row.ci);
    },
    [bySha, onChoose],
  );
  // ink-select-input draws a label; ours draws the whole candidate line in color from the sha it is given.
  const ItemLine = useCallback(
    ({ isSelected = false, label }: { readonly isSelected?: boolean; readonly label: string }) => {
      const row = bySha.get(label);
      return row ? <LineView line={candidateLine(row, now, isSelected)} width={Math.max(0, inner.width - 2)} /> : <Text>{label}</Text>;
    },
    [bySha, now, inner.width],
  );

  let body;
  if (candidates.status === 'loading') body = <Text color={MUTED_COLOR}>Reading recent {branch} commits…</Text>;
  else if (rows.length === 0) {
    body =
      candidates.status === 'error' ? (
        <LineView line={line('error', glyph('fail'), span(` Could not read ${branch}'s commits: ${candidates.message}`, { color: 'red' }))} width={inner.width} />
      ) : (
        <Text color={MUTED_COLOR}>Nothing to promote: every commit on {branch} is already released.</Text>
      );
  } else {
    body = (
      <>
        <SelectInput
          items={items}
          isFocused={isFocused}
          initialIndex={initialCandidateIndex(rows)}
          limit={Math.max(1, inner.height - 1)}
          itemComponent={ItemLine}
          onSelect={onSelect}
        />
        <Text color={MUTED_COLOR} wrap="truncate">
          ↑↓ move · Enter choose · Esc close
        </Text>
      </>
    );
  }
  return (
    <Pane title={`Choose the candidate from ${branch}`} width={width} height={height} isFocused>
      {body}
    </Pane>
  );
}
