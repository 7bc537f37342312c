import { describe, expect, it } from 'vitest';
import { reportCommand } from '../../src/format/report-hint.js';

describe('reportCommand', () => {
  it('names a release in the state directory by its id', () => {
    expect(reportCommand({ id: '2026-12-01-weekly', journal: '/home/dana/.local/state/release-cockpit/releases/2026-12-01-weekly.jsonl', isDemo: false })).toBe(
      'cockpit report 2026-12-01-weekly',
    );
  });

  it('names the demo journal by its path, which cockpit report reads as a file', () => {
    expect(reportCommand({ id: '2026-12-01-weekly', journal: '/tmp/state/demo/weekly-seed-1/releases/2026-12-01-weekly.jsonl', isDemo: true })).toBe(
      'cockpit report /tmp/state/demo/weekly-seed-1/releases/2026-12-01-weekly.jsonl',
    );
  });

  it('quotes a path a shell would split, keeping a quote inside it', () => {
    expect(reportCommand({ id: 'r', journal: "/Users/Dana O'Neil/state/r.jsonl", isDemo: true })).toBe(`cockpit report '/Users/Dana O'\\''Neil/state/r.jsonl'`);
  });
});
