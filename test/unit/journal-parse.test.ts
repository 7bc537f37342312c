import { describe, expect, it } from 'vitest';
import { parseJournal, problemsText } from '../../src/journal/parse.js';

const line = (o: Record<string, unknown>) => JSON.stringify({ at: '2026-11-24T14:00:00.000Z', actor: 'dana-w', ...o });

describe('parseJournal', () => {
  it('reads every line of a clean journal', () => {
    const text = `${line({ type: 'note', text: 'a' })}\n${line({ type: 'note', text: 'b' })}\n`;
    const { events, problems } = parseJournal(text);
    expect(events.map((e) => (e.type === 'note' ? e.text : ''))).toEqual(['a', 'b']);
    expect(problems).toEqual([]);
  });

  it('reports a last line cut off by a crash and keeps everything before it', () => {
    const text = `${line({ type: 'note', text: 'a' })}\n${line({ type: 'note', text: 'b' })}\n{"at":"2026-11-24T14:0`;
    const { events, problems } = parseJournal(text);
    expect(events).toHaveLength(2);
    expect(problems).toEqual([{ line: 3, text: 'line 3 was cut off (the cockpit stopped while writing it) and is ignored' }]);
    expect(problemsText(problems, 'r.jsonl')).toBe('journal r.jsonl: line 3 was cut off (the cockpit stopped while writing it) and is ignored');
  });

  it('skips a corrupt line in the middle (a sealed cut line) and keeps the lines after it', () => {
    const text = `${line({ type: 'note', text: 'a' })}\n{"at":"2026\n${line({ type: 'note', text: 'c' })}\n[1,2]\n`;
    const { events, problems } = parseJournal(text);
    expect(events.map((e) => (e.type === 'note' ? e.text : ''))).toEqual(['a', 'c']);
    expect(problems.map((p) => p.text)).toEqual(['line 2 is not valid JSON and is ignored', 'line 4 is not a journal event and is ignored']);
    expect(problemsText(problems, 'r.jsonl')).toMatch(/line 2 .*\(and 1 more line\)$/);
  });

  it('says when a newer cockpit wrote the journal', () => {
    const { problems } = parseJournal(`${line({ type: 'release', version: 99 })}\n`);
    expect(problems[0]?.text).toMatch(/newer cockpit \(journal version 99\)/);
  });

  it('treats an empty file as an empty journal', () => {
    expect(parseJournal('')).toEqual({ events: [], problems: [] });
  });
});
