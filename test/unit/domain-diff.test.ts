import { describe, expect, it } from 'vitest';
import type { Components } from '../../src/domain/environment.js';
import { environmentDiff, isIdentical } from '../../src/domain/diff.js';

const comps = (ppcRevision: string | undefined, sdkVersion: string | undefined): Components => ({
  service: 'f'.repeat(40),
  ppcRevision,
  sdkVersion,
  problems: [],
});

describe('environmentDiff', () => {
  it('keys every value by environment: from = lower (staging), to = upper (production)', () => {
    const d = environmentDiff(
      { name: 'staging', components: comps('d4e5f6a', '0.11.3') },
      { name: 'production', components: comps('a1b2c3d', '0.11.2') },
      { aheadBy: 9, behindBy: 0 },
    );
    expect(d).toEqual({
      from: 'staging',
      to: 'production',
      aheadBy: 9,
      behindBy: 0,
      ppc: { from: 'd4e5f6a', to: 'a1b2c3d', changed: true },
      sdk: { from: '0.11.3', to: '0.11.2', changed: true },
    });
    expect(isIdentical(d)).toBe(false);
  });

  it.each<[string, string | undefined, string | undefined, boolean]>([
    ['equal values', 'abc1234', 'abc1234', false],
    ['different values', 'abc1234', 'def5678', true],
    ['unknown lower', undefined, 'def5678', false],
    ['unknown upper', 'abc1234', undefined, false],
    ['both unknown', undefined, undefined, false],
  ])('a pin with %s is changed: %s', (_label, lower, upper, changed) => {
    const d = environmentDiff({ name: 'a', components: comps(lower, lower) }, { name: 'b', components: comps(upper, upper) }, { aheadBy: 0, behindBy: 0 });
    expect(d.ppc.changed).toBe(changed);
    expect(d.sdk.changed).toBe(changed);
  });

  it.each<[string, number, number, string | undefined, boolean]>([
    ['same commit and pins', 0, 0, 'x1', true],
    ['commits ahead', 3, 0, 'x1', false],
    ['commits behind', 0, 2, 'x1', false],
    ['a pin differing', 0, 0, 'x2', false],
    ['a pin unknown on one side', 0, 0, undefined, true],
  ])('isIdentical with %s: %s', (_label, ahead, behind, upperPin, identical) => {
    const d = environmentDiff({ name: 'a', components: comps('x1', '1') }, { name: 'b', components: comps(upperPin, '1') }, { aheadBy: ahead, behindBy: behind });
    expect(isIdentical(d)).toBe(identical);
  });
});
