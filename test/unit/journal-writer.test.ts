import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { WEEKLY_PLAYBOOK } from '../../src/domain/weekly-playbook.js';
import { parseJournal } from '../../src/journal/parse.js';
import { replay } from '../../src/journal/replay.js';
import { journalPort } from '../../src/journal/port.js';
import { attachJournal } from '../../src/modes/release/journal-facts.js';
import { openJournalWriter } from '../../src/journal/writer.js';
import { createCockpitStore } from '../../src/store/create-cockpit-store.js';
import { RELEASE, T0 } from '../helpers/journal-fixtures.js';

const dirs: string[] = [];
function tempFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'cockpit-journal-'));
  dirs.push(dir);
  return join(dir, 'releases', '2026-11-24-weekly.jsonl');
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const read = (path: string) => parseJournal(readFileSync(path, 'utf8'));

describe('the journal writer', () => {
  it('stamps each line with when and who, and creates the releases directory', () => {
    const path = tempFile();
    const writer = openJournalWriter({ path, actor: 'dana-w', now: () => T0 });
    writer.append([RELEASE, { type: 'note', text: 'hello' }]);
    writer.setActor('eli-r');
    writer.append({ type: 'note', text: 'took over' });
    writer.close();
    const { events, problems } = read(path);
    expect(problems).toEqual([]);
    expect(events.map((e) => [e.type, e.actor, e.at])).toEqual([
      ['release', 'dana-w', '2026-11-24T14:00:00.000Z'],
      ['note', 'dana-w', '2026-11-24T14:00:00.000Z'],
      ['note', 'eli-r', '2026-11-24T14:00:00.000Z'],
    ]);
  });

  it('starts a clean line after a line cut off by a crash, so nothing before or after it is lost', () => {
    const path = tempFile();
    const first = openJournalWriter({ path, actor: 'dana-w', now: () => T0 });
    first.append([RELEASE, { type: 'note', text: 'before' }]);
    first.close();
    writeFileSync(path, `${readFileSync(path, 'utf8')}{"at":"2026-11-24T14:0`);
    const second = openJournalWriter({ path, actor: 'dana-w', now: () => T0 });
    second.append({ type: 'note', text: 'after' });
    second.close();
    const { events, problems } = read(path);
    expect(events.map((e) => (e.type === 'note' ? e.text : e.type))).toEqual(['release', 'before', 'after']);
    expect(problems).toEqual([{ line: 3, text: 'line 3 is not valid JSON and is ignored' }]);
  });

  it('never writes a token, wherever it would appear', () => {
    const path = tempFile();
    const token = 'ghp_S3cretT0kenValue"x';
    const writer = openJournalWriter({ path, actor: 'dana-w', now: () => T0, secrets: [token, undefined] });
    writer.append({ type: 'note', text: `GitHub said: bad credentials for ${token}` });
    writer.close();
    const text = readFileSync(path, 'utf8');
    expect(text).not.toContain('ghp_S3cretT0kenValue');
    expect(text).toContain('[redacted]');
  });

  it('gives an intent an id its outcome refers to', () => {
    const path = tempFile();
    const writer = openJournalWriter({ path, actor: 'dana-w', now: () => T0 });
    writer.append(RELEASE);
    const port = journalPort(writer, 'p1');
    const id = port.record({ type: 'intent', action: 'merge-pr', number: 307, sha: 'abc' });
    port.record({ type: 'outcome', id, ok: true, sha: 'def' });
    writer.close();
    const snapshot = replay(read(path).events);
    expect(snapshot?.actions).toEqual([expect.objectContaining({ id, intent: { action: 'merge-pr', number: 307, sha: 'abc' }, outcome: expect.objectContaining({ ok: true, sha: 'def' }) })]);
  });
});

describe('journalling the store', () => {
  it('has each step transition on disk before any later subscriber (the screen, the mirror) hears of it', () => {
    const path = tempFile();
    const writer = openJournalWriter({ path, actor: 'dana-w', now: () => T0 });
    writer.append(RELEASE);
    const store = createCockpitStore({ playbook: WEEKLY_PLAYBOOK, now: T0 });
    attachJournal(store, writer, (error) => {
      throw error;
    });
    const seenOnDisk: string[] = [];
    store.subscribe((state, previous) => {
      if (state.checklist.steps === previous.checklist.steps) return;
      const onDisk = read(path).events.filter((e) => e.type === 'step').map((e) => (e.type === 'step' ? `${e.step}:${e.status}` : ''));
      seenOnDisk.push(onDisk.join(' '));
    });
    const [first, second, ...rest] = store.getState().checklist.steps;
    store.getState().stepsAdvanced([{ ...first!, status: 'done', finishedAt: T0 + 1 }, { ...second!, status: 'active', startedAt: T0 + 1 }, ...rest]);
    expect(seenOnDisk).toEqual(['review-changes:done choose-candidate:active']);
    writer.close();
  });

  it('has the line on disk before a subscriber that subscribed before the journal hears of the change', () => {
    const path = tempFile();
    const writer = openJournalWriter({ path, actor: 'dana-w', now: () => T0 });
    writer.append(RELEASE);
    const store = createCockpitStore({ playbook: WEEKLY_PLAYBOOK, now: T0 });
    const seenOnDisk: number[] = [];
    store.subscribe((state, previous) => {
      if (state.promotion.candidateSha !== previous.promotion.candidateSha) seenOnDisk.push(read(path).events.filter((e) => e.type === 'candidate').length);
    });
    attachJournal(store, writer, (error) => {
      throw error;
    });
    store.getState().candidateChosen('c'.repeat(40));
    expect(seenOnDisk).toEqual([1]);
    writer.close();
  });

  it('turns a failing write into a notice instead of taking the cockpit down', () => {
    const path = tempFile();
    const writer = openJournalWriter({ path, actor: 'dana-w', now: () => T0 });
    const store = createCockpitStore({ playbook: WEEKLY_PLAYBOOK, now: T0 });
    const errors: unknown[] = [];
    attachJournal(store, writer, (e) => errors.push(e));
    writer.close();
    store.getState().candidateChosen('c'.repeat(40));
    expect(errors).toHaveLength(1);
  });
});
