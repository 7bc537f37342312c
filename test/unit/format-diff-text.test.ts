import { describe, expect, it } from 'vitest';
import { environmentDiff } from '../../src/domain/diff.js';
import type { EnvironmentDiff } from '../../src/domain/environment.js';
import { diffSentence } from '../../src/format/diff-text.js';

const NEW_PPC = 'd4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0c1d2e3';
const OLD_PPC = 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678';

const diff = (
  aheadBy: number,
  behindBy: number,
  staging: [string | undefined, string | undefined],
  production: [string | undefined, string | undefined],
): EnvironmentDiff =>
  environmentDiff(
    { name: 'staging', components: { service: 's', ppcRevision: staging[0], sdkVersion: staging[1], problems: [] } },
    { name: 'production', components: { service: 'p', ppcRevision: production[0], sdkVersion: production[1], problems: [] } },
    { aheadBy, behindBy },
  );

describe('diffSentence', () => {
  it.each<[string, EnvironmentDiff, string]>([
    ['a full promotion', diff(9, 0, [NEW_PPC, '0.11.3'], [OLD_PPC, '0.11.2']), 'staging is 9 commits ahead of production; PPC a1b2c3d -> d4e5f6a; SDK 0.11.2 -> 0.11.3'],
    ['one commit, pins equal', diff(1, 0, [NEW_PPC, '0.11.3'], [NEW_PPC, '0.11.3']), 'staging is 1 commit ahead of production'],
    ['only the SDK moves', diff(2, 0, [NEW_PPC, '0.11.3'], [NEW_PPC, '0.11.2']), 'staging is 2 commits ahead of production; SDK 0.11.2 -> 0.11.3'],
    ['identical', diff(0, 0, [NEW_PPC, '0.11.3'], [NEW_PPC, '0.11.3']), 'staging and production are identical'],
    ['identical with pins unreadable on both sides', diff(0, 0, [undefined, undefined], [undefined, undefined]), 'staging and production are identical'],
    ['behind only', diff(0, 2, [NEW_PPC, '0.11.3'], [NEW_PPC, '0.11.3']), 'staging is 2 commits behind production'],
    ['diverged', diff(3, 1, [NEW_PPC, '0.11.3'], [NEW_PPC, '0.11.3']), 'staging and production have diverged: 3 ahead, 1 behind'],
    ['an unreadable production pin', diff(4, 0, [NEW_PPC, '0.11.3'], [undefined, '0.11.3']), 'staging is 4 commits ahead of production; PPC ? -> d4e5f6a'],
    ['an unreadable staging pin', diff(4, 0, [NEW_PPC, undefined], [NEW_PPC, '0.11.2']), 'staging is 4 commits ahead of production; SDK 0.11.2 -> ?'],
    ['same commit but a pin readable on one side only', diff(0, 0, [NEW_PPC, '0.11.3'], [undefined, '0.11.3']), 'staging and production are at the same commit; PPC ? -> d4e5f6a'],
  ])('%s', (_label, d, sentence) => {
    expect(diffSentence(d)).toBe(sentence);
  });
});
