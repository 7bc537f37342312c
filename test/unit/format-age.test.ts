import { describe, expect, it } from 'vitest';
import { formatAge } from '../../src/format/age.js';

const NOW = Date.parse('2026-03-03T14:00:00Z');

describe('formatAge', () => {
  it.each<[string, string]>([
    ['2026-03-03T14:00:00Z', 'just now'],
    ['2026-03-03T13:59:01Z', 'just now'],
    ['2026-03-03T14:05:00Z', 'just now'],
    ['2026-03-03T13:59:00Z', '1m ago'],
    ['2026-03-03T13:55:00Z', '5m ago'],
    ['2026-03-03T13:00:01Z', '59m ago'],
    ['2026-03-03T13:00:00Z', '1h ago'],
    ['2026-03-03T12:00:00Z', '2h ago'],
    ['2026-03-02T02:00:00Z', '36h ago'],
    ['2026-03-01T14:00:01Z', '47h ago'],
    ['2026-03-01T14:00:00Z', '2d ago'],
    ['2026-02-28T14:00:00Z', '3d ago'],
    ['2026-03-03T15:00:00+01:00', 'just now'],
    ['2026-03-03T14:00:00+01:00', '1h ago'],
    ['not a date', '?'],
  ])('%s -> %s', (iso, text) => {
    expect(formatAge(iso, NOW)).toBe(text);
    expect(formatAge(iso, new Date(NOW))).toBe(text);
  });
});
