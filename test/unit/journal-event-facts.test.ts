import { describe, expect, it } from 'vitest';
import { createJournalFacts } from '../../src/modes/release/journal-facts.js';
import type { UnstampedEvent } from '../../src/journal/events.js';
import { build, candidates, diff, environment, freshStore, pull, ppcs, sha } from '../helpers/ui-fixtures.js';

/** Applies `change` to a fixture store and returns what the journal would write of the events it makes. */
function journalOf(setup: (s: ReturnType<typeof freshStore>) => void, change: (s: ReturnType<typeof freshStore>) => void, facts = createJournalFacts()): UnstampedEvent[] {
  const store = freshStore();
  setup(store);
  const out: UnstampedEvent[] = [];
  const unlisten = store.getState().onEvent((event, next, previous) => void out.push(...facts(event, previous, next)));
  change(store);
  unlisten();
  return out;
}

describe('what the store\'s events write to the journal', () => {
  it('writes a step transition with its whole progress, and nothing for a change the journal does not keep', () => {
    const events = journalOf(
      () => undefined,
      (s) => {
        const [first, second, ...rest] = s.getState().checklist.steps;
        s.getState().stepsAdvanced([{ ...first!, status: 'done', outcome: 'confirmed', finishedAt: 2 }, { ...second!, status: 'active', startedAt: 2 }, ...rest]);
      },
    );
    expect(events).toEqual([
      { type: 'step', step: 'review', status: 'done', outcome: 'confirmed', finishedAt: 2 },
      { type: 'step', step: 'choose', status: 'active', startedAt: 2 },
    ]);
    expect(journalOf(() => undefined, (s) => s.getState().moveCursor(1))).toEqual([]);
  });

  it('writes the candidate with its headline, and what the release moves', () => {
    const production = environment('production');
    const events = journalOf(
      (s) => {
        s.getState().candidatesRead({ status: 'ready', data: candidates(), at: 0 });
        s.getState().environmentsRead({ status: 'ready', data: [environment('staging'), production], at: 0 }, [diff('staging', 'production')]);
      },
      (s) => s.getState().candidateChosen(sha('900d')),
    );
    expect(events).toEqual([
      { type: 'candidate', sha: sha('900d'), headline: 'Speed up the search index' },
      { type: 'components', service: { from: production.head.sha, to: sha('900d') }, ppc: { from: sha('a1b2c3'), to: sha('d4e5f6') }, sdk: { from: '0.11.2', to: '0.11.3' } },
    ]);
  });

  it('writes the PR, its build when seen and when finished, the merge, and only the deploy build of the merge', () => {
    const d = createJournalFacts();
    const opened = journalOf(() => undefined, (s) => s.getState().promotionRead({ pull: pull(), prBuild: build() }), d);
    expect(opened.map((e) => e.type)).toEqual(['pull', 'build']);
    const again = journalOf((s) => s.getState().promotionRead({ pull: pull() }), (s) => s.getState().promotionRead({ prBuild: build() }), d);
    expect(again).toEqual([]);
    const passed = journalOf((s) => s.getState().promotionRead({ pull: pull() }), (s) => s.getState().promotionRead({ prBuild: build({ state: 'passed', finishedAt: 'x' }) }), d);
    expect(passed).toEqual([expect.objectContaining({ type: 'build', role: 'pr', id: 1234, state: 'passed' })]);

    const mergeSha = sha('3e49e');
    const merged = journalOf(
      (s) => s.getState().promotionRead({ pull: pull() }),
      (s) => s.getState().promotionRead({ pull: pull({ merged: true, state: 'closed', mergeCommitSha: mergeSha }), deployBuild: build({ id: 99, event: 'push', sha: sha('01d') }) }),
      d,
    );
    expect(merged).toEqual([{ type: 'merged', number: 42, sha: mergeSha }]);
    const deploy = journalOf(
      (s) => s.getState().promotionRead({ pull: pull({ merged: true, state: 'closed', mergeCommitSha: mergeSha }) }),
      (s) => s.getState().promotionRead({ deployBuild: build({ id: 100, event: 'push', sha: mergeSha }) }),
      d,
    );
    expect(deploy).toEqual([expect.objectContaining({ type: 'build', role: 'deploy', id: 100 })]);
  });

  it('writes the rollout target with the fleet as it stood, then each PPC whose state changes', () => {
    const fleet = ppcs(3, (i) => (i === 0 ? { state: 'done' } : {}));
    const started = journalOf(
      (s) => s.getState().fleetRead(fleet),
      (s) => s.getState().rolloutStarted(sha('d4e5f6')),
    );
    expect(started).toEqual([
      { type: 'rollout', target: sha('d4e5f6') },
      { type: 'ppc', customer: 'ppc-0001', state: 'done' },
    ]);
    const moved = journalOf(
      (s) => {
        s.getState().fleetRead(fleet);
        s.getState().rolloutStarted(sha('d4e5f6'));
      },
      (s) => s.getState().ppcsUpdated([{ id: 'ppc-0002', state: 'failed', detail: 'job failed' }, { id: 'ppc-0003', detail: 'only the detail' }]),
    );
    expect(moved).toEqual([{ type: 'ppc', customer: 'ppc-0002', state: 'failed', detail: 'job failed' }]);
  });

  it('writes nothing about PPCs before the rollout has a target (the fleet poller reclassifying is not the release)', () => {
    expect(journalOf((s) => s.getState().fleetRead(ppcs(2)), (s) => s.getState().ppcsUpdated([{ id: 'ppc-0001', state: 'done' }]))).toEqual([]);
  });
});
